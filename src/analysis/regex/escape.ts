import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { calleeWrittenName, skipWrappers, staticPropertyName } from '../ast.js';
import { resolveCallee } from '../callee.js';
import { localFunction, type AnalysisContext } from '../scope.js';
import { getStaticValue } from '../static-value.js';
import { isFunction, returnedExpressions } from '../taint/tree.js';

/** Library functions that escape every regex metacharacter of a string. */
const REGEX_ESCAPERS = new Set([
  'lodash.escapeRegExp', 'lodash/escapeRegExp', 'lodash-es.escapeRegExp', 'lodash.escaperegexp', '_.escapeRegExp', 'underscore.string.escapeRegExp',
  'escape-string-regexp', 'escape-string-regexp.default', 'escape-regexp', 'escape-regex-string', 'regexp.escape', 'RegExp.escape', 'es-toolkit.escapeRegExp',
  'lodash.escapeRegExp', 'ramda-adjunct.escapeRegExp', '@sindresorhus/escape-string-regexp',
]);

/** Names that by convention escape for a regex: `escapeRegExp`, `escapeRegex`, `regexEscape`, `quotemeta`. */
const ESCAPER_NAME = /^(?:escape_?(?:reg_?exp?|regex|re|for_?regexp?|pattern|string_?regexp?)|(?:reg_?exp?|regex)_?escape|quote_?meta|escape_?special_?chars)$/i;

/** Metacharacters an escaping character class must contain. */
const REQUIRED_METACHARACTERS = ['.', '*', '+', '?', '(', ')', '[', '|', '^', '$'];

/**
 * True when the value is escaped for use inside a regular expression: a known escaping
 * function, a helper of this file named or written as one, or the idiom
 * `s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`.
 */
export function isRegexEscaped(context: AnalysisContext, raw: Node, depth = 0): boolean {
  const node = skipWrappers(raw);
  if (node.type !== 'CallExpression' || depth > 3) return false;
  if (isEscapingReplace(context, node)) return true;
  const written = calleeWrittenName(node);
  if (written !== undefined && ESCAPER_NAME.test(written)) return true;
  const resolved = resolveCallee(context, node);
  if (resolved !== undefined && REGEX_ESCAPERS.has(resolved)) return true;
  const fn = localFunction(context, node.callee);
  return fn !== undefined && returnedExpressions(fn).length > 0 && returnedExpressions(fn).every((returned) => isRegexEscaped(context, returned, depth + 1));
}

function isEscapingReplace(context: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = staticPropertyName(callee);
  if (method !== 'replace' && method !== 'replaceAll') return false;
  const pattern = call.arguments[0] === undefined ? undefined : skipWrappers(call.arguments[0]);
  if (pattern?.type !== 'Literal' || !('regex' in pattern) || pattern.regex === undefined) return false;
  const source = pattern.regex.pattern;
  if (!pattern.regex.flags.includes('g') || !REQUIRED_METACHARACTERS.every((c) => source.includes(c))) return false;
  const replacement = call.arguments[1];
  if (replacement === undefined || replacement.type === 'SpreadElement') return false;
  if (isFunction(skipWrappers(replacement))) return true;
  const text = getStaticValue(context, replacement)?.value;
  return typeof text === 'string' && /\\\$(?:&|1)/.test(text);
}

