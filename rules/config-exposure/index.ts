import type { AnyRule } from '../../src/rule/types.js';

/** TSB7xx: cookies, CORS, headers, binding, debug, error leaks, logging secrets, mass assignment. */
export const CONFIG_EXPOSURE_RULES: readonly AnyRule[] = [];
