import { readFileSync } from 'node:fs';

/** Facts about the tool itself, read once from its package.json (dist/src/meta.js → ../../package.json). */
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string; homepage?: string };

export const TOOL_NAME = 'tsbandit';
export const TOOL_VERSION: string = pkg.version;
export const TOOL_HOMEPAGE = 'https://github.com/tsbandit/tsbandit';
export const RULE_DOCS_BASE = `${TOOL_HOMEPAGE}/blob/main/docs/rules/`;

export const ruleDocUrl = (rule: { readonly name: string }): string => `${RULE_DOCS_BASE}${rule.name}.md`;
