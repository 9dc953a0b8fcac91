import { defineRule } from '../../src/rule/index.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { argumentAt, skipWrappers, staticPropertyName, type AnalysisContext } from '../../src/analysis/index.js';
import { isDeclaredString } from '../../src/analysis/exec/evidence.js';
import { isJqueryFunction } from '../../src/analysis/html/jquery.js';
import { constantPrefix, htmlFlow, unsafeHtmlParts } from '../../src/analysis/html/values.js';

/** Names of values that hold text or markup rather than elements or selectors. */
const TEXT_NAMES = /html|markup|userInput|^input$|untrusted|payload|^(?:msg|message|comment|content|text|str)$/i;

/** A value that is surely text: declared `: string` (or `string | undefined`), or named like markup or user input (`html`, `userInput`). */
function isTextValue(context: AnalysisContext, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type !== 'Identifier') return false;
  return isDeclaredString(context, node) || TEXT_NAMES.test(node.name);
}

export default defineRule({
  id: 'TSB309',
  name: 'jquery-selector-html',
  title: 'jQuery $() or $.parseHTML given markup or URL input built from non-constant values',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    htmlString: '`{{callee}}()` parses markup built from non-constant values; create the element from a constant and set its text with `.text()`, or sanitize with DOMPurify.',
    inputSelector: '`{{callee}}()` receives a string from the URL or other input: a value starting with `<` is parsed as HTML. Select with a constant selector and look the value up instead.',
    textArgument: '`{{callee}}()` receives a non-constant string that may start with `<` and be parsed as HTML; select with a constant selector, or build elements and set `.text()`.',
    parseHtml: '`{{callee}}()` parses HTML built from non-constant values; inserting the nodes runs their event handlers. Sanitize with DOMPurify first.',
  },
  docs: {
    why: '`$(string)` creates elements when the string starts with `<` (older jQuery: when it contains `<` anywhere), and `$.parseHTML` always does: markup or a `location.hash` passed there becomes elements whose `onerror` handlers run.',
    fix: 'Create elements from constant markup and fill them with `.text()` / `.attr()`; never pass URL or message data to `$()`; sanitize HTML with DOMPurify before `$.parseHTML`.',
    examples: {
      flagged: `import $ from 'jquery';\nexport function addItem(label: string) {\n  $('<li class="item">' + label + '</li>').appendTo('#list');\n}`,
      safe: `import $ from 'jquery';\nexport function addItem(label: string) {\n  $('<li class="item"></li>').text(label).appendTo('#list');\n}`,
    },
    references: ['https://api.jquery.com/jQuery/#jQuery2', 'https://bugs.jquery.com/ticket/9521/'],
    sources: ['semgrep:javascript.jquery.security.audit.jquery-insecure-selector'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type === 'Identifier') {
          if (callee.name !== '$' && callee.name !== 'jQuery') return;
          const value = argumentAt(node, 0);
          if (value === undefined || value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression' || value.type === 'ThisExpression') return;
          if (!isJqueryFunction(context, callee)) return;
          const parts = unsafeHtmlParts(context, value);
          if (parts.length === 0) return;
          const flow = htmlFlow(context, parts);
          if (constantPrefix(context, value).trimStart().startsWith('<')) {
            context.report({ node, messageId: 'htmlString', data: { callee: callee.name }, confidence: flow ? 'high' : undefined, flow });
            return;
          }
          // '#' + id, '.item-' + x: a selector (jQuery 1.9+ parses only strings starting with '<').
          if (constantPrefix(context, value) !== '') return;
          if (flow === undefined) {
            if (isTextValue(context, value)) context.report({ node, messageId: 'textArgument', data: { callee: callee.name }, confidence: 'low' });
            return;
          }
          context.report({ node, messageId: 'inputSelector', data: { callee: callee.name }, confidence: 'high', flow });
          return;
        }
        if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'parseHTML') return;
        if (callee.object.type !== 'Identifier' || !isJqueryFunction(context, callee.object)) return;
        const html = argumentAt(node, 0);
        if (html === undefined) return;
        const parts = unsafeHtmlParts(context, html);
        if (parts.length === 0) return;
        const flow = htmlFlow(context, parts);
        context.report({ node, messageId: 'parseHtml', data: { callee: `${callee.object.name}.parseHTML` }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
