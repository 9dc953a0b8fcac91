import { defineRule } from '../../src/rule/index.js';
import { argumentAt, getStaticValue, skipWrappers, staticPropertyName, stringParts } from '../../src/analysis/index.js';
import { elementTag } from '../../src/analysis/html/elements.js';
import { isJqueryObject } from '../../src/analysis/html/jquery.js';
import { htmlFlow, isSafeUrlValue, isUrlCheckedBefore, unsafeHtmlParts, urlFlow } from '../../src/analysis/html/values.js';

/** Attribute-setting methods and the index of the attribute name (value follows it). */
const ATTRIBUTE_SETTERS: ReadonlyMap<string, number> = new Map([['setAttribute', 0], ['setAttributeNS', 1], ['attr', 0], ['prop', 0]]);
/** URL attributes and the tags on which they navigate or load script; undefined = any tag. */
const URL_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['href', new Set(['a', 'area', 'base'])],
  ['xlink:href', new Set(['a'])],
  ['src', new Set(['iframe', 'frame', 'script', 'embed'])],
  ['data', new Set(['object'])],
  ['action', new Set(['form'])],
  ['formaction', new Set(['button', 'input'])],
]);
/** Attributes whose value is parsed as a whole HTML document. */
const HTML_ATTRIBUTES = new Set(['srcdoc', 'innerhtml', 'outerhtml']);

export default defineRule({
  id: 'TSB303',
  name: 'dom-event-handler-attribute',
  title: 'Non-constant value set as an on* event handler, URL or srcdoc attribute (setAttribute, jQuery attr)',
  cwe: [79, 83],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.1,
  recommended: true,
  messages: {
    handler: '`{{method}}(\'{{attribute}}\', …)` sets event-handler code built from non-constant values; attach a function with addEventListener instead.',
    url: '`{{method}}(\'{{attribute}}\', …)` sets a URL built from non-constant values; a `javascript:` URL would run script. Allow only http(s) or relative URLs.',
    html: '`{{method}}(\'{{attribute}}\', …)` sets HTML built from non-constant values; sanitize it with DOMPurify first.',
  },
  docs: {
    why: 'An `on*` attribute is compiled as JavaScript, `href`/`src`/`action` accept `javascript:` URLs, and `srcdoc` is parsed as a document: text from a URL, a message or an API response set there runs as script.',
    fix: 'Attach handlers with `addEventListener`; allow only `http(s)` or relative URLs (constant prefix, `new URL()` protocol check, allow-list); sanitize `srcdoc` HTML with DOMPurify.',
    examples: {
      flagged: `export function bindAction(button: HTMLButtonElement, action: string) {\n  button.setAttribute('onclick', action + '()');\n}`,
      safe: `export function bindAction(button: HTMLButtonElement, handler: () => void) {\n  button.addEventListener('click', handler);\n}`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html'],
    sources: ['eslint-plugin-no-unsanitized:method'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        const nameIndex = method === undefined ? undefined : ATTRIBUTE_SETTERS.get(method);
        if (method === undefined || nameIndex === undefined) return;
        const nameNode = argumentAt(node, nameIndex);
        const value = argumentAt(node, nameIndex + 1);
        if (nameNode === undefined || value === undefined) return;
        const attributeValue = getStaticValue(context, nameNode)?.value;
        if (typeof attributeValue !== 'string') return;
        const attribute = attributeValue.toLowerCase();
        const isJquery = method === 'attr' || method === 'prop';
        if (isJquery && !isJqueryObject(context, callee.object)) return;
        if (isJquery && (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression')) return;
        const data = { method, attribute: attributeValue };

        if (attribute.startsWith('on')) {
          const parts = stringParts(context, value).dynamicParts;
          if (parts.length === 0) return;
          const flow = htmlFlow(context, parts);
          context.report({ node, messageId: 'handler', data, confidence: flow ? 'high' : undefined, flow });
          return;
        }
        if (HTML_ATTRIBUTES.has(attribute)) {
          const parts = unsafeHtmlParts(context, value);
          if (parts.length === 0) return;
          const flow = htmlFlow(context, parts);
          context.report({ node, messageId: 'html', data, confidence: flow ? 'high' : undefined, flow });
          return;
        }
        const tags = URL_ATTRIBUTES.get(attribute);
        if (tags === undefined || isSafeUrlValue(context, value) || isUrlCheckedBefore(context, node, value)) return;
        const element = isJquery ? undefined : elementTag(context, callee.object);
        if (element !== undefined && !tags.has(element.tag)) return;
        // `src` loads script only on a few tags: say nothing unless the element is known to be one.
        if (element === undefined && attribute !== 'href' && attribute !== 'xlink:href') return;
        const flow = urlFlow(context, value);
        const confidence = flow !== undefined ? 'high' : element === undefined || element.byName ? 'low' : undefined;
        context.report({ node, messageId: 'url', data, confidence, flow });
      },
    };
  },
});
