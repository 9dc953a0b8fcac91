import { performance } from 'node:perf_hooks';
import { resolveOptions } from '../rule/define-rule.js';
import type { AnyRule } from '../rule/types.js';
import { compareFindings, compareNotices } from '../findings/sort.js';
import type { Finding, Notice } from '../findings/model.js';
import { DEFAULT_MAX_FILE_SIZE, discover, readSourceFile, type DiscoverOptions } from '../discover/index.js';
import { parseSource } from '../parse/index.js';
import { runRulesOnFile, type ActiveRule, type FileResult } from './run-rules.js';

export interface ScanOptions extends Omit<DiscoverOptions, 'root'> {
  /** Findings name files relative to this folder; default: the current directory. */
  readonly root?: string;
  readonly rules: readonly AnyRule[];
  /** Options per rule id or name. */
  readonly ruleOptions?: Readonly<Record<string, unknown>>;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly maxFileSize?: number;
}

export interface ScanStats {
  readonly filesFound: number;
  readonly filesScanned: number;
  readonly lines: number;
  readonly bytes: number;
}

export interface ScanResult {
  /** Every finding, sorted; thresholds are the reporter's business. */
  readonly findings: Finding[];
  readonly notices: Notice[];
  /** Paths given that do not exist. */
  readonly missing: string[];
  readonly stats: ScanStats;
  readonly durationMs: number;
}

export function activateRules(rules: readonly AnyRule[], ruleOptions: Readonly<Record<string, unknown>> = {}): ActiveRule[] {
  return rules.map((rule) => ({ rule, options: resolveOptions(rule, ruleOptions[rule.id] ?? ruleOptions[rule.name]) }));
}

/** Parses and checks one file's text: what the scanner does per file, and what the fixture tests call. */
export function scanSource(file: string, text: string, rules: readonly ActiveRule[], settings: Readonly<Record<string, unknown>> = {}): FileResult {
  const parsed = parseSource(text, file);
  if (!parsed.ok) {
    return {
      findings: [],
      notices: [{ kind: 'parse-error', file, line: parsed.line, column: parsed.column, message: `could not be parsed: ${parsed.message}` }],
    };
  }
  return runRulesOnFile({ file, text, ast: parsed.ast }, rules, settings);
}

/**
 * Discovers, reads, parses and checks files one at a time. Each file's tree and text are
 * dropped once its findings are recorded, so memory follows the largest file, not the corpus.
 */
export function scan(options: ScanOptions): ScanResult {
  const started = performance.now();
  const root = options.root ?? process.cwd();
  const discovery = discover({ ...options, root });
  const rules = activateRules(options.rules, options.ruleOptions);
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const findings: Finding[] = [];
  const notices: Notice[] = [...discovery.notices];
  let filesScanned = 0;
  let lines = 0;
  let bytes = 0;
  for (const file of discovery.files) {
    const read = readSourceFile(file.absolute, file.relative, maxBytes);
    if (!read.ok) {
      notices.push(read.notice);
      continue;
    }
    if (read.notice !== undefined) notices.push(read.notice);
    const result = scanSource(file.relative, read.text, rules, options.settings);
    for (const finding of result.findings) findings.push(finding);
    for (const notice of result.notices) notices.push(notice);
    if (!result.notices.some((n) => n.kind === 'parse-error')) filesScanned++;
    lines += countLines(read.text);
    bytes += read.bytes;
  }
  findings.sort(compareFindings);
  notices.sort(compareNotices);
  return {
    findings,
    notices,
    missing: discovery.missing,
    stats: { filesFound: discovery.files.length, filesScanned, lines, bytes },
    durationMs: performance.now() - started,
  };
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return text.endsWith('\n') ? count - 1 : count;
}
