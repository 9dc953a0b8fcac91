import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, getStaticValue, isConstantString, isHtmlSanitized, localFunction, resolveCalleeAmong, resolveReference, skipWrappers, staticPropertyName, type AnalysisContext } from '../../src/analysis/index.js';
import { HTML_SANITIZER_CALLS, HTML_SANITIZER_METHODS } from '../../src/analysis/sanitizers.js';
import { htmlFlow, localObjectLiteral, objectPropertyValue } from '../../src/analysis/html/values.js';
import { isFunction, returnedExpressions } from '../../src/analysis/taint/tree.js';

/** ejs entry points: template text first (render/compile) or a file (renderFile), then data, then options. */
const EJS_CALLS = new Set(['ejs.render', 'ejs.compile', 'ejs.renderFile']);
/** The index of the options argument of each entry point. */
const OPTIONS_INDEX: ReadonlyMap<string, number> = new Map([['ejs.render', 2], ['ejs.compile', 1], ['ejs.renderFile', 2]]);
/** `<%- expr %>` outputs not escaped, except `include(...)`, which is HTML by design. */
const RAW_OUTPUT = /<%-(?!\s*include\b)\s*[^%\s]/;

/** True when a function given as `escape` really escapes: a known escaper, or a function returning one's result. */
function isEscaper(context: AnalysisContext, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'Identifier' || node.type === 'MemberExpression') {
    const name = node.type === 'Identifier' ? node.name : staticPropertyName(node);
    if (name !== undefined && HTML_SANITIZER_METHODS.has(name)) return true;
    const resolved = resolveReference(context, node);
    if (resolved !== undefined && HTML_SANITIZER_CALLS.has(resolved)) return true;
    const local = node.type === 'Identifier' ? localFunction(context, node) : undefined;
    return local !== undefined && isEscaper(context, local);
  }
  if (!isFunction(node)) return false;
  const returned = returnedExpressions(node);
  return returned.length > 0 && returned.every((expression) => isHtmlSanitized(context, expression) || /replace\(\s*\/\[?[^/]*[<&][^/]*\/g?\s*,/.test(context.sourceCode.getText(expression)));
}

export default defineRule({
  id: 'TSB312',
  name: 'ejs-escape-override',
  title: 'EJS HTML escaping replaced (escape option, ejs.escapeXML) or inline template with unescaped <%- output',
  cwe: [79, 116],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.2,
  recommended: true,
  messages: {
    escapeOption: 'The `escape` option replaces EJS\'s HTML escaping with a function that does not escape; `<%= %>` output is no longer encoded. Remove the option.',
    escapeXml: '`ejs.escapeXML` is replaced by a function that does not escape: every `<%= %>` in every template outputs raw HTML. Keep EJS\'s own escaper.',
    rawOutput: '`{{callee}}()` renders an inline template that prints data with `<%-` (unescaped) and non-constant data; use `<%=` unless the value is sanitized HTML.',
  },
  docs: {
    why: 'EJS escapes `<%= %>` output with its `escape` function. Replacing it with an identity function, or printing values with `<%- %>`, inserts data as raw HTML and makes every such value an XSS sink.',
    fix: 'Leave `escape` and `ejs.escapeXML` at their defaults; print values with `<%= %>`, and use `<%- %>` only for `include()` or HTML sanitized with DOMPurify/sanitize-html.',
    examples: {
      flagged: `import ejs from 'ejs';\nexport const page = (name: string) => ejs.render('<h1><%= name %></h1>', { name }, { escape: (s: string) => s });`,
      safe: `import ejs from 'ejs';\nexport const page = (name: string) => ejs.render('<h1><%= name %></h1>', { name });`,
    },
    references: ['https://ejs.co/#docs', 'https://github.com/mde/ejs/blob/main/SECURITY.md'],
    sources: ['semgrep:javascript.express.security.audit.xss.ejs.explicit-unescape'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = resolveCalleeAmong(context, node, EJS_CALLS);
        if (callee === undefined) return;
        const optionsIndex = OPTIONS_INDEX.get(callee) ?? 2;
        const optionsNode = argumentAt(node, optionsIndex);
        const options = optionsNode === undefined ? undefined : localObjectLiteral(context, optionsNode);
        const escape = options === undefined ? undefined : objectPropertyValue(options, 'escape');
        if (escape !== undefined && !isEscaper(context, escape)) {
          context.report({ node: escape, messageId: 'escapeOption' });
          return;
        }
        if (callee === 'ejs.renderFile') return;
        const template = argumentAt(node, 0);
        const text = template === undefined ? undefined : getStaticValue(context, template)?.value;
        if (typeof text !== 'string' || !RAW_OUTPUT.test(text)) return;
        if (callee === 'ejs.render') {
          const data = argumentAt(node, 1);
          if (data === undefined || isConstantString(context, data)) return;
          const object = localObjectLiteral(context, data);
          if (object !== undefined && object.properties.every((p) => p.type === 'Property' && isConstantString(context, p.value))) return;
          const flow = htmlFlow(context, [data]);
          context.report({ node, messageId: 'rawOutput', data: { callee }, confidence: flow ? 'high' : undefined, flow });
          return;
        }
        context.report({ node, messageId: 'rawOutput', data: { callee }, confidence: 'low' });
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' || node.left.type !== 'MemberExpression' || staticPropertyName(node.left) !== 'escapeXML') return;
        if (resolveReference(context, node.left) !== 'ejs.escapeXML' || isEscaper(context, node.right)) return;
        context.report({ node, messageId: 'escapeXml' });
      },
    };
  },
});
