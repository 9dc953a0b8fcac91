import { readSourceFile } from '../discover/read.js';
import type { DiscoveredFile } from '../discover/discover.js';
import type { Finding, Notice } from '../findings/model.js';
import type { ActiveRule, EngineOptions } from './run-rules.js';
import { scanSource } from './scan-source.js';
import { readCached, writeCached, type ResultCache } from './cache.js';

/** What scanning one discovered file yields, as plain data (it crosses a worker boundary). */
export interface FileOutcome {
  readonly findings: Finding[];
  readonly notices: Notice[];
  /** The file was read and parsed. */
  readonly scanned: boolean;
  readonly lines: number;
  readonly bytes: number;
}

/** Reads, parses and checks one file; every failure becomes a notice. */
export function scanDiscoveredFile(
  file: DiscoveredFile,
  rules: readonly ActiveRule[],
  options: EngineOptions,
  maxBytes: number,
  cache?: ResultCache,
): FileOutcome {
  const read = readSourceFile(file.absolute, file.relative, maxBytes);
  if (!read.ok) return { findings: [], notices: [read.notice], scanned: false, lines: 0, bytes: 0 };
  const cached = cache === undefined ? undefined : readCached(cache, file.relative, read.text);
  if (cached !== undefined) return cached;
  const result = scanSource(file.relative, read.text, rules, options, file.absolute);
  const notices = read.notice === undefined ? result.notices : [read.notice, ...result.notices];
  const scanned = !result.notices.some((n) => n.kind === 'parse-error');
  const outcome = { findings: result.findings, notices, scanned, lines: countLines(read.text), bytes: read.bytes };
  // Rule errors may be transient bugs worth a re-run; everything else is a pure function of the key.
  if (cache !== undefined && !notices.some((n) => n.kind === 'rule-error')) writeCached(cache, file.relative, read.text, outcome);
  return outcome;
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a) count++;
    else if (unit === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      count++;
    }
  }
  const last = text.charCodeAt(text.length - 1);
  return last === 0x0a || last === 0x0d ? count - 1 : count;
}
