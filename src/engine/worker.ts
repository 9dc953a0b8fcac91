/**
 * The scan worker: reads, parses and checks one file per request, so the main thread can stop
 * a file that runs too long or exhausts the worker's memory and go on with the next one.
 * Protocol (synchronous on the main side): the main thread posts a file, then sleeps on the
 * shared flag; the worker answers on its port, then raises the flag.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { rulesOfModule } from '../config/plugins.js';
import { RULES } from '../../rules/index.js';
import { activateRules } from './activate.js';
import { scanDiscoveredFile } from './scan-file.js';
import type { ScanRequest, WorkerConfig } from './isolated.js';
import { loadProject } from '../types/project.js';

/** What the worker starts with: the scan's configuration and the channel back to the main thread. */
export interface WorkerSetup extends WorkerConfig {
  readonly flag: SharedArrayBuffer;
  readonly port: MessagePort;
}

const setup = workerData as WorkerSetup;
const flag = new Int32Array(setup.flag);
const wanted = new Set(setup.ruleIds);
const require = createRequire(import.meta.url);
const available = [...RULES, ...setup.pluginFiles.flatMap((file) => rulesOfModule(require(file)))];
const rules = activateRules(
  available.filter((rule) => wanted.has(rule.id)),
  setup.ruleOptions,
);

const answer = (message: unknown): void => {
  setup.port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};

parentPort?.on('message', ({ file, read }: ScanRequest) => {
  try {
    answer({ ok: true, outcome: scanDiscoveredFile(file, rules, setup.engine, setup.maxBytes, read) });
  } catch (error) {
    answer({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
// Type-aware mode: build the program before the first file, outside its time limit.
if (setup.engine.project !== undefined) loadProject(setup.engine.project);
answer({ ok: true, ready: true });
