import { createHash } from 'node:crypto';

/**
 * Fake credentials built at test time, so no token of a known format is committed: fixtures
 * write `{{fake:KIND}}` (or `{{fake:KIND:seed}}`) and the driver expands it before scanning.
 * Tokens are deterministic per seed so findings, columns and fingerprints are stable.
 */
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function pseudoRandom(seed: string, alphabet: string, length: number): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    const digest = createHash('sha256').update(`${seed}:${block}`).digest();
    for (const byte of digest) if (out.length < length) out += alphabet[byte % alphabet.length];
  }
  return out;
}

const BUILDERS: Record<string, (seed: string) => string> = {
  'aws-access-key-id': (seed) => ['AK', 'IA'].join('') + pseudoRandom(seed, BASE32_UPPER, 16),
  'github-token': (seed) => ['gh', 'p_'].join('') + pseudoRandom(seed, ALPHANUMERIC, 36),
  'slack-token': (seed) => ['xo', 'xb-'].join('') + pseudoRandom(seed, '0123456789', 12) + '-' + pseudoRandom(seed + 'b', ALPHANUMERIC, 24),
  'stripe-live-key': (seed) => ['sk', '_live_'].join('') + pseudoRandom(seed, ALPHANUMERIC, 32),
  'private-key-header': () => ['-----BEGIN', 'RSA', 'PRIVATE', 'KEY-----'].join(' '),
  'private-key-footer': () => ['-----END', 'RSA', 'PRIVATE', 'KEY-----'].join(' '),
  'base64-body': (seed) => pseudoRandom(seed, ALPHANUMERIC + '+/', 64),
};

const MARKER = /\{\{fake:([a-z0-9-]+)(?::([A-Za-z0-9_-]+))?\}\}/g;

export function expandFakeSecrets(source: string): string {
  return source.replace(MARKER, (whole, kind: string, seed: string | undefined) => {
    const build = BUILDERS[kind];
    if (build === undefined) throw new Error(`unknown fake secret kind '${kind}' in ${whole}`);
    return build(seed ?? kind);
  });
}
