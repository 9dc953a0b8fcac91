import path from 'node:path';
import type { DiscoveredFile } from '../discover/discover.js';
import { readSourceFile } from '../discover/read.js';
import { RULES } from '../../rules/index.js';
import type { AnyRule } from '../rule/types.js';
import { activateRules } from './activate.js';
import { cacheSalt, contentHash, ResultStore } from './cache.js';
import { IsolatedFileScanner, type IsolationLimits } from './isolated.js';
import type { EngineOptions } from './run-rules.js';
import { scanDiscoveredFile, unreadOutcome, type FileOutcome } from './scan-file.js';

/** What `fileScanner` needs of the scan's options. */
export interface FileScannerOptions {
  readonly rules: readonly AnyRule[];
  readonly ruleOptions?: Readonly<Record<string, unknown>>;
  /** 0: in this thread, without a limit. */
  readonly timeoutMs?: number;
  readonly maxMemoryMb?: number;
  readonly pluginFiles?: readonly string[];
  readonly pluginRuleIds?: readonly string[];
  readonly cacheDir?: string;
}

export interface FileScanner {
  scan(file: DiscoveredFile): FileOutcome;
  /** Stops the worker and writes the result cache. */
  close(): void;
}

/**
 * A rule that threw may be a transient bug worth a re-run: such an outcome is not kept. A file
 * over the time or memory limit is kept (with its notice): it would only time out again, and
 * the limits are part of the salt, so raising `--timeout` scans it again.
 */
const isFinished = (outcome: FileOutcome): boolean => !outcome.notices.some((notice) => notice.kind === 'rule-error');

/**
 * Scans files one at a time: in a worker when a time limit is set and every rule can be loaded
 * there (the registry's and plugins'), otherwise in this thread (rule objects passed through the
 * API cannot cross to a worker). The worker is launched at once (or the one the CLI prelaunched is
 * adopted), so it loads the rules while the caller discovers files. With a result cache, this thread reads and hashes each file and answers
 * from the cache when it can; only a miss goes to the worker, with the text already read (and the
 * worker is launched at the first miss when the store already held results).
 */
export function fileScanner(options: FileScannerOptions, maxBytes: number, engine: EngineOptions, defaults: IsolationLimits): FileScanner {
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const pluginFiles = options.pluginFiles ?? [];
  const ruleIds = options.rules.map((rule) => rule.id);
  const ruleOptions = options.ruleOptions ?? {};
  const limits = { timeoutMs, maxMemoryMb: options.maxMemoryMb ?? defaults.maxMemoryMb };
  // Types depend on other files than the one cached: no result cache in type-aware mode.
  const store =
    options.cacheDir === undefined || engine.project !== undefined
      ? undefined
      : new ResultStore({ dir: path.resolve(options.cacheDir), salt: cacheSalt({ ruleIds, ruleOptions, engine, maxBytes, pluginFiles, limits }) });
  const pluginIds = new Set(options.pluginRuleIds ?? []);
  const registered = options.rules.every((rule) => RULES.includes(rule) || pluginIds.has(rule.id));
  const isolated =
    timeoutMs > 0 && registered
      ? new IsolatedFileScanner({ ruleIds, ruleOptions, engine, maxBytes, pluginFiles }, limits)
      : undefined;
  // A filled store answers most files here: the worker then starts at the first miss rather
  // than load every rule for a re-scan that may never need it. (The CLI prelaunches one for
  // every scan, src/cli/bin.ts: there it loads on the other core anyway, and is adopted at the first miss.)
  if (store === undefined || store.isEmpty) isolated?.launch();
  let rulesHere: ReturnType<typeof activateRules> | undefined;
  const analyse = (file: DiscoveredFile, read?: Parameters<typeof scanDiscoveredFile>[4]): FileOutcome => {
    if (isolated?.ready() === true) return isolated.scan(file, read);
    rulesHere ??= activateRules(options.rules, options.ruleOptions);
    return scanDiscoveredFile(file, rulesHere, engine, maxBytes, read);
  };
  return {
    scan(file) {
      if (store === undefined) return analyse(file);
      const read = readSourceFile(file.absolute, file.relative, maxBytes);
      if (!read.ok) return unreadOutcome(read.notice);
      const hash = contentHash(read.text);
      const cached = store.lookup(file.relative, hash);
      if (cached !== undefined) return cached;
      const outcome = analyse(file, read);
      if (isFinished(outcome)) store.record(file.relative, hash, outcome);
      return outcome;
    },
    close() {
      isolated?.close();
      store?.save();
    },
  };
}
