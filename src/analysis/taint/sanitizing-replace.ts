import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { skipWrappers } from '../ast.js';

/**
 * Characters a value may keep after a "remove everything else" replace and still be harmless
 * in SQL, HTML, shell and path contexts alike: letters, digits, `_`, `-`, `.` and spaces (no
 * quotes, markup, separators or metacharacters).
 */
const HARMLESS_CLASS_ITEM = /^(?:[a-zA-Z0-9_ .-]|a-z|A-Z|0-9|\\w|\\d|\\s|\\-|\\.|_)$/;

/**
 * `value.replace(/[^a-z0-9_-]/gi, '')`: a global replace of every character outside a small
 * allow-list by a constant without special characters. What is left cannot break out of a
 * query string, an HTML context or a shell word.
 */
export function isSanitizingReplace(call: TSESTree.CallExpression): boolean {
  const [pattern, replacement] = call.arguments.map((argument) => skipWrappers(argument));
  if (pattern?.type !== 'Literal' || !('regex' in pattern) || !pattern.regex.flags.includes('g')) return false;
  if (replacement?.type !== 'Literal' || typeof replacement.value !== 'string' || !/^[a-zA-Z0-9_ -]*$/.test(replacement.value)) return false;
  const match = /^\[\^((?:\\.|[^\]\\])+)\][+*]?$/.exec(pattern.regex.pattern);
  if (match === null) return false;
  // Split the class body into items: escapes, ranges, single characters.
  const items = match[1]!.match(/\\.|.-.|./g) ?? [];
  return items.every((item) => HARMLESS_CLASS_ITEM.test(item) || /^[a-zA-Z0-9]-[a-zA-Z0-9]$/.test(item));
}
