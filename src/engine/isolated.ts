import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { DiscoveredFile } from '../discover/discover.js';
import type { EngineOptions } from './run-rules.js';
import type { FileOutcome } from './scan-file.js';
import type { ResultCache } from './cache.js';

export interface IsolationLimits {
  /** Per-file limit on reading, parsing and analysis, in milliseconds. */
  readonly timeoutMs: number;
  /** Heap limit of the worker, in MiB: a file that needs more is skipped, not fatal. */
  readonly maxMemoryMb: number;
}

export interface WorkerConfig {
  readonly ruleIds: readonly string[];
  readonly ruleOptions: Readonly<Record<string, unknown>>;
  readonly engine: EngineOptions;
  readonly maxBytes: number;
  /** Plugin modules the worker loads too, so their rules run under the same limits. */
  readonly pluginFiles: readonly string[];
  readonly cache?: ResultCache;
}

const STARTUP_TIMEOUT_MS = 60_000;
const PROJECT_STARTUP_TIMEOUT_MS = 600_000;
const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Scans files one at a time in a worker thread, synchronously from the caller's point of view
 * (Atomics.wait on a shared flag, receiveMessageOnPort for the answer). A file that exceeds
 * the time limit or the worker's memory gets a notice; the worker is replaced and the scan goes on.
 */
export class IsolatedFileScanner {
  #worker: Worker | undefined;
  #port: MessagePort | undefined;
  #flag = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly config: WorkerConfig,
    private readonly limits: IsolationLimits,
  ) {}

  /** Starts the worker and waits for it to load; false when it cannot start (the caller scans in-process). */
  start(): boolean {
    Atomics.store(this.#flag, 0, 0);
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#worker = new Worker(WORKER_URL, {
      workerData: { ...this.config, flag: this.#flag.buffer, port: channel.port2 },
      transferList: [channel.port2],
      // The default stack on purpose: files nested deeply enough to need more go to the
      // recursion-safe parser (src/parse/nesting.ts), which then fails fast with a notice.
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb },
      stdout: false,
      stderr: false,
    });
    // An out-of-memory or crashed worker must not take the process down; the wait below notices.
    this.#worker.on('error', () => undefined);
    this.#worker.unref();
    // Type-aware mode builds the TypeScript program at startup: allow it longer.
    const answer = this.#await(this.config.engine.project !== undefined ? PROJECT_STARTUP_TIMEOUT_MS : STARTUP_TIMEOUT_MS);
    return answer !== undefined && (answer as { ready?: boolean }).ready === true;
  }

  scan(file: DiscoveredFile): FileOutcome {
    if (this.#worker === undefined && !this.start()) throw new Error('the scan worker could not start');
    Atomics.store(this.#flag, 0, 0);
    this.#worker!.postMessage(file);
    const answer = this.#await(this.limits.timeoutMs) as { ok: boolean; outcome?: FileOutcome; message?: string } | undefined;
    if (answer === undefined) {
      this.#replaceWorker();
      const seconds = (this.limits.timeoutMs / 1000).toLocaleString('en-US');
      return skipped(file, `took longer than ${seconds} s or more than ${this.limits.maxMemoryMb} MiB to analyse (--timeout, --max-memory); skipped`);
    }
    if (!answer.ok || answer.outcome === undefined) return skipped(file, `internal error while scanning: ${answer.message ?? 'unknown'}; skipped`);
    return answer.outcome;
  }

  close(): void {
    void this.#worker?.terminate();
    this.#port?.close();
    this.#worker = undefined;
  }

  #replaceWorker(): void {
    this.close();
    this.#worker = undefined;
  }

  /** Sleeps until the worker raises the flag (or the time is up), then takes its answer. */
  #await(timeoutMs: number): unknown {
    const outcome = Atomics.wait(this.#flag, 0, 0, timeoutMs);
    if (outcome === 'timed-out') return undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      const received = this.#port === undefined ? undefined : receiveMessageOnPort(this.#port);
      if (received !== undefined) return received.message;
      Atomics.wait(this.#flag, 0, 1, 1); // the message is posted before the flag: rarely needs a retry
    }
    return undefined;
  }
}

const skipped = (file: DiscoveredFile, message: string): FileOutcome => ({
  findings: [],
  notices: [{ kind: 'resource-limit', file: file.relative, message }],
  scanned: false,
  lines: 0,
  bytes: 0,
});
