import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, getStaticValue, staticKeyName } from '../../src/analysis/index.js';
import { htmlFlow, localObjectLiteral, objectPropertyValue, unsafeHtmlParts } from '../../src/analysis/html/values.js';

/** Vue's render-function names: `h` (Vue 3 and Vue 2's render(h)), `createElement`, compiled `_c`, `createVNode`. */
const RENDER_FUNCTIONS = new Set(['h', 'createElement', '$createElement', '_c', 'createVNode', 'createElementVNode', 'createElementBlock']);
/** Data objects of a vnode where Vue 2 and Vue 3 read DOM properties. */
const DOM_PROPERTY_GROUPS = ['domProps', 'props'];

export default defineRule({
  id: 'TSB307',
  name: 'vue-render-inner-html',
  title: 'Vue render function or template sets innerHTML (domProps, v-html) from non-constant values',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    renderInnerHtml: '`{{callee}}()` sets `innerHTML` from non-constant values; pass text as children, or sanitize with DOMPurify first.',
    templateVHtml: 'The component template binds `v-html="{{binding}}"`: Vue inserts it as raw HTML. Render text with mustache interpolation, or sanitize the value with DOMPurify.',
  },
  docs: {
    why: 'Vue escapes text interpolation but inserts `innerHTML` vnode properties and `v-html` bindings as markup, so HTML from props, an API or the URL runs `<img onerror>` handlers in the page.',
    fix: 'Pass text as a child (`h("p", text)`) or via `textContent`; when HTML is needed, sanitize it with `DOMPurify.sanitize` before rendering.',
    examples: {
      flagged: `import { defineComponent, h } from 'vue';\nexport default defineComponent({\n  props: { html: { type: String, required: true } },\n  setup(props) {\n    return () => h('div', { innerHTML: props.html });\n  },\n});`,
      safe: `import { defineComponent, h } from 'vue';\nexport default defineComponent({\n  props: { text: { type: String, required: true } },\n  setup(props) {\n    return () => h('div', props.text);\n  },\n});`,
    },
    references: ['https://vuejs.org/guide/best-practices/security.html#html-injection'],
    sources: ['eslint-plugin-vue:no-v-html'],
  },
  create(context) {
    const innerHtmlOf = (data: TSESTree.ObjectExpression): TSESTree.Node | undefined => {
      const direct = objectPropertyValue(data, 'innerHTML');
      if (direct !== undefined) return direct;
      for (const group of DOM_PROPERTY_GROUPS) {
        const value = objectPropertyValue(data, group);
        const object = value === undefined ? undefined : localObjectLiteral(context, value);
        const inner = object === undefined ? undefined : objectPropertyValue(object, 'innerHTML');
        if (inner !== undefined) return inner;
      }
      return undefined;
    };
    return {
      CallExpression(node) {
        const callee = calleeWrittenName(node);
        if (callee === undefined || !RENDER_FUNCTIONS.has(callee)) return;
        const second = argumentAt(node, 1);
        const data = second === undefined ? undefined : localObjectLiteral(context, second);
        const html = data === undefined ? undefined : innerHtmlOf(data);
        if (html === undefined) return;
        const parts = unsafeHtmlParts(context, html);
        if (parts.length === 0) return;
        const flow = htmlFlow(context, parts);
        context.report({ node, messageId: 'renderInnerHtml', data: { callee }, confidence: flow ? 'high' : undefined, flow });
      },
      Property(node) {
        if (staticKeyName(node) !== 'template') return;
        const template = getStaticValue(context, node.value)?.value;
        if (typeof template !== 'string' || !template.includes('v-html')) return;
        const binding = /v-html\s*=\s*"([^"]*)"|v-html\s*=\s*'([^']*)'/.exec(template);
        const expression = (binding?.[1] ?? binding?.[2] ?? '').trim();
        if (expression === '' || /^(?:'[^']*'|"[^"]*"|`[^`$]*`)$/.test(expression)) return;
        // A binding through a sanitizing filter or method: `v-html="sanitize(body)"`, `$sanitize(x)`.
        if (/(?:sanitize|purify|escape)/i.test(expression)) return;
        context.report({ node, messageId: 'templateVHtml', data: { binding: expression }, confidence: 'low' });
      },
    };
  },
});
