import type { Node } from '../rule/types.js';
import { skipWrappers, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import type { AnalysisContext } from './scope.js';

/** Resolved calls that make a string safe to insert as HTML. */
export const HTML_SANITIZER_CALLS: ReadonlySet<string> = new Set([
  'dompurify.sanitize', 'isomorphic-dompurify.sanitize', 'sanitize-html', 'xss', 'xss.filterXSS', 'escape-html',
  'lodash.escape', 'lodash/escape', 'he.encode', 'he.escape', 'validator.escape', 'encodeURIComponent',
]);
/**
 * Method names that sanitize or escape HTML whatever their receiver (`DOMPurify.sanitize`,
 * `this.escapeHtml`, a Trusted Types policy's `createHTML`).
 */
export const HTML_SANITIZER_METHODS: ReadonlySet<string> = new Set(['sanitize', 'escapeHtml', 'escapeHTML', 'htmlEscape', 'encodeHTML', 'escape', 'createHTML']);

/** True when the value is the result of an HTML sanitizer or escaper. */
export function isHtmlSanitized(context: AnalysisContext, rawNode: Node): boolean {
  const node = skipWrappers(rawNode);
  if (node.type !== 'CallExpression') return false;
  const callee = skipWrappers(node.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  if (name !== undefined && HTML_SANITIZER_METHODS.has(name)) return true;
  // Imported sanitizers may be called under any local name (`import purify from 'dompurify'`): resolve.
  const resolved = resolveReference(context, node.callee);
  return resolved !== undefined && HTML_SANITIZER_CALLS.has(resolved);
}
