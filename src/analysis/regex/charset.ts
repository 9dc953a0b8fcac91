/**
 * Sets of code points as sorted, disjoint, inclusive ranges: what one regex atom can match.
 * Only what the ReDoS analysis needs: build, union, complement, intersect, test for overlap.
 */
export type CharSet = readonly (readonly [number, number])[];

export const MAX_CODE_POINT = 0x10ffff;

export const EMPTY: CharSet = [];
export const ANY: CharSet = [[0, MAX_CODE_POINT]];

/** Sorts and merges ranges into canonical form. */
export function normalise(ranges: readonly (readonly [number, number])[]): CharSet {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).map(([lo, hi]) => [lo, hi] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else out.push(range);
  }
  return out;
}

export const single = (cp: number): CharSet => [[cp, cp]];
export const range = (lo: number, hi: number): CharSet => normalise([[lo, hi]]);

export function union(...sets: CharSet[]): CharSet {
  return normalise(sets.flat());
}

export function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function intersect(a: CharSet, b: CharSet): CharSet {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

export const subtract = (a: CharSet, b: CharSet): CharSet => intersect(a, complement(b));

/** True when some code point is in both sets. */
export function overlaps(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    if (Math.max(alo, blo) <= Math.min(ahi, bhi)) return true;
    if (ahi < bhi) i++;
    else j++;
  }
  return false;
}

export const isEmpty = (set: CharSet): boolean => set.length === 0;

export const DIGIT: CharSet = range(0x30, 0x39);
export const WORD: CharSet = normalise([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
/** WhiteSpace and LineTerminator, as `\s` matches them. */
export const SPACE: CharSet = normalise([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);
export const LINE_TERMINATORS: CharSet = normalise([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]);
export const DOT: CharSet = complement(LINE_TERMINATORS);

/** With the `i` flag: adds the other case of ASCII and simple Latin/Greek/Cyrillic letters. */
export function caseFold(set: CharSet): CharSet {
  const extra: [number, number][] = [];
  for (const [lo, hi] of set) {
    if (hi - lo > 0x3000) continue; // a huge range already contains both cases of what matters
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCodePoint(cp);
      for (const other of [ch.toLowerCase(), ch.toUpperCase()]) {
        if (other.length > 0 && [...other].length === 1) {
          const code = other.codePointAt(0)!;
          if (code !== cp) extra.push([code, code]);
        }
      }
    }
  }
  return extra.length === 0 ? set : normalise([...set, ...extra]);
}
