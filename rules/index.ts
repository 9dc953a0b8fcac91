import type { AnyRule } from '../src/rule/types.js';
import { CODE_EXEC_RULES } from './code-exec/index.js';
import { CONFIG_EXPOSURE_RULES } from './config-exposure/index.js';
import { CRYPTO_RULES } from './crypto/index.js';
import { DATA_HANDLING_RULES } from './data-handling/index.js';
import { FILES_NETWORK_RULES } from './files-network/index.js';
import { INJECTION_RULES } from './injection/index.js';
import { SECRETS_RULES } from './secrets/index.js';
import { XSS_RULES } from './xss/index.js';

/**
 * Every rule, sorted by id. Each family folder's index.ts lists its rules; a meta-test checks
 * that together they name every rule file under rules/.
 */
export const RULES: readonly AnyRule[] = [
  ...CODE_EXEC_RULES,
  ...INJECTION_RULES,
  ...XSS_RULES,
  ...CRYPTO_RULES,
  ...SECRETS_RULES,
  ...FILES_NETWORK_RULES,
  ...CONFIG_EXPOSURE_RULES,
  ...DATA_HANDLING_RULES,
].sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);

export { RETIRED_RULES } from './retired.js';
