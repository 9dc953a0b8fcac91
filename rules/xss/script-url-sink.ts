import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, isGlobalReference, resolveReference, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { elementTag, isUrlParsingAnchor } from '../../src/analysis/html/elements.js';
import { isSafeUrlValue, isUrlCheckedBefore, urlFlow } from '../../src/analysis/html/values.js';

/** Written names that can start a navigation or script load when assigned: checked before anything else. */
const ASSIGNED_NAMES = new Set(['location', 'href', 'src', 'action', 'formAction']);
/** Assignment targets that navigate the page, after global resolution. */
const LOCATION_TARGETS = new Set(['location', 'location.href', 'document.location', 'document.location.href', 'top.location', 'top.location.href', 'parent.location', 'parent.location.href', 'opener.location', 'opener.location.href']);
/** Element properties that load a URL as a page or a script, by tag. */
const ELEMENT_URL_PROPERTIES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['href', new Set(['a', 'area', 'base'])],
  ['src', new Set(['iframe', 'frame', 'script', 'embed'])],
  ['action', new Set(['form'])],
  ['formAction', new Set(['button', 'input'])],
]);
/** Calls whose first argument is navigated to. */
const NAVIGATING_CALLS = new Set(['location.assign', 'location.replace', 'document.location.assign', 'document.location.replace', 'location.href.assign']);
const WINDOW_NAMES = new Set(['window', 'self', 'globalThis', 'top', 'parent']);

export default defineRule({
  id: 'TSB302',
  name: 'script-url-sink',
  title: 'Non-constant URL assigned to location, window.open, a.href, iframe.src or script.src (javascript: URLs)',
  cwe: [79, 83],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.1,
  recommended: true,
  messages: {
    navigation: '`{{sink}}` navigates to a URL built from non-constant values; a `javascript:` URL would run script. Allow only http(s) or relative URLs.',
    elementUrl: '`{{sink}}` on a `<{{tag}}>` loads a URL built from non-constant values; a `javascript:` URL (or a foreign script) would run. Allow only http(s) or relative URLs.',
  },
  docs: {
    why: 'Navigating to, framing or loading a URL chosen by someone else runs `javascript:` URLs in the page\'s origin, and a script `src` from elsewhere runs any code. Values from the query string, the hash, a message or an API response can all be such URLs.',
    fix: 'Start the URL with a constant `https://` origin or a `/` path, parse it with `new URL()` and check `protocol` is `http:` or `https:`, or use an allow-list of destinations.',
    examples: {
      flagged: `export function continueTo() {\n  const next = new URLSearchParams(location.search).get('next')!;\n  window.location.href = next;\n}`,
      safe: `export function openProfile(id: string) {\n  window.location.href = '/profile/' + encodeURIComponent(id);\n}`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/83.html'],
    sources: ['semgrep:javascript.browser.security.insecure-document-method'],
  },
  create(context) {
    const report = (node: TSESTree.Node, value: TSESTree.Node, sink: string, tag: string | undefined, byName: boolean) => {
      if (isSafeUrlValue(context, value) || isUrlCheckedBefore(context, node, value)) return;
      const flow = urlFlow(context, value);
      const confidence = flow !== undefined ? 'high' : byName ? 'low' : undefined;
      if (tag === undefined) context.report({ node, messageId: 'navigation', data: { sink }, confidence, flow });
      else context.report({ node, messageId: 'elementUrl', data: { sink, tag }, confidence, flow });
    };

    return {
      AssignmentExpression(node) {
        if (node.operator !== '=') return;
        const left = node.left;
        if (left.type === 'Identifier') {
          if (left.name === 'location' && isGlobalReference(context, left)) report(node, node.right, 'location', undefined, false);
          return;
        }
        if (left.type !== 'MemberExpression') return;
        const property = staticPropertyName(left);
        if (property === undefined || !ASSIGNED_NAMES.has(property)) return;
        const target = resolveReference(context, left);
        if (target !== undefined && LOCATION_TARGETS.has(target)) {
          report(node, node.right, target, undefined, false);
          return;
        }
        const tags = ELEMENT_URL_PROPERTIES.get(property);
        if (tags === undefined) return;
        const element = elementTag(context, left.object);
        if (element === undefined || !tags.has(element.tag)) return;
        if (element.tag === 'a' && isUrlParsingAnchor(context, left.object)) return;
        report(node, node.right, `${element.tag}.${property}`, element.tag, element.byName);
      },
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        const written = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
        if (written !== 'open' && written !== 'assign' && written !== 'replace') return;
        const url = argumentAt(node, 0);
        if (url === undefined) return;
        if (written === 'open') {
          const isWindowOpen = callee.type === 'Identifier'
            ? isGlobalReference(context, callee)
            : callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && WINDOW_NAMES.has(callee.object.name) && isGlobalReference(context, callee.object);
          if (isWindowOpen) report(node, url, 'window.open', undefined, false);
          return;
        }
        if (callee.type !== 'MemberExpression') return;
        const receiver = skipWrappers(callee.object);
        const mentionsLocation = receiver.type === 'Identifier' ? receiver.name === 'location' : receiver.type === 'MemberExpression' && staticPropertyName(receiver) === 'location';
        if (!mentionsLocation) return;
        const resolved = resolveReference(context, callee);
        if (resolved !== undefined && NAVIGATING_CALLS.has(resolved)) report(node, url, resolved, undefined, false);
      },
    };
  },
});
