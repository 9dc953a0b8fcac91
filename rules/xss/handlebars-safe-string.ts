import { defineRule } from '../../src/rule/index.js';
import { argumentAt, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';
import { htmlFlow, unsafeHtmlParts } from '../../src/analysis/html/values.js';

export default defineRule({
  id: 'TSB311',
  name: 'handlebars-safe-string',
  title: 'Handlebars SafeString wraps non-constant HTML, or templates compiled with noEscape: true',
  cwe: [79, 116],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.2,
  recommended: true,
  messages: {
    safeString: '`new {{callee}}()` marks HTML built from non-constant values as safe, so Handlebars will not escape it; escape the values with Handlebars.escapeExpression first.',
    noEscape: '`noEscape: true` turns off HTML escaping for every double-stash expression in these templates; remove it and use triple-stash only where the HTML is sanitized.',
  },
  docs: {
    why: 'Handlebars escapes double-stash expressions unless the value is a `SafeString` or the template was compiled with `noEscape: true`. Helpers that wrap user data in SafeString, or a global noEscape, turn every such value into reflected or stored XSS.',
    fix: 'Inside helpers, escape each value with `Handlebars.escapeExpression` before concatenating markup, then wrap the result in `SafeString`; never compile with `noEscape: true` for HTML output.',
    examples: {
      flagged: `import Handlebars from 'handlebars';\nHandlebars.registerHelper('bold', (text: string) => new Handlebars.SafeString('<b>' + text + '</b>'));`,
      safe: `import Handlebars from 'handlebars';\nHandlebars.registerHelper('bold', (text: string) => new Handlebars.SafeString('<b>' + Handlebars.escapeExpression(text) + '</b>'));`,
    },
    references: ['https://handlebarsjs.com/guide/expressions.html#html-escaping', 'https://handlebarsjs.com/api-reference/compilation.html'],
    sources: ['semgrep:javascript.handlebars.security.audit.handlebars-safestring'],
  },
  create(context) {
    return {
      NewExpression(node) {
        const callee = skipWrappers(node.callee);
        const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
        if (name !== 'SafeString') return;
        const html = argumentAt(node, 0);
        if (html === undefined) return;
        const parts = unsafeHtmlParts(context, html);
        if (parts.length === 0) return;
        const flow = htmlFlow(context, parts);
        context.report({ node, messageId: 'safeString', data: { callee: context.sourceCode.getText(callee) }, confidence: flow ? 'high' : undefined, flow });
      },
      Property(node) {
        if (staticKeyName(node) !== 'noEscape') return;
        const value = skipWrappers(node.value);
        if (value.type !== 'Literal' || value.value !== true) return;
        context.report({ node, messageId: 'noEscape' });
      },
    };
  },
});
