import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, resolveCalleeAmong, textCarryingParts } from '../../src/analysis/index.js';
import { isBuiltDynamicString, isDeclaredString, isFunctionValue } from '../../src/analysis/exec/evidence.js';

/**
 * Browser timers that compile a string first argument like eval. Node's `timers` module throws
 * on strings, so only the globals (also as `window.setTimeout`) are sinks.
 */
const STRING_TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'execScript']);

export default defineRule({
  id: 'TSB104',
  name: 'string-timer',
  title: 'setTimeout/setInterval called with a code string built at run time',
  cwe: [95, 94],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    stringTimer: '`{{callee}}` compiles a string first argument as code, like eval; pass a function instead.',
  },
  docs: {
    why: 'When the first argument of `setTimeout`, `setInterval` or `setImmediate` is a string, browsers compile it as script in the global scope: it is an implied `eval`. If any part of the string comes from the URL, storage, a message or a response, an attacker chooses the code that runs.',
    fix: 'Pass a function (`setTimeout(() => refresh(id), 500)`) and give it the data as ordinary values.',
    examples: {
      flagged: `export function scheduleRefresh(widgetId: string) {\n  setTimeout('refreshWidget(\\'' + widgetId + '\\')', 500);\n}`,
      safe: `declare function refreshWidget(id: string): void;\nexport function scheduleRefresh(widgetId: string) {\n  setTimeout(() => refreshWidget(widgetId), 500);\n}`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/API/setTimeout#passing_string_literals'],
    sources: ['eslint:no-implied-eval', 'eslint-plugin-security:detect-eval-with-expression'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = resolveCalleeAmong(context, node, STRING_TIMERS);
        if (callee === undefined) return;
        const code = argumentAt(node, 0);
        if (code === undefined || isFunctionValue(context, code)) return;
        if (textCarryingParts(context, code).length === 0) return;
        const flow = findTaintFlow(context, code);
        if (flow !== undefined) {
          context.report({ node, messageId: 'stringTimer', data: { callee }, confidence: 'high', flow });
          return;
        }
        // Without a flow, report only values that are visibly strings: a callback of unknown type is the common case.
        if (!isBuiltDynamicString(context, code) && !isDeclaredString(context, code)) return;
        context.report({ node, messageId: 'stringTimer', data: { callee } });
      },
    };
  },
});
