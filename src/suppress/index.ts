export { findSuppressingDirective, parseEslintDirectives, type DisableDirective } from './eslint-directives.js';
export { createInlineSuppressor, findInlineSuppression, parseInlineDirectives, type InlineDirective } from './inline-directives.js';
export { renderSuppressionRuleDoc, SUPPRESSION_RULES, suppressionFindings, suppressionRulesFor, UNSCOPED_SUPPRESSION, UNUSED_SUPPRESSION, type SuppressionReporting } from './diagnostics.js';
