export { findSuppressingDirective, parseEslintDirectives, type DisableDirective } from './eslint-directives.js';
export { createInlineSuppressor, findInlineSuppression, parseInlineDirectives, type InlineDirective } from './inline-directives.js';
