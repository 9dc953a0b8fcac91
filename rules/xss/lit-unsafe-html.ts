import { defineRule } from '../../src/rule/index.js';
import { argumentAt, resolveReference, skipWrappers } from '../../src/analysis/index.js';
import { htmlFlow, unsafeHtmlParts } from '../../src/analysis/html/values.js';

/** Lit directives that render a string as markup, as written. */
const UNSAFE_DIRECTIVES = new Set(['unsafeHTML', 'unsafeSVG', 'unsafeStatic', 'unsafeMathML']);
/** Modules that export them: lit, lit-html and their directive paths. */
const LIT_MODULE = /^(?:lit|lit-html|lit-element|@lit\/|lit\/|lit-html\/)/;

export default defineRule({
  id: 'TSB315',
  name: 'lit-unsafe-html',
  title: 'Lit unsafeHTML / unsafeSVG / unsafeStatic given non-constant, unsanitized markup',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    unsafeDirective: '`{{directive}}()` renders markup built from non-constant values without escaping; render it as text (`${value}` in `html`), or sanitize with DOMPurify first.',
  },
  docs: {
    why: 'Lit escapes values in `html` templates, except those wrapped in `unsafeHTML`, `unsafeSVG` or `unsafeStatic`, which are parsed as markup: data from attributes, an API or the URL becomes live elements with event handlers.',
    fix: 'Interpolate the value as text, or sanitize it with `DOMPurify.sanitize` before `unsafeHTML`.',
    examples: {
      flagged: `import { html, LitElement } from 'lit';\nimport { unsafeHTML } from 'lit/directives/unsafe-html.js';\nexport class Note extends LitElement {\n  body = '';\n  render() {\n    return html\`<div>\${unsafeHTML(this.body)}</div>\`;\n  }\n}`,
      safe: `import { html, LitElement } from 'lit';\nexport class Note extends LitElement {\n  body = '';\n  render() {\n    return html\`<div>\${this.body}</div>\`;\n  }\n}`,
    },
    references: ['https://lit.dev/docs/templates/directives/#unsafehtml'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'Identifier' || !UNSAFE_DIRECTIVES.has(callee.name)) return;
        const resolved = resolveReference(context, callee);
        if (resolved === undefined || !LIT_MODULE.test(resolved)) return;
        const markup = argumentAt(node, 0);
        if (markup === undefined) return;
        const parts = unsafeHtmlParts(context, markup);
        if (parts.length === 0) return;
        const flow = htmlFlow(context, parts);
        context.report({ node, messageId: 'unsafeDirective', data: { directive: callee.name }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
