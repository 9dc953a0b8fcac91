import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { skipWrappers, staticKeyName } from '../../src/analysis/index.js';
import { htmlFlow, objectLiteralsOf, objectPropertyValue, unsafeHtmlParts } from '../../src/analysis/html/values.js';

const PROP = 'dangerouslySetInnerHTML';

/** `JSON.stringify(x)` in a `<script type="application/ld+json">`: data, flagged only when input visibly reaches it. */
const isJsonStringify = (node: TSESTree.Node): boolean => {
  const call = skipWrappers(node);
  return call.type === 'CallExpression' && call.callee.type === 'MemberExpression' && call.callee.object.type === 'Identifier'
    && call.callee.object.name === 'JSON' && call.callee.property.type === 'Identifier' && call.callee.property.name === 'stringify';
};

export default defineRule({
  id: 'TSB304',
  name: 'react-dangerously-set-inner-html',
  title: 'React dangerouslySetInnerHTML given non-constant, unsanitized HTML',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    unsafeHtml: '`dangerouslySetInnerHTML` renders HTML built from non-constant values; render text as JSX children, or sanitize with DOMPurify.sanitize first.',
    unknownHtml: '`dangerouslySetInnerHTML` receives an object built elsewhere; make sure its `__html` is sanitized (DOMPurify.sanitize).',
  },
  docs: {
    why: 'React escapes everything except `dangerouslySetInnerHTML`, whose `__html` is inserted as markup: HTML from props, an API, a CMS or markdown can carry `<img onerror>` and run script with the user\'s session.',
    fix: 'Render text as JSX children. When HTML is really needed, pass it through `DOMPurify.sanitize` (or sanitize-html on the server) right before rendering.',
    examples: {
      flagged: `export function Comment({ body }: { body: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: body }} />;\n}`,
      safe: `import DOMPurify from 'dompurify';\nexport function Comment({ body }: { body: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(body) }} />;\n}`,
      language: 'tsx',
    },
    references: ['https://react.dev/reference/react-dom/components/common#dangerously-setting-the-inner-html'],
    sources: ['eslint-plugin-react:no-danger', 'semgrep:typescript.react.security.audit.react-dangerouslysetinnerhtml'],
  },
  create(context) {
    const check = (node: TSESTree.Node, value: TSESTree.Node) => {
      const objects = objectLiteralsOf(context, value);
      if (objects === undefined) {
        context.report({ node, messageId: 'unknownHtml', confidence: 'low' });
        return;
      }
      for (const object of objects) {
        const html = objectPropertyValue(object, '__html');
        if (html === undefined) continue;
        const parts = unsafeHtmlParts(context, html);
        if (parts.length === 0) continue;
        const flow = htmlFlow(context, parts);
        if (flow === undefined && parts.every(isJsonStringify)) continue;
        context.report({ node, messageId: 'unsafeHtml', confidence: flow ? 'high' : undefined, flow });
        return;
      }
    };
    return {
      JSXAttribute(node) {
        if (node.name.type !== 'JSXIdentifier' || node.name.name !== PROP) return;
        if (node.value?.type !== 'JSXExpressionContainer' || node.value.expression.type === 'JSXEmptyExpression') return;
        check(node, node.value.expression);
      },
      Property(node) {
        if (staticKeyName(node) !== PROP || node.parent?.type === 'ObjectPattern') return;
        if (node.value.type === 'ObjectPattern' || node.value.type === 'AssignmentPattern' || node.value.type === 'ArrayPattern') return;
        check(node, node.value);
      },
    };
  },
});
