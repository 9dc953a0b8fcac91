import type { AnyRule } from '../../src/rule/types.js';
import weakHash from './weak-hash.js';

/** TSB4xx: cryptography, randomness, TLS and JWT. */
export const CRYPTO_RULES: readonly AnyRule[] = [weakHash];
