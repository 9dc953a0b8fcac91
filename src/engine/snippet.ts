const MAX_SNIPPET_LINES = 3;
const MAX_LINE_UNITS = 200;
const CONTEXT_BEFORE = 60;
// Control characters other than tab, and the bidi controls that can disguise code (CVE-2021-42574).
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A secret's text as a report may show it: at most its first four characters. */
export function maskSecret(secret: string): string {
  const visible = secret.length >= 16 ? 4 : 0;
  return secret.slice(0, visible) + '*'.repeat(Math.min(secret.length - visible, 24));
}

/**
 * Replaces every secret range in `text[from, to)` by its mask; ranges are absolute offsets,
 * sorted by start and not overlapping (as `mergeRanges` gives them, or as reports come in source
 * order). A binary search finds the first range that can touch the slice, so a file with 50,000
 * secrets does not scan all of them for each of its 50,000 snippets.
 */
export function maskedSlice(text: string, from: number, to: number, secrets: readonly (readonly [number, number])[]): string {
  let out = '';
  let cursor = from;
  let low = 0;
  let high = secrets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((secrets[mid] as readonly [number, number])[1] <= from) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < secrets.length; i++) {
    const [start, end] = secrets[i] as readonly [number, number];
    if (start >= to) break;
    if (end <= cursor) continue;
    const maskFrom = Math.max(start, cursor);
    out += text.slice(cursor, maskFrom);
    // Keep quotes and the visible prefix of the secret itself, never more.
    const masked = maskSecret(text.slice(start, end));
    out += masked.slice(maskFrom - start, Math.min(end, to) - start);
    cursor = Math.min(end, to);
  }
  return out + text.slice(cursor, to);
}

/** Ranges sorted by start, overlapping or touching ones joined. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * The text with every secret's characters replaced by `*`, line breaks kept (so lines stay where
 * they are). Line hashes are computed over this: GitHub's line hash of a line holding
 * `password = "hunter2"` would let anyone test guesses of the password against the report.
 */
export function blankSecrets(text: string, secrets: readonly (readonly [number, number])[]): string {
  let out = '';
  let cursor = 0;
  for (const [start, end] of mergeRanges(secrets)) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    out += text.slice(cursor, from) + text.slice(from, end).replace(/[^\r\n\u2028\u2029]/g, '*');
    cursor = end;
  }
  return out + text.slice(cursor);
}

export const escapeControlCharacters = (line: string): string =>
  line.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The flagged line(s) for a report: at most three lines, each cut to 200 units around the
 * flagged column (minified files have megabyte lines), secrets masked, controls escaped.
 */
export function snippetOf(
  text: string,
  lineStarts: readonly number[],
  startLine: number,
  startColumn0: number,
  endLine: number,
  secrets: readonly (readonly [number, number])[],
): string {
  const last = Math.min(endLine, startLine + MAX_SNIPPET_LINES - 1);
  const lines: string[] = [];
  for (let line = startLine; line <= last; line++) {
    const from = lineStarts[line - 1] ?? text.length;
    let to = lineStarts[line] ?? text.length;
    while (to > from && (text.charCodeAt(to - 1) === 0x0a || text.charCodeAt(to - 1) === 0x0d)) to--;
    let cutFrom = from;
    if (line === startLine && startColumn0 > CONTEXT_BEFORE && to - from > MAX_LINE_UNITS) {
      cutFrom = from + startColumn0 - CONTEXT_BEFORE;
    }
    const cutTo = Math.min(to, cutFrom + MAX_LINE_UNITS);
    let shown = maskedSlice(text, cutFrom, cutTo, secrets);
    if (cutFrom > from) shown = '…' + shown;
    if (cutTo < to) shown += '…';
    lines.push(escapeControlCharacters(shown));
  }
  if (last < endLine) lines.push('…');
  return lines.join('\n');
}
