import { defineRule } from '../../src/rule/index.js';
import { argumentAt, textCarryingParts, findTaintFlow, resolveCalleeAmong } from '../../src/analysis/index.js';
import { configuredSinkHit } from '../../src/analysis/extensions.js';

/** The global eval, also reached indirectly: `(0, eval)(x)`, `window.eval`, `globalThis.eval`. */
const EVAL = new Set(['eval']);

export default defineRule({
  id: 'TSB101',
  name: 'eval-call',
  title: 'eval() of a string built at run time',
  cwe: [95, 94],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    dynamicEval: '`eval` runs a string built at run time as code; parse data with JSON.parse or map names to functions instead.',
  },
  docs: {
    why: 'eval() compiles and runs its argument with the full authority of the process or page. When any part of that string comes from a user, a file or the network, an attacker chooses the code that runs. Indirect forms (`(0, eval)(x)`, `window.eval`, `globalThis.eval`) are the same sink.',
    fix: 'Do not evaluate strings. Parse data with `JSON.parse`, look up behaviour in a map of functions, or use a sandboxed expression evaluator with an allow-list grammar.',
    examples: {
      flagged: `export function calculate(expression: string): number {\n  return eval(expression);\n}`,
      safe: `const OPERATIONS: Record<string, (a: number, b: number) => number> = { add: (a, b) => a + b, sub: (a, b) => a - b };\nexport function calculate(op: string, a: number, b: number): number {\n  const operation = OPERATIONS[op];\n  if (!operation) throw new Error('unknown operation');\n  return operation(a, b);\n}`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/eval#never_use_direct_eval!'],
    sources: ['bandit:B307', 'eslint-plugin-security:detect-eval-with-expression'],
  },
  create(context) {
    return {
      CallExpression(node) {
        // Code sinks of the config's `analysis.sinks` (kind: code).
        const configured = configuredSinkHit(context, node, 'code', findTaintFlow);
        if (configured !== undefined) {
          if (configured !== null) context.report({ node, messageId: 'dynamicEval', confidence: configured.flow ? 'high' : undefined, flow: configured.flow });
          return;
        }
        if (resolveCalleeAmong(context, node, EVAL) === undefined) return;
        const code = argumentAt(node, 0);
        if (code === undefined || textCarryingParts(context, code).length === 0) return;
        const flow = findTaintFlow(context, code);
        context.report({ node, messageId: 'dynamicEval', confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
