import type { Node } from '../rule/types.js';
import { skipWrappers, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import type { AnalysisContext } from './scope.js';

/** Resolved calls that make a string safe to insert as HTML. */
export const HTML_SANITIZER_CALLS: ReadonlySet<string> = new Set([
  'dompurify.sanitize', 'isomorphic-dompurify.sanitize', 'sanitize-html', 'xss', 'xss.filterXSS', 'escape-html',
  'lodash.escape', 'lodash/escape', 'he.encode', 'he.escape', 'validator.escape', 'encodeURIComponent',
  'lodash-es.escape', 'underscore.escape', 'xss-filters.inHTMLData', 'xss-filters.inHTMLComment',
  'xss-filters.inSingleQuotedAttr', 'xss-filters.inDoubleQuotedAttr', 'xss-filters.inUnQuotedAttr', 'html-entities.encode',
  'entities.encode', 'entities.encodeHTML', 'entities.escape', 'html-escaper.escape', 'escape-goat.htmlEscape',
  'handlebars.escapeExpression', 'handlebars.Utils.escapeExpression', 'serialize-javascript', 'striptags', 'insane',
]);
/**
 * Method names that sanitize or escape HTML whatever their receiver (`DOMPurify.sanitize`,
 * `this.escapeHtml`, a Trusted Types policy's `createHTML`).
 */
export const HTML_SANITIZER_METHODS: ReadonlySet<string> = new Set([
  'sanitize', 'escapeHtml', 'escapeHTML', 'htmlEscape', 'encodeHTML', 'escape', 'createHTML',
  'sanitizeHtml', 'sanitizeHTML', 'filterXSS', 'escapeExpression', 'inHTMLData', 'inHTMLComment', 'inSingleQuotedAttr',
  'inDoubleQuotedAttr', 'inUnQuotedAttr', 'encodeHtml', 'escapeHtmlEntities', 'stripTags', 'striptags',
]);

/** Resolved calls whose result cannot start a `javascript:` URL (they percent-encode the colon or allow-list schemes). */
export const URL_SANITIZER_CALLS: ReadonlySet<string> = new Set([
  'encodeURIComponent', '@braintree/sanitize-url.sanitizeUrl', 'dompurify.sanitize', 'isomorphic-dompurify.sanitize',
]);
/** Method names that make a URL safe whatever their receiver (`sanitizeUrl`, Angular's `sanitizer.sanitize(SecurityContext.URL, x)`). */
export const URL_SANITIZER_METHODS: ReadonlySet<string> = new Set(['sanitizeUrl', 'sanitizeURL', 'safeUrl', 'safeURL', 'sanitize', 'encodeURIComponent']);

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

/** True when the value is the result of a URL sanitizer (`encodeURIComponent`, `sanitizeUrl`): no `javascript:` scheme survives it. */
export function isUrlSanitized(context: AnalysisContext, rawNode: Node): boolean {
  const node = skipWrappers(rawNode);
  if (node.type !== 'CallExpression') return false;
  const callee = skipWrappers(node.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  if (name !== undefined && URL_SANITIZER_METHODS.has(name)) return true;
  const resolved = resolveReference(context, node.callee);
  return resolved !== undefined && URL_SANITIZER_CALLS.has(resolved);
}
