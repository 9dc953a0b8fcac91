/**
 * How random a string looks: Shannon entropy over its characters and the alphabets it uses.
 * Used only together with a credential-like name (or a known call), never on its own, to keep
 * precision: plenty of random-looking strings (hashes, ids, base64 images) are not secrets.
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export interface CharacterClasses {
  readonly lower: boolean;
  readonly upper: boolean;
  readonly digit: boolean;
  readonly symbol: boolean;
  /** How many of the four classes appear. */
  readonly count: number;
}

export function characterClasses(text: string): CharacterClasses {
  const lower = /[a-z]/.test(text);
  const upper = /[A-Z]/.test(text);
  const digit = /[0-9]/.test(text);
  const symbol = /[^A-Za-z0-9\s]/.test(text);
  return { lower, upper, digit, symbol, count: Number(lower) + Number(upper) + Number(digit) + Number(symbol) };
}

const HEX = /^[0-9a-fA-F]+$/;
const BASE64ISH = /^[A-Za-z0-9+/=_\-.~]+$/;

/**
 * True when a string looks machine-generated: at least 16 characters of one token alphabet
 * (hex, base64, base64url) with enough entropy for its alphabet and more than one character class.
 * `a8f5f167f44f4964e6c998dee827110c` and `tQ9x2LrV7mK4pZs8` do; `correct-horse` and
 * `aaaaaaaaaaaaaaaa` do not.
 */
export function looksRandom(text: string): boolean {
  if (text.length < 16 || /\s/.test(text)) return false;
  const entropy = shannonEntropy(text);
  if (HEX.test(text)) return entropy >= 3 && /[0-9]/.test(text) && /[a-fA-F]/.test(text);
  if (!BASE64ISH.test(text)) return entropy >= 3.5 && characterClasses(text).count >= 3;
  return entropy >= 3.5 && characterClasses(text).count >= 2;
}

/** True for a password-like string that is not a word: mixed classes (`S3cr3t!x`) or random-looking. */
export function looksLikeGeneratedOrMixed(text: string): boolean {
  return looksRandom(text) || (text.length >= 8 && characterClasses(text).count >= 3);
}
