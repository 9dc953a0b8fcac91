import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { getStaticValue, isConstantString, stringParts } from '../../src/analysis/index.js';

const LINK_ELEMENTS = new Set(['a', 'area']);
const EXTERNAL_URL = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i;

export default defineRule({
  id: 'TSB811',
  name: 'jsx-target-blank',
  title: 'JSX link opens an external or dynamic URL in a new tab without rel="noopener"',
  cwe: [1022],
  severity: 'low',
  confidence: 'medium',
  securitySeverity: 3.1,
  recommended: true,
  messages: {
    missingNoopener: '`target="_blank"` without `rel="noopener noreferrer"`: the opened page gets `window.opener` in older browsers and can navigate this tab to a phishing page. Add `rel="noopener noreferrer"`.',
  },
  docs: {
    why: 'A page opened with `target="_blank"` could, before browsers made `noopener` the default (Chrome 88, Firefox 79, Safari 12.1), use `window.opener.location = ...` to replace the original tab with a look-alike login page (reverse tabnabbing). Older and embedded browsers still behave that way, and `noreferrer` also keeps the URL of the page private. Links with a constant relative `href` stay on the same site and are not reported.',
    fix: 'Add `rel="noopener noreferrer"` to links that open external or user-supplied URLs in a new tab.',
    examples: {
      flagged: `export const Website = ({ url }: { url: string }) => <a href={url} target="_blank">Website</a>;`,
      safe: `export const Website = ({ url }: { url: string }) => <a href={url} target="_blank" rel="noopener noreferrer">Website</a>;`,
      language: 'tsx',
    },
    references: ['https://owasp.org/www-community/attacks/Reverse_Tabnabbing', 'https://mathiasbynens.github.io/rel-noopener/'],
    sources: ['eslint-plugin-react:jsx-no-target-blank'],
  },
  create(context) {
    const attributeValue = (attribute: TSESTree.JSXAttribute): { constant?: string; node?: TSESTree.Node } => {
      const value = attribute.value;
      if (value === null) return { constant: '' };
      if (value.type === 'Literal') return { constant: String(value.value) };
      if (value.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression') {
        const constant = getStaticValue(context, value.expression)?.value;
        return typeof constant === 'string' ? { constant, node: value.expression } : { node: value.expression };
      }
      return {};
    };
    return {
      JSXOpeningElement(node) {
        if (node.name.type !== 'JSXIdentifier' || !LINK_ELEMENTS.has(node.name.name)) return;
        const attributes = new Map<string, TSESTree.JSXAttribute>();
        for (const attribute of node.attributes) {
          if (attribute.type === 'JSXSpreadAttribute') return; // the spread may bring rel
          if (attribute.name.type === 'JSXIdentifier') attributes.set(attribute.name.name, attribute);
        }
        const target = attributes.get('target');
        if (target === undefined || attributeValue(target).constant?.toLowerCase() !== '_blank') return;
        const rel = attributes.get('rel');
        if (rel !== undefined) {
          const value = attributeValue(rel);
          if (value.constant === undefined) return; // decided at run time
          if (/\bno(?:opener|referrer)\b/i.test(value.constant)) return;
        }
        const href = attributes.get('href');
        if (href === undefined) return;
        const url = attributeValue(href);
        if (url.constant !== undefined) {
          if (!EXTERNAL_URL.test(url.constant)) return;
          context.report({ node, messageId: 'missingNoopener', confidence: 'low' });
          return;
        }
        if (url.node === undefined) return;
        if (isConstantString(context, url.node)) {
          // several constant choices: external if any is
          const text = stringParts(context, url.node).constantText;
          if (!EXTERNAL_URL.test(text)) return;
        } else {
          // `/docs/${slug}`: a relative path on this site, whatever the slug
          const { constantText } = stringParts(context, url.node);
          if (/^\s*\/(?!\/)|^\s*#|^\s*\.\.?\//.test(constantText) && !constantText.startsWith(' ')) return;
        }
        context.report({ node, messageId: 'missingNoopener' });
      },
    };
  },
});
