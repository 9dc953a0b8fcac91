import type { AnyRule } from '../../src/rule/types.js';
import knownFormatSecret from './known-format-secret.js';

/** TSB5xx: secrets and hard-coded credentials. */
export const SECRETS_RULES: readonly AnyRule[] = [knownFormatSecret];
