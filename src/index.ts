/** The public API: scan programmatically, define rules, read the findings model. */
export { scan, scanSource, activateRules, type ScanOptions, type ScanResult, type ScanStats } from './engine/index.js';
export { defineRule, familyOf, type AnyRule, type Confidence, type RuleContext, type RuleModule, type Severity } from './rule/index.js';
export type { Finding, Notice, NoticeKind, SourceRange } from './findings/model.js';
export { meetsThresholds, compareFindings } from './findings/sort.js';
export { renderReport, type ReportFormat, type ReportInput } from './report/index.js';
export { renderRuleDoc } from './docs/render.js';
export { RULES, RETIRED_RULES } from '../rules/index.js';
export { TOOL_VERSION } from './meta.js';

/** The analysis helpers rules use: plugins write rules with the same questions. */
export {
  argumentAt,
  calleeWrittenName,
  findInputSource,
  getStaticValue,
  isConstantString,
  isHtmlSanitized,
  isNumericOrBoolean,
  isRequestDerived,
  possibleStaticValues,
  resolveCallee,
  resolveReference,
  staticPropertyName,
  stringParts,
  textCarryingParts,
} from './analysis/index.js';
export { toEslintRule } from './eslint/adapter.js';
