export * from './types.js';
export { CWE_NAMES, cweUrl } from './cwe.js';
export { defineRule, familyOf, formatMessage, messagePlaceholders, resolveOptions, RuleDefinitionError } from './define-rule.js';
