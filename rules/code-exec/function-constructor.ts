import { defineRule } from '../../src/rule/index.js';
import { textCarryingParts, findTaintFlow, resolveCalleeAmong } from '../../src/analysis/index.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** The global Function constructor (also as `globalThis.Function`). */
const FUNCTION_CONSTRUCTOR = new Set(['Function']);

export default defineRule({
  id: 'TSB102',
  name: 'function-constructor',
  title: 'Function constructor with a body built at run time',
  cwe: [95, 94],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    dynamicFunction: '`{{callee}}` compiles a function body built at run time; write the function in code or look it up in a map.',
  },
  docs: {
    why: '`new Function(...args, body)` compiles its last argument as JavaScript in the global scope: it is eval by another name. A body that includes user input lets the user choose the code.',
    fix: 'Write the function in source. For user-defined formulas, use a parser with an allow-list grammar instead of compiling code.',
    examples: {
      flagged: `export function compileFilter(expression: string) {\n  return new Function('row', 'return ' + expression);\n}`,
      safe: `export function compileFilter(field: string, expected: string) {\n  return (row: Record<string, unknown>) => row[field] === expected;\n}`,
    },
    sources: ['eslint:no-new-func', 'eslint-plugin-security:detect-eval-with-expression'],
  },
  create(context) {
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      if (resolveCalleeAmong(context, node, FUNCTION_CONSTRUCTOR) === undefined) return;
      const body = node.arguments[node.arguments.length - 1];
      if (body === undefined) return;
      if (node.arguments.every((a) => a.type !== 'SpreadElement' && textCarryingParts(context, a).length === 0)) return;
      const flow = findTaintFlow(context, body);
      context.report({
        node,
        messageId: 'dynamicFunction',
        data: { callee: node.type === 'NewExpression' ? 'new Function' : 'Function' },
        confidence: flow ? 'high' : undefined,
        flow,
      });
    };
    return { NewExpression: check, CallExpression: check };
  },
});
