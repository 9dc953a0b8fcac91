import { defineRule } from '../../src/rule/index.js';
import { fileMentions } from '../../src/analysis/file-text.js';
import { textCarryingParts, findTaintFlow, resolveCalleeAmong, resolveReference, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import type { AnalysisContext } from '../../src/analysis/index.js';
import { constInitializer } from '../../src/analysis/static-value.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** The global Function constructor (also as `globalThis.Function`). */
const FUNCTION_CONSTRUCTOR = new Set(['Function']);
/** `Function.call(thisArg, ...args)`, `Function.apply(thisArg, [args])`, `Reflect.construct(Function, [args])`. */
const INDIRECT_CALLS = new Set(['Function.call', 'Function.apply', 'Reflect.construct']);

/**
 * The AsyncFunction / GeneratorFunction constructors, reached through a function's prototype:
 * `Object.getPrototypeOf(async function () {}).constructor` or `(async () => {}).constructor`,
 * written in place or held by a constant binding. They compile their last argument like Function.
 */
function isFunctionConstructorOfPrototype(context: AnalysisContext, raw: TSESTree.Node, depth = 0): boolean {
  const node = skipWrappers(raw);
  if (depth > 3) return false;
  if (node.type === 'Identifier') {
    const init = constInitializer(context, node);
    return init !== undefined && isFunctionConstructorOfPrototype(context, init, depth + 1);
  }
  if (node.type !== 'MemberExpression' || staticPropertyName(node) !== 'constructor') return false;
  let owner = skipWrappers(node.object);
  if (owner.type === 'CallExpression' && resolveReference(context, owner.callee) === 'Object.getPrototypeOf' && owner.arguments[0] !== undefined) owner = skipWrappers(owner.arguments[0]);
  return (owner.type === 'FunctionExpression' || owner.type === 'ArrowFunctionExpression') && (owner.async || owner.generator);
}

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
    const mentionsConstructor = fileMentions(context, '.constructor');
    const mentionsAsyncOrGenerator = fileMentions(context, 'async', 'function*');
    /** The arguments handed to the constructor, or undefined when the call does not reach one. */
    const constructorArguments = (node: TSESTree.CallExpression | TSESTree.NewExpression): readonly TSESTree.Node[] | undefined => {
      if (resolveCalleeAmong(context, node, FUNCTION_CONSTRUCTOR) !== undefined) return node.arguments;
      const callee = skipWrappers(node.callee);
      if (mentionsConstructor() && mentionsAsyncOrGenerator() && (callee.type === 'Identifier' || callee.type === 'MemberExpression') && isFunctionConstructorOfPrototype(context, callee)) return node.arguments;
      if (node.type !== 'CallExpression' || callee.type !== 'MemberExpression') return undefined;
      const owner = skipWrappers(callee.object);
      if (owner.type !== 'Identifier' || (owner.name !== 'Function' && owner.name !== 'Reflect')) return undefined;
      const indirect = resolveCalleeAmong(context, node, INDIRECT_CALLS);
      if (indirect === 'Function.call') return node.arguments.slice(1);
      const list = indirect === 'Function.apply' ? node.arguments[1] : indirect === 'Reflect.construct' && node.arguments[0] !== undefined && resolveReference(context, node.arguments[0]) === 'Function' ? node.arguments[1] : undefined;
      if (list === undefined) return undefined;
      const array = skipWrappers(list);
      // An argument list we cannot see is reported through its own value.
      return array.type === 'ArrayExpression' ? array.elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null) : [list];
    };
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const args = constructorArguments(node);
      if (args === undefined) return;
      const body = args[args.length - 1];
      if (body === undefined) return;
      if (args.every((a) => a.type !== 'SpreadElement' && textCarryingParts(context, a).length === 0)) return;
      const flow = findTaintFlow(context, body.type === 'SpreadElement' ? body.argument : body);
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
