import type { AnyRule } from '../../src/rule/types.js';

/** TSB8xx: prototype pollution, ReDoS, deserialization, XXE, postMessage. */
export const DATA_HANDLING_RULES: readonly AnyRule[] = [];
