import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AnyRule } from '../rule/types.js';
import { compareFindings, compareNotices } from '../findings/sort.js';
import type { Finding, Notice } from '../findings/model.js';
import { DEFAULT_MAX_FILE_SIZE, discover, shardOf, type DiscoverOptions, type Shard } from '../discover/index.js';
import type { EngineOptions } from './run-rules.js';
import type { SuppressionReporting } from '../suppress/diagnostics.js';
import { fileScanner, type FileScanner } from './file-scanner.js';
import { DEFAULT_MAX_MEMORY_MB } from './isolated.js';
import { readsConfigFiles, scanConfigFiles } from '../config-files/index.js';
import { checkProjectConfig } from '../types/project.js';

export { activateRules } from './activate.js';
export { scanSource } from './scan-source.js';
export { DEFAULT_MAX_MEMORY_MB };

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ScanOptions extends Omit<DiscoverOptions, 'root'> {
  /** Findings name files relative to this folder; default: the current directory. */
  readonly root?: string;
  readonly rules: readonly AnyRule[];
  /** Options per rule id or name. */
  readonly ruleOptions?: Readonly<Record<string, unknown>>;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly maxFileSize?: number;
  /**
   * Per-file time limit in milliseconds (default 10 s). Files are then analysed in a worker
   * thread that is replaced when a file exceeds it; 0 analyses in this thread, without a limit.
   */
  readonly timeoutMs?: number;
  /** Heap limit of the worker in MiB (default 4096). */
  readonly maxMemoryMb?: number;
  /** Module files of plugins whose rules are among `rules`: loaded again in the worker. */
  readonly pluginFiles?: readonly string[];
  /** Ids of the rules those plugins provide. */
  readonly pluginRuleIds?: readonly string[];
  /** Scan only this share of the discovered files (CI matrices); notices of discovery stay whole. */
  readonly shard?: Shard;
  /** Scan only discovered files whose root-relative path is in this set (`--changed-since`); excludes still apply. */
  readonly onlyFiles?: ReadonlySet<string>;
  /** Keep results of unchanged files here (content, path, code, rules and options in the key). */
  readonly cacheDir?: string;
  /** Called after each file (for a progress display); must be cheap. */
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Bandit's --ignore-nosec: tsbandit-ignore and nosec comments count for nothing (eslint-disable still does). */
  readonly ignoreInlineSuppressions?: boolean;
  /** Also report suppression comments that name no rule / silence nothing (pseudo-rules TSB001, TSB002). */
  readonly reportSuppressions?: SuppressionReporting;
  /** Type-aware mode (`--project`): a tsconfig whose TypeScript program answers rules' type questions; built once per scan. */
  readonly project?: string;
}

export interface ScanProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly findings: number;
  readonly elapsedMs: number;
}

export interface ScanStats {
  readonly filesFound: number;
  readonly filesScanned: number;
  readonly lines: number;
  readonly bytes: number;
}

export interface ScanResult {
  /** Every finding, sorted, suppressed ones included (marked); thresholds are the reporter's business. */
  readonly findings: Finding[];
  readonly notices: Notice[];
  /** Paths given that do not exist. */
  readonly missing: string[];
  readonly stats: ScanStats;
  readonly durationMs: number;
}

/**
 * Discovers, reads, parses and checks files one at a time. Each file's tree and text are
 * dropped once its findings are recorded, so memory follows the largest file, not the corpus.
 */
export function scan(options: ScanOptions): ScanResult {
  const started = performance.now();
  const root = options.root ?? process.cwd();
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const engine: EngineOptions = {
    settings: options.settings ?? {},
    ignoreInlineSuppressions: options.ignoreInlineSuppressions === true,
    ...(options.reportSuppressions !== undefined ? { reportSuppressions: options.reportSuppressions } : {}),
    ...(options.project !== undefined ? { project: checkProjectConfig(path.resolve(root, options.project)) } : {}),
  };
  const scanFile = fileScanner(options, maxBytes, engine, { timeoutMs: DEFAULT_TIMEOUT_MS, maxMemoryMb: DEFAULT_MAX_MEMORY_MB });
  try {
    return scanDiscovered(options, root, maxBytes, engine, scanFile, started);
  } finally {
    scanFile.close();
  }
}

function scanDiscovered(options: ScanOptions, root: string, maxBytes: number, engine: EngineOptions, scanFile: FileScanner, started: number): ScanResult {
  const discovered = discover({ ...options, root, configFiles: readsConfigFiles(options.rules) });
  const { shard } = options;
  // A shard takes its share of files and of discovery notices, so merged shards equal one scan.
  const { onlyFiles } = options;
  const inShard = (relative: string): boolean => (shard === undefined || shardOf(relative, shard.count) === shard.index) && (onlyFiles === undefined || onlyFiles.has(relative));
  const discovery = {
    ...discovered,
    files: discovered.files.filter((file) => inShard(file.relative)),
    configFiles: discovered.configFiles.filter((file) => inShard(file.relative)),
    notices: discovered.notices.filter((notice) => inShard(notice.file)),
  };
  const findings: Finding[] = [];
  const notices: Notice[] = [...discovery.notices];
  let filesScanned = 0;
  let lines = 0;
  let bytes = 0;
  let filesDone = 0;
  for (const file of discovery.files) {
    const outcome = scanFile.scan(file);
    for (const finding of outcome.findings) findings.push(finding);
    for (const notice of outcome.notices) notices.push(notice);
    if (outcome.scanned) filesScanned++;
    lines += outcome.lines;
    bytes += outcome.bytes;
    options.onProgress?.({ filesDone: ++filesDone, filesTotal: discovery.files.length, findings: findings.length, elapsedMs: performance.now() - started });
  }
  // Configuration files (.env, JSON, YAML...): read for secrets only, in this thread (src/config-files).
  const config = scanConfigFiles(discovery.configFiles, options.rules, { maxBytes, ignoreInlineSuppressions: engine.ignoreInlineSuppressions === true });
  for (const finding of config.findings) findings.push(finding);
  for (const notice of config.notices) notices.push(notice);
  filesScanned += config.scanned;
  lines += config.lines;
  bytes += config.bytes;
  findings.sort(compareFindings);
  notices.sort(compareNotices);
  return {
    findings,
    notices,
    missing: discovery.missing,
    stats: { filesFound: discovery.files.length + config.found, filesScanned, lines, bytes },
    durationMs: performance.now() - started,
  };
}
