import { createHash } from 'node:crypto';

const MAX_SNIPPET_UNITS = 200;
const BLOCK_COMMENT = /\/\*[\s\S]*?\*\//g;
const LINE_COMMENT = /(^|[^:'"`\\])\/\/[^\n]*/g;
const WHITESPACE = /\s+/g;

/**
 * The flagged code as the fingerprint sees it: at most 200 UTF-16 units, comments dropped,
 * whitespace removed, so reformatting and edits elsewhere keep the fingerprint.
 */
export function normaliseFlaggedCode(code: string): string {
  return code.slice(0, MAX_SNIPPET_UNITS).replace(BLOCK_COMMENT, '').replace(LINE_COMMENT, '$1').replace(WHITESPACE, '');
}

/** sha256(ruleId NUL normalised code NUL occurrence), first 16 hex characters. No line, no path. */
export function ruleFingerprint(ruleId: string, normalisedCode: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\0${normalisedCode}\0${occurrence}`).digest('hex').slice(0, 16);
}

/**
 * Assigns fingerprints to one file's findings. `occurrence` counts, in source order, the
 * findings of the same rule with the same normalised code, so two identical lines stay distinct.
 */
export function fingerprintsInSourceOrder(items: readonly { ruleId: string; code: string }[]): string[] {
  const seen = new Map<string, number>();
  return items.map(({ ruleId, code }) => {
    const normalised = normaliseFlaggedCode(code);
    const key = `${ruleId}\0${normalised}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return ruleFingerprint(ruleId, normalised, occurrence);
  });
}
