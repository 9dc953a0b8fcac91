import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { DiscoveredFile } from '../discover/discover.js';
import type { EngineOptions } from './run-rules.js';
import type { FileOutcome } from './scan-file.js';
import type { ReadOutcome } from '../discover/read.js';

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
}

/** What the main thread posts to the worker for each file. */
export interface ScanRequest {
  readonly file: DiscoveredFile;
  readonly read: ReadOutcome | undefined;
}

/** What the main thread posts first: the scan's settings, which the worker needs before any file. */
export interface WorkerSettingsMessage {
  readonly settings: WorkerConfig;
}

/** What the worker is started with: the channel its answers come back on. */
export interface WorkerChannel {
  readonly flag: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** The heap limit of the scan worker unless `--max-memory` says otherwise, in MiB. */
export const DEFAULT_MAX_MEMORY_MB = 4096;
const STARTUP_TIMEOUT_MS = 60_000;
const PROJECT_STARTUP_TIMEOUT_MS = 600_000;
const WORKER_URL = new URL('./worker.js', import.meta.url);

interface StartedWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
  readonly maxMemoryMb: number;
}

function startWorker(maxMemoryMb: number): StartedWorker {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const channel = new MessageChannel();
  const worker = new Worker(WORKER_URL, {
    workerData: { flag: flag.buffer, port: channel.port2 } satisfies WorkerChannel,
    transferList: [channel.port2],
    // The default stack on purpose: files nested deeply enough to need more go to the
    // recursion-safe parser (src/parse/nesting.ts), which then fails fast with a notice.
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    stdout: false,
    stderr: false,
  });
  // An out-of-memory or crashed worker must not take the process down; the wait below notices.
  worker.on('error', () => undefined);
  worker.unref();
  return { worker, port: channel.port1, flag, maxMemoryMb };
}

let prelaunched: StartedWorker | undefined;

/**
 * Starts a scan worker before the command line's own modules load, so the worker loads the
 * rules and the parser on the other core meanwhile (the CLI calls this first thing for `scan`):
 * a CI shard pays process start-up once per job, and this takes the worker's share of it off
 * the path to the first file. A scan adopts it; one that does not need it leaves it unreferenced,
 * and it ends with the process.
 */
export function prelaunchScanWorker(maxMemoryMb = DEFAULT_MAX_MEMORY_MB): void {
  prelaunched ??= startWorker(maxMemoryMb);
}

/** The prelaunched worker, if there is one with this heap limit; any other is stopped. */
function adoptPrelaunched(maxMemoryMb: number): StartedWorker | undefined {
  const started = prelaunched;
  prelaunched = undefined;
  if (started === undefined || started.maxMemoryMb === maxMemoryMb) return started;
  void started.worker.terminate();
  return undefined;
}

/**
 * Scans files one at a time in a worker thread, synchronously from the caller's point of view
 * (Atomics.wait on a shared flag, receiveMessageOnPort for the answer). A file that exceeds
 * the time limit or the worker's memory gets a notice; the worker is replaced and the scan goes on.
 */
export class IsolatedFileScanner {
  #started: StartedWorker | undefined;
  /** Whether the current worker has answered that it loaded; undefined until asked. */
  #ready: boolean | undefined;

  constructor(
    private readonly config: WorkerConfig,
    private readonly limits: IsolationLimits,
  ) {}

  /**
   * Starts the worker (or adopts the prelaunched one) and sends it the scan's settings without
   * waiting: it loads the rules while the caller discovers files. `ready` (or the first `scan`)
   * waits for it.
   */
  launch(): void {
    this.#started = adoptPrelaunched(this.limits.maxMemoryMb) ?? startWorker(this.limits.maxMemoryMb);
    this.#started.worker.postMessage({ settings: this.config } satisfies WorkerSettingsMessage);
    this.#ready = undefined;
  }

  /** Waits until the launched worker has loaded; false when it cannot start (the caller scans in-process). */
  ready(): boolean {
    if (this.#started === undefined) this.launch();
    if (this.#ready === undefined) {
      // Type-aware mode builds the TypeScript program at startup: allow it longer.
      const answer = this.#await(this.config.engine.project !== undefined ? PROJECT_STARTUP_TIMEOUT_MS : STARTUP_TIMEOUT_MS);
      this.#ready = answer !== undefined && (answer as { ready?: boolean }).ready === true;
    }
    return this.#ready;
  }

  /** Scans a file in the worker; `read` is its content when the caller has read it already. */
  scan(file: DiscoveredFile, read?: ReadOutcome): FileOutcome {
    if (!this.ready()) throw new Error('the scan worker could not start');
    const { worker, flag } = this.#started!;
    Atomics.store(flag, 0, 0);
    worker.postMessage({ file, read } satisfies ScanRequest);
    const answer = this.#await(this.limits.timeoutMs) as { ok: boolean; outcome?: FileOutcome; message?: string } | undefined;
    if (answer === undefined) {
      this.close(); // the next file starts a new worker
      const seconds = (this.limits.timeoutMs / 1000).toLocaleString('en-US');
      return skipped(file, `took longer than ${seconds} s or more than ${this.limits.maxMemoryMb} MiB to analyse (--timeout, --max-memory); skipped`);
    }
    if (!answer.ok || answer.outcome === undefined) return skipped(file, `internal error while scanning: ${answer.message ?? 'unknown'}; skipped`);
    return answer.outcome;
  }

  close(): void {
    void this.#started?.worker.terminate();
    this.#started?.port.close();
    this.#started = undefined;
  }

  /** Sleeps until the worker raises the flag (or the time is up), then takes its answer. */
  #await(timeoutMs: number): unknown {
    if (this.#started === undefined) return undefined;
    const { flag, port } = this.#started;
    const outcome = Atomics.wait(flag, 0, 0, timeoutMs);
    if (outcome === 'timed-out') return undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      const received = receiveMessageOnPort(port);
      if (received !== undefined) return received.message;
      Atomics.wait(flag, 0, 1, 1); // the message is posted before the flag: rarely needs a retry
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
