import type { ESLint, Linter, Rule } from 'eslint';
import { RULES } from '../../rules/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import type { AnyRule } from '../rule/types.js';
import { toEslintRule } from './adapter.js';

export { toEslintRule } from './adapter.js';

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(RULES.map((rule) => [rule.name, toEslintRule(rule)]));

/** Severe findings are errors in the editor, the rest warnings. */
const eslintLevel = (rule: AnyRule): Linter.RuleSeverity => (rule.severity === 'high' || rule.severity === 'critical' ? 'error' : 'warn');
const ruleEntries = (selected: readonly AnyRule[]): Linter.RulesRecord =>
  Object.fromEntries(selected.map((rule) => [`${TOOL_NAME}/${rule.name}`, eslintLevel(rule)]));

const plugin = {
  meta: { name: TOOL_NAME, version: TOOL_VERSION },
  rules,
  configs: {} as Record<string, Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs = {
  /** High-precision rules, errors or warnings by severity. */
  recommended: { name: 'tsbandit/recommended', plugins: { [TOOL_NAME]: plugin }, rules: ruleEntries(RULES.filter((rule) => rule.recommended)) },
  /** Every rule. */
  strict: { name: 'tsbandit/strict', plugins: { [TOOL_NAME]: plugin }, rules: ruleEntries(RULES) },
};

export default plugin;
export const configs = plugin.configs;
