import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { skipWrappers, staticPropertyName, stringParts } from '../../src/analysis/index.js';
import { isJqueryObject } from '../../src/analysis/html/jquery.js';
import { htmlFlow, unsafeHtmlParts } from '../../src/analysis/html/values.js';

/** jQuery methods that parse a string argument as HTML. `html` always does; the others when given a string. */
const HTML_METHODS = new Set(['html', 'append', 'prepend', 'before', 'after', 'replaceWith', 'wrap', 'wrapAll', 'wrapInner']);

/** A value that is surely markup text: named so (`rowHtml`, `markup`) or cast `as string`. */
function isHtmlString(node: TSESTree.Node): boolean {
  if (node.type === 'TSAsExpression') return node.typeAnnotation.type === 'TSStringKeyword';
  return node.type === 'Identifier' && /html|markup/i.test(node.name);
}

const isCallback = (node: TSESTree.Node): boolean => node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';

export default defineRule({
  id: 'TSB308',
  name: 'jquery-html-sink',
  title: 'jQuery .html(), .append(), .before() and similar given HTML built from non-constant values',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    htmlMethod: '`.{{method}}()` parses its argument as HTML and it is built from non-constant values; use `.text()`, or sanitize with DOMPurify first.',
  },
  docs: {
    why: 'jQuery parses strings given to `.html()`, `.append()`, `.prepend()`, `.before()`, `.after()`, `.replaceWith()` and `.wrap()` as HTML and runs inline event handlers, so text from the URL, a form or an API becomes script.',
    fix: 'Use `.text(value)` or build elements (`$("<li>").text(value)`) for text; sanitize HTML with `DOMPurify.sanitize` first when markup is needed.',
    examples: {
      flagged: `import $ from 'jquery';\nexport function greet(name: string) {\n  $('#greeting').html('<b>Hello ' + name + '</b>');\n}`,
      safe: `import $ from 'jquery';\nexport function greet(name: string) {\n  $('#greeting').text('Hello ' + name);\n}`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html', 'https://api.jquery.com/html/'],
    sources: ['eslint-plugin-no-unsanitized:method', 'semgrep:javascript.jquery.security.audit.jquery-insecure-method'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        if (method === undefined || !HTML_METHODS.has(method) || node.arguments.length === 0) return;
        if (!isJqueryObject(context, callee.object)) return;
        for (const argument of node.arguments) {
          if (argument.type === 'SpreadElement' || isCallback(argument)) continue;
          // A jQuery object or element is inserted as is; only strings are parsed.
          if (method !== 'html' && isJqueryObject(context, argument)) continue;
          const parts = unsafeHtmlParts(context, argument);
          if (parts.length === 0) continue;
          const flow = htmlFlow(context, parts);
          if (method !== 'html' && flow === undefined && !isHtmlString(argument)) {
            // .append(x) with x of unknown kind may be a node: only markup built here is surely parsed.
            const { constantText, isBuilt } = stringParts(context, argument);
            if (!isBuilt || !constantText.includes('<')) continue;
          }
          context.report({ node, messageId: 'htmlMethod', data: { method }, confidence: flow ? 'high' : undefined, flow });
          return;
        }
      },
    };
  },
});
