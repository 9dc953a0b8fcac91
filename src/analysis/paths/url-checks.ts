import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { calleeWrittenName, skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import type { AnalysisContext } from '../scope.js';
import { REQUEST_OBJECT_NAMES } from '../sources.js';
import { checkCallName, constantText, isAllowListChoice, isCheckedAt, isMembershipTest, mentions, methodOn, regexTestOn, type Subject } from './guards.js';

/** URL parts that name the destination: comparing them with trusted values pins the target. */
const ORIGIN_FIELDS = new Set(['hostname', 'host', 'origin', 'href']);
/** Request fields naming the site itself or a path on it. */
const OWN_SITE_FIELDS = new Set(['hostname', 'host', 'protocol', 'secure', 'baseUrl', 'originalUrl', 'url', 'path']);
/** Names of helpers that decide whether a URL or host may be contacted. */
const HOST_CHECK_NAME = /allow|whitelist|trusted|permitted|approved|safe/;
/** Names of helpers that decide whether a redirect target stays on the site. */
const REDIRECT_CHECK_NAME = /safe|valid|allow|relative|local|internal|trusted|whitelist|sameorigin|same_origin|sameSite|issamehost|isownurl/i;

function originMember(context: AnalysisContext, raw: Node | undefined, variable: Subject): boolean {
  if (raw === undefined) return false;
  const node = skipWrappers(raw);
  return node.type === 'MemberExpression' && ORIGIN_FIELDS.has(staticPropertyName(node) ?? '') && mentions(context, node.object, variable);
}

/** `u.hostname === 'api.example.com'`, `u.origin !== TRUSTED`, comparisons that pin the destination. */
function isOriginComparison(context: AnalysisContext, raw: Node, variable: Subject): boolean {
  const node = skipWrappers(raw);
  if (node.type !== 'BinaryExpression' || !['===', '!==', '==', '!='].includes(node.operator) || node.left.type === 'PrivateIdentifier') return false;
  return originMember(context, node.left, variable) || originMember(context, node.right, variable);
}

/** `u.startsWith('https://api.example.com/')`, `u.hostname.endsWith('.example.com')`. */
function isPinnedAffix(context: AnalysisContext, raw: Node, variable: Subject): boolean {
  const method = methodOn(context, raw, variable);
  if (method === undefined) return false;
  const text = constantText(context, method.argument);
  if (method.method === 'startsWith') return text !== undefined && /^(https?|wss?):\/\/[^/]+/i.test(text);
  if (method.method === 'endsWith') return text !== undefined && text.includes('.');
  return false;
}

/**
 * A check that pins where a request goes: an allow-list of URLs or hosts, a comparison of the
 * parsed URL's host or origin, a constant `https://host/` prefix, an anchored pattern, or a
 * helper named like one (`isAllowedUrl(u)`).
 */
export function isHostCheck(context: AnalysisContext, node: Node, variable: Subject): boolean {
  if (isMembershipTest(context, node, variable) || isOriginComparison(context, node, variable) || isPinnedAffix(context, node, variable)) return true;
  const pattern = regexTestOn(context, node, variable);
  if (pattern !== undefined && pattern.startsWith('^')) return true;
  const name = checkCallName(node);
  if (name !== undefined && HOST_CHECK_NAME.test(name)) {
    const call = skipWrappers(node) as TSESTree.CallExpression;
    return call.arguments.some((argument) => argument.type !== 'SpreadElement' && mentions(context, argument, variable));
  }
  return false;
}

/**
 * A check that keeps a redirect on the site: an allow-list, an origin comparison, a helper
 * named like one, an anchored pattern that refuses `//`, or a test for a leading `/` that
 * also rules out `//` (and `/\`) somewhere in the same condition.
 */
export function isRedirectCheck(context: AnalysisContext, node: Node, variable: Subject): boolean {
  if (isMembershipTest(context, node, variable) || isOriginComparison(context, node, variable) || isPinnedAffix(context, node, variable)) return true;
  const pattern = regexTestOn(context, node, variable);
  if (pattern !== undefined && /^\^(\\\/|\/)(\(\?!|\[\^|\[a-z|\[A-Z|\[\\w|\\w|[a-z])/i.test(pattern)) return true;
  const name = checkCallName(node);
  if (name !== undefined && REDIRECT_CHECK_NAME.test(name)) {
    const call = skipWrappers(node) as TSESTree.CallExpression;
    if (call.arguments.some((argument) => argument.type !== 'SpreadElement' && mentions(context, argument, variable))) return true;
  }
  const method = methodOn(context, node, variable);
  if (method?.method === 'startsWith' && constantText(context, method.argument) === '/') return refusesDoubleSlash(context, node);
  const comparison = skipWrappers(node);
  // next[0] === '/' or next.charAt(0) === '/'
  if (comparison.type === 'BinaryExpression' && comparison.right.type === 'Literal' && comparison.right.value === '/' && comparison.left.type !== 'PrivateIdentifier' && mentions(context, comparison.left, variable)) {
    return refusesDoubleSlash(context, node);
  }
  return false;
}

/** True when the whole condition that holds `node` also tests for `//` (or a backslash). */
function refusesDoubleSlash(context: AnalysisContext, node: Node): boolean {
  let condition: Node = node;
  while (condition.parent !== undefined && (condition.parent.type === 'LogicalExpression' || condition.parent.type === 'UnaryExpression' || condition.parent.type === 'BinaryExpression')) condition = condition.parent;
  const text = context.sourceCode.getText(condition);
  return /['"`]\/\/['"`]|['"`]\\\\['"`]|\[1\]\s*!==?\s*['"`]\/|\\\/\\\//.test(text);
}

/** Identifiers checked by `predicate` are clean: the taint option for URL rules. */
export function isUrlCheckedAt(context: AnalysisContext, node: Node, predicate: typeof isHostCheck): boolean {
  const value = skipWrappers(node);
  if (value.type === 'ConditionalExpression') return isAllowListChoice(context, value);
  return (value.type === 'Identifier' || value.type === 'MemberExpression') && isCheckedAt(context, value, predicate);
}

/** Request fields that name the server itself (`req.hostname`, `req.get('host')`): a redirect to them stays on the site. */
export function isOwnHost(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'MemberExpression') {
    const field = staticPropertyName(node);
    let object = skipWrappers(node.object);
    if (object.type === 'MemberExpression' && staticPropertyName(object) === 'request') object = skipWrappers(object.object);
    // req.hostname, req.originalUrl, ctx.request.url: the site's own host, and paths on it.
    if (object.type === 'Identifier' && REQUEST_OBJECT_NAMES.has(object.name) && field !== undefined && OWN_SITE_FIELDS.has(field)) return true;
    if (object.type === 'MemberExpression' && staticPropertyName(object) === 'headers' && (field === 'host' || field === 'x-forwarded-proto' || field === 'x-forwarded-host')) return true;
    const resolved = resolveReference(context, node);
    return resolved !== undefined && /^(window\.|document\.)?location\.(href|pathname|origin|host|hostname|protocol)$|^document\.(URL|baseURI|documentURI|location)$/.test(resolved);
  }
  if (node.type === 'CallExpression' && (calleeWrittenName(node) === 'get' || calleeWrittenName(node) === 'header')) {
    const name = constantText(context, node.arguments[0] as Node | undefined)?.toLowerCase();
    return name === 'host' || name === 'x-forwarded-proto' || name === 'x-forwarded-host';
  }
  return false;
}
