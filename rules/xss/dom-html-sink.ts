import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, getStaticValue, staticPropertyName, resolveCalleeAmong } from '../../src/analysis/index.js';
import { htmlFlow, unsafeHtmlParts } from '../../src/analysis/html/values.js';
import { configuredSinkHit } from '../../src/analysis/extensions.js';

/** Properties whose assignment parses the value as HTML. */
const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML', 'srcdoc']);
/** Methods whose first argument is parsed as HTML, whatever the receiver (an element, a Range, a shadow root). */
const HTML_PARSING_METHODS = new Set(['createContextualFragment', 'setHTMLUnsafe', 'parseHTMLUnsafe']);
/** Angular's Renderer2.setProperty(element, 'innerHTML', value): a DOM property write that skips Angular's sanitizer. */
const PROPERTY_SETTERS = new Set(['setProperty']);
/** JSX attributes of intrinsic elements whose value is parsed as HTML: Solid's `innerHTML`, React's `srcDoc`. */
const JSX_HTML_ATTRIBUTES = new Set(['innerHTML', 'outerHTML', 'srcDoc', 'srcdoc']);
/** Global document methods that parse their arguments as HTML. */
const DOCUMENT_WRITERS = new Set(['document.write', 'document.writeln']);

export default defineRule({
  id: 'TSB301',
  name: 'dom-html-sink',
  title: 'Non-constant HTML written to innerHTML, outerHTML, srcdoc, insertAdjacentHTML, document.write or similar sinks',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    htmlProperty: '`{{sink}}` is assigned HTML built from non-constant values; use textContent, or sanitize with DOMPurify first.',
    htmlCall: '`{{sink}}` parses HTML built from non-constant values; insert text nodes, or sanitize with DOMPurify first.',
    htmlAttribute: 'The JSX `{{sink}}` attribute renders HTML built from non-constant values (Solid, React `srcDoc`); render text as children, or sanitize with DOMPurify first.',
  },
  docs: {
    why: 'These sinks parse their value as HTML. Markup from a URL, a message or an API response can carry `<img onerror>` or `<script>` and run in the page with the user\'s session (DOM-based XSS).',
    fix: 'Set `textContent` (or build elements with `createElement`) for text. When HTML is really needed, pass it through `DOMPurify.sanitize` or a Trusted Types policy first.',
    examples: {
      flagged: `export function showGreeting(name: string) {\n  document.getElementById('greeting')!.innerHTML = '<b>Hello ' + name + '</b>';\n}`,
      safe: `export function showGreeting(name: string) {\n  document.getElementById('greeting')!.textContent = 'Hello ' + name;\n}`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html'],
    sources: ['eslint-plugin-no-unsanitized:property', 'eslint-plugin-no-unsanitized:method'],
  },
  create(context) {
    /** The HTML value is unsafe when some part of it is neither constant, numeric nor sanitized. */
    const unsafeParts = (value: TSESTree.Node): TSESTree.Node[] => unsafeHtmlParts(context, value);
    const flowOf = (parts: TSESTree.Node[]) => htmlFlow(context, parts);

    return {
      JSXAttribute(node) {
        if (node.name.type !== 'JSXIdentifier' || !JSX_HTML_ATTRIBUTES.has(node.name.name)) return;
        if (node.value?.type !== 'JSXExpressionContainer' || node.value.expression.type === 'JSXEmptyExpression') return;
        const element = node.parent;
        if (element?.type !== 'JSXOpeningElement' || element.name.type !== 'JSXIdentifier' || !/^[a-z]/.test(element.name.name)) return;
        const parts = unsafeParts(node.value.expression);
        if (parts.length === 0) return;
        const flow = flowOf(parts);
        context.report({ node, messageId: 'htmlAttribute', data: { sink: node.name.name }, confidence: flow ? 'high' : undefined, flow });
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' && node.operator !== '+=') return;
        if (node.left.type !== 'MemberExpression') return;
        const property = staticPropertyName(node.left);
        if (property === undefined || !HTML_PROPERTIES.has(property)) return;
        const parts = unsafeParts(node.right);
        if (parts.length === 0) return;
        const flow = flowOf(parts);
        context.report({ node, messageId: 'htmlProperty', data: { sink: property }, confidence: flow ? 'high' : undefined, flow });
      },
      CallExpression(node) {
        // HTML sinks of the config's `analysis.sinks` (kind: html).
        const configured = configuredSinkHit(context, node, 'html', findTaintFlow);
        if (configured !== undefined) {
          if (configured !== null) context.report({ node, messageId: 'htmlCall', data: { sink: configured.callee }, confidence: configured.flow ? 'high' : undefined, flow: configured.flow });
          return;
        }
        const callee = node.callee.type === 'MemberExpression' ? staticPropertyName(node.callee) : undefined;
        let html: TSESTree.Node | undefined;
        let sink: string;
        if (callee === 'insertAdjacentHTML') {
          html = argumentAt(node, 1);
          sink = 'insertAdjacentHTML';
        } else if (callee !== undefined && HTML_PARSING_METHODS.has(callee)) {
          html = argumentAt(node, 0);
          sink = callee;
        } else if (callee !== undefined && PROPERTY_SETTERS.has(callee)) {
          const nameNode = argumentAt(node, 1);
          const property = nameNode === undefined ? undefined : getStaticValue(context, nameNode)?.value;
          if (typeof property !== 'string' || !HTML_PROPERTIES.has(property)) return;
          html = argumentAt(node, 2);
          sink = `${callee}('${property}')`;
        } else {
          const resolved = resolveCalleeAmong(context, node, DOCUMENT_WRITERS);
          if (resolved === undefined) return;
          html = argumentAt(node, 0);
          sink = resolved;
        }
        if (html === undefined) return;
        const parts = unsafeParts(html);
        if (parts.length === 0) return;
        const flow = flowOf(parts);
        context.report({ node, messageId: 'htmlCall', data: { sink }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
