import type { ESLint, Linter, Rule } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import { RULES } from '../../rules/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import type { AnyRule } from '../rule/types.js';
import { toEslintRule } from './adapter.js';

export { toEslintRule } from './adapter.js';

/** The files tsbandit scans; ESLint lints only .js/.mjs/.cjs unless a config names others. */
export const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
const TYPESCRIPT_FILES = ['**/*.{ts,tsx,mts,cts}'];
const JSX_FILES = ['**/*.{js,jsx}'];

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(RULES.map((rule) => [rule.name, toEslintRule(rule)]));

/** Severe findings are errors in the editor, the rest warnings. */
const eslintLevel = (rule: AnyRule): Linter.RuleSeverity => (rule.severity === 'high' || rule.severity === 'critical' ? 'error' : 'warn');
const ruleEntries = (selected: readonly AnyRule[]): Linter.RulesRecord =>
  Object.fromEntries(selected.map((rule) => [`${TOOL_NAME}/${rule.name}`, eslintLevel(rule)]));

const plugin = {
  meta: { name: TOOL_NAME, version: TOOL_VERSION },
  rules,
  configs: {} as Record<'recommended' | 'strict', Linter.Config[]>,
} satisfies ESLint.Plugin;

/**
 * A config that works in a fresh project: the plugin, the rules, TypeScript files parsed by
 * typescript-eslint's parser, JSX allowed in .js/.jsx (espree). Spread it or nest it:
 * `export default [...tsbandit.configs.recommended]`.
 */
const config = (name: string, selected: readonly AnyRule[]): Linter.Config[] => [
  { name: `${TOOL_NAME}/${name}`, files: SOURCE_FILES, plugins: { [TOOL_NAME]: plugin }, rules: ruleEntries(selected) },
  { name: `${TOOL_NAME}/${name}/typescript`, files: TYPESCRIPT_FILES, languageOptions: { parser: typescriptParser as Linter.Parser } },
  { name: `${TOOL_NAME}/${name}/jsx`, files: JSX_FILES, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
];

plugin.configs = {
  /** High-precision rules, errors or warnings by severity. */
  recommended: config('recommended', RULES.filter((rule) => rule.recommended)),
  /** Every rule. */
  strict: config('strict', RULES),
};

export default plugin;
export const configs = plugin.configs;
