import type { AnyRule } from '../../src/rule/types.js';

/** TSB6xx: path traversal, SSRF, open redirect, temp files, permissions, zip slip. */
export const FILES_NETWORK_RULES: readonly AnyRule[] = [];
