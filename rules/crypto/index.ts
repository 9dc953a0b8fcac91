import type { AnyRule } from '../../src/rule/types.js';
import weakHash from './weak-hash.js';
import weakCipher from './weak-cipher.js';
import staticIv from './static-iv.js';
import hardcodedCryptoKey from './hardcoded-crypto-key.js';
import weakPasswordHash from './weak-password-hash.js';
import weakKeySize from './weak-key-size.js';
import insecureRandom from './insecure-random.js';
import tlsVerificationDisabled from './tls-verification-disabled.js';
import weakTlsVersion from './weak-tls-version.js';
import credentialsOverHttp from './credentials-over-http.js';
import jwtVerifyWithoutAlgorithms from './jwt-verify-without-algorithms.js';
import jwtNoneAlgorithm from './jwt-none-algorithm.js';
import jwtDecodeWithoutVerify from './jwt-decode-without-verify.js';
import jwtIgnoreExpiration from './jwt-ignore-expiration.js';

/** TSB4xx: cryptography, randomness, TLS and JWT. */
export const CRYPTO_RULES: readonly AnyRule[] = [
  weakHash,
  weakCipher,
  staticIv,
  hardcodedCryptoKey,
  weakPasswordHash,
  weakKeySize,
  insecureRandom,
  tlsVerificationDisabled,
  weakTlsVersion,
  credentialsOverHttp,
  jwtVerifyWithoutAlgorithms,
  jwtNoneAlgorithm,
  jwtDecodeWithoutVerify,
  jwtIgnoreExpiration,
];
