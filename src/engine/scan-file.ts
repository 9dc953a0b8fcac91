import { readSourceFile, type ReadOutcome } from '../discover/read.js';
import type { DiscoveredFile } from '../discover/discover.js';
import type { Finding, Notice } from '../findings/model.js';
import type { ActiveRule, EngineOptions } from './run-rules.js';
import { scanSource } from './scan-source.js';

/** What scanning one discovered file yields, as plain data (it crosses a worker boundary). */
export interface FileOutcome {
  readonly findings: Finding[];
  readonly notices: Notice[];
  /** The file was read and parsed. */
  readonly scanned: boolean;
  readonly lines: number;
  readonly bytes: number;
}

/**
 * Reads, parses and checks one file; every failure becomes a notice. `read` is the file already
 * read by the caller (the result cache hashes it first), so it is read once.
 */
export function scanDiscoveredFile(
  file: DiscoveredFile,
  rules: readonly ActiveRule[],
  options: EngineOptions,
  maxBytes: number,
  read: ReadOutcome = readSourceFile(file.absolute, file.relative, maxBytes),
): FileOutcome {
  if (!read.ok) return unreadOutcome(read.notice);
  const result = scanSource(file.relative, read.text, rules, options, file.absolute);
  const notices = read.notice === undefined ? result.notices : [read.notice, ...result.notices];
  const scanned = !result.notices.some((n) => n.kind === 'parse-error');
  return { findings: result.findings, notices, scanned, lines: countLines(read.text), bytes: read.bytes };
}

/** A file that could not be read (or was skipped before reading): its notice and nothing else. */
export const unreadOutcome = (notice: Notice): FileOutcome => ({ findings: [], notices: [notice], scanned: false, lines: 0, bytes: 0 });

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
