import { createRequire } from 'node:module';
import type { Linter as LinterType } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../../src/eslint/index.js';
import type { AnyRule } from '../../src/rule/types.js';

export type ParserName = 'typescript-eslint' | 'espree';

const require = createRequire(import.meta.url);
type LinterClass = new (options: { configType: 'flat' }) => LinterType;

/** Every ESLint major the plugin supports, installed side by side (eslint, and eslint-v9 as an alias). */
export const ESLINT_MAJORS: readonly { readonly name: string; readonly Linter: LinterClass }[] = [
  { name: `eslint ${(require('eslint/package.json') as { version: string }).version}`, Linter: (require('eslint') as { Linter: LinterClass }).Linter },
  { name: `eslint ${(require('eslint-v9/package.json') as { version: string }).version}`, Linter: (require('eslint-v9') as { Linter: LinterClass }).Linter },
];

/** typescript-eslint for every file; ESLint's default parser (espree) too for plain JavaScript. */
export function parsersFor(filename: string): ParserName[] {
  return /\.(c|m)?jsx?$/.test(filename) ? ['typescript-eslint', 'espree'] : ['typescript-eslint'];
}

export interface EslintMessage {
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number | undefined;
  readonly endColumn?: number | undefined;
  readonly messageId?: string | undefined;
  readonly message: string;
  readonly fatal?: boolean | undefined;
}

/** Lints in memory with ESLint's Linter and a flat config enabling exactly `rules`. */
export function runEslint(
  filename: string,
  source: string,
  parser: ParserName,
  rules: readonly AnyRule[],
  options: Readonly<Record<string, unknown>> = {},
  Linter: LinterClass = ESLINT_MAJORS[0]!.Linter,
): EslintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const isCommonJs = filename.endsWith('.cjs');
  const config: LinterType.Config = {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    plugins: { tsbandit: plugin },
    // Fixtures may carry directives for rules not under test; unused-directive warnings are not findings.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: isCommonJs ? 'commonjs' : 'module',
      ...(parser === 'typescript-eslint' ? { parser: tsParser as LinterType.Parser } : {}),
      parserOptions: { ecmaFeatures: { jsx: /\.(jsx|tsx|js|mjs|cjs)$/.test(filename) } },
    },
    rules: Object.fromEntries(
      rules.map((rule) => {
        const ruleOptions = options[rule.id] ?? options[rule.name];
        return [`tsbandit/${rule.name}`, ruleOptions === undefined ? 'error' : ['error', ruleOptions]];
      }),
    ),
  };
  return linter.verify(source, [config], { filename }) as EslintMessage[];
}

export const eslintKey = (m: EslintMessage): string =>
  `${(m.ruleId ?? '').replace(/^tsbandit\//, '')} ${m.line}:${m.column}-${m.endLine ?? m.line}:${m.endColumn ?? m.column} ${m.messageId ?? ''}`;
