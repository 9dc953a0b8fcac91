/**
 * GitHub code scanning's `primaryLocationLineHash`, reproduced so that an alert keeps its
 * identity whichever way the SARIF reaches GitHub (upload-sarif computes it only when absent).
 *
 * Per line: a rolling hash, mod 2^64, of the 100 UTF-16 units that start at the line's first
 * kept unit, where spaces and tabs are dropped and CR / CRLF count as one LF; the text is
 * followed by 0xFFFF and 100 zeros. The value is `hex:n`, n counting the earlier lines with
 * the same hash. 64-bit arithmetic is done on two 32-bit halves (BigInt is ~10x slower here).
 */
const WINDOW = 100;
const BASE = 37;
const TWO_32 = 4294967296;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const END_OF_TEXT = 0xffff;

/** 37^100 mod 2^64 as [hi, lo]. */
const BASE_POW_WINDOW = (() => {
  let hi = 0;
  let lo = 1;
  for (let i = 0; i < WINDOW; i++) [hi, lo] = mulSmall(hi, lo, BASE);
  return [hi, lo] as const;
})();

function mulSmall(hi: number, lo: number, factor: number): [number, number] {
  const low = lo * factor; // < 2^48: exact
  const carry = Math.floor(low / TWO_32);
  return [(Math.imul(hi, factor) + carry) >>> 0, low >>> 0];
}

/** Units as the hash sees them, and the index of each line's first unit (1-based lines). */
function keptUnits(text: string, lastLine: number): { units: Uint16Array; lineStarts: number[] } {
  const units = new Uint16Array(text.length + 1 + WINDOW);
  const lineStarts: number[] = [0];
  let count = 0;
  let previousWasCR = false;
  let atLineStart = true;
  const keep = (unit: number): void => {
    if (atLineStart) {
      atLineStart = false;
      lineStarts.push(count);
    }
    if (unit === LF) atLineStart = true;
    units[count++] = unit;
  };
  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i);
    if (unit === SPACE || unit === TAB || (previousWasCR && unit === LF)) {
      previousWasCR = false;
      continue;
    }
    previousWasCR = unit === CR;
    if (unit === CR) unit = LF;
    keep(unit);
    // Past the last needed line plus a whole window, later text cannot change any needed hash.
    if (lineStarts.length > lastLine + 1 && count > (lineStarts[lastLine] ?? 0) + WINDOW) break;
  }
  keep(END_OF_TEXT);
  // The 100 trailing zeros are already there: Uint16Array starts zeroed.
  return { units: units.subarray(0, count + WINDOW), lineStarts };
}

/**
 * The `primaryLocationLineHash` of each line from 1 to `lastLine` (index = line number;
 * index 0 unused). Lines past the end of the text get no value.
 */
export function lineHashes(text: string, lastLine: number): string[] {
  const { units, lineStarts } = keptUnits(text, lastLine);
  const out: string[] = [''];
  const counts = new Map<string, number>();
  let hi = 0;
  let lo = 0;
  // Hash of the window starting at 0.
  for (let j = 0; j < WINDOW; j++) {
    [hi, lo] = mulSmall(hi, lo, BASE);
    lo += units[j] ?? 0;
    if (lo >= TWO_32) {
      lo -= TWO_32;
      hi = (hi + 1) >>> 0;
    }
  }
  let position = 0;
  for (let line = 1; line < lineStarts.length && line <= lastLine; line++) {
    const start = lineStarts[line] ?? 0;
    while (position < start) {
      // Slide by one: h = 37*h - u[p]*37^100 + u[p+100]
      [hi, lo] = mulSmall(hi, lo, BASE);
      const outgoing = units[position] ?? 0;
      const [subHi, subLo] = mulSmall(BASE_POW_WINDOW[0], BASE_POW_WINDOW[1], outgoing);
      lo -= subLo;
      hi = (hi - subHi) >>> 0;
      if (lo < 0) {
        lo += TWO_32;
        hi = (hi - 1) >>> 0;
      }
      lo += units[position + WINDOW] ?? 0;
      if (lo >= TWO_32) {
        lo -= TWO_32;
        hi = (hi + 1) >>> 0;
      }
      position++;
    }
    const hex = hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
    const seen = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, seen);
    out.push(`${hex}:${seen}`);
  }
  return out;
}
