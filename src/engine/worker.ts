/**
 * The scan worker: reads, parses and checks one file per request, so the main thread can stop
 * a file that runs too long or exhausts the worker's memory and go on with the next one.
 * Protocol (synchronous on the main side): the worker loads its modules as soon as it starts,
 * possibly before the scan's settings are known (see `prelaunchScanWorker`); the main thread posts
 * the settings, then one file at a time, and sleeps on the shared flag; the worker answers each
 * on its port, then raises the flag.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
// Loaded lazily elsewhere (src/engine/source-code.ts); here while the main thread discovers files, not at the first file.
import '@typescript-eslint/scope-manager';
import { rulesOfModule } from '../config/plugins.js';
import { RULES } from '../../rules/index.js';
import { activateRules } from './activate.js';
import { scanDiscoveredFile } from './scan-file.js';
import type { ScanRequest, WorkerChannel, WorkerConfig, WorkerSettingsMessage } from './isolated.js';
import { loadProject } from '../types/project.js';

const channel = workerData as WorkerChannel;
const flag = new Int32Array(channel.flag);
const require = createRequire(import.meta.url);

const answer = (message: unknown): void => {
  channel.port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};

let settings: WorkerConfig | undefined;
let rules: ReturnType<typeof activateRules> = [];

function configure(given: WorkerConfig): void {
  settings = given;
  const wanted = new Set(given.ruleIds);
  const available = [...RULES, ...given.pluginFiles.flatMap((file) => rulesOfModule(require(file)))];
  rules = activateRules(
    available.filter((rule) => wanted.has(rule.id)),
    given.ruleOptions,
  );
  // Type-aware mode: build the program before the first file, outside its time limit.
  if (given.engine.project !== undefined) loadProject(given.engine.project);
}

parentPort?.on('message', (message: ScanRequest | WorkerSettingsMessage) => {
  try {
    if ('settings' in message) {
      configure(message.settings);
      answer({ ok: true, ready: true });
    } else if (settings === undefined) {
      answer({ ok: false, message: 'the scan worker received a file before its settings' });
    } else {
      answer({ ok: true, outcome: scanDiscoveredFile(message.file, rules, settings.engine, settings.maxBytes, message.read) });
    }
  } catch (error) {
    answer({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
