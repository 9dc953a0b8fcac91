/**
 * Checksums some token formats carry, so a scanner can tell a real token from a string of the
 * same shape without asking the issuer.
 *
 * GitHub's classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm's tokens (`npm_`) are
 * a 4-character prefix, 30 random base62 characters and a 6-character checksum: the CRC32
 * (IEEE 802.3, as zlib computes it) of the 30 random characters, written in base62 with the
 * alphabet `0-9A-Za-z`, most significant digit first, left-padded with `0`.
 * (GitHub engineering blog, "Behind GitHub's new authentication token formats", 2021; npm's
 * "new access token format" announcement, 2021. Checked against a published, revoked example.)
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let table: Uint32Array | undefined;

/** CRC32 (IEEE polynomial, reflected, as zlib's `crc32`) of a string's UTF-16 code units taken as bytes (ASCII input). */
export function crc32(text: string): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (table[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A non-negative integer in base62 (`0-9A-Za-z`), left-padded with `0` to `width` digits. */
export function base62(value: number, width: number): string {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = BASE62[rest % 62] + out;
  return out.padStart(width, '0');
}

/** The 6-character checksum GitHub and npm append to the random part of a token. */
export function base62Crc32(randomPart: string): string {
  return base62(crc32(randomPart), 6);
}

/** True when a `ghp_…`/`npm_…` style token (4-character prefix, random part, 6-character checksum) carries a valid checksum. */
export function hasValidBase62Checksum(token: string, prefixLength = 4): boolean {
  if (token.length < prefixLength + 7) return false;
  const random = token.slice(prefixLength, -6);
  return base62Crc32(random) === token.slice(-6);
}
