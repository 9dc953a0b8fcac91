import type { AnyRule } from '../../src/rule/types.js';
import knownFormatSecret from './known-format-secret.js';
import hardcodedCredential from './hardcoded-credential.js';
import hardcodedSecretInCall from './hardcoded-secret-in-call.js';
import secretInConfigFile from './secret-in-config-file.js';

/** TSB5xx: secrets and hard-coded credentials. */
export const SECRETS_RULES: readonly AnyRule[] = [knownFormatSecret, hardcodedCredential, hardcodedSecretInCall, secretInConfigFile];
