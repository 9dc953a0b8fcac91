import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';

export type Expression = TSESTree.Expression;

/**
 * The expression under TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and
 * optional chains, which do not change the value at run time.
 */
export function skipWrappers(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The name of a member access when it is written statically: `a.b`, `a['b']`, ``a[`b`]``. */
export function staticPropertyName(member: TSESTree.MemberExpression): string | undefined {
  const { property } = member;
  if (!member.computed) return property.type === 'Identifier' ? property.name : undefined;
  if (property.type === 'Literal' && (typeof property.value === 'string' || typeof property.value === 'number')) {
    return String(property.value);
  }
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The key of an object property when it is written statically. */
export function staticKeyName(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  const { key } = property;
  if (!property.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

/** The last name of a callee as written (`exec` for `cp.exec(...)` and `exec(...)`), before any resolution. */
export function calleeWrittenName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return staticPropertyName(callee);
  return undefined;
}

/** The first argument as an expression, or undefined when absent or a spread. */
export function argumentAt(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): Expression | undefined {
  const argument = call.arguments[index];
  return argument === undefined || argument.type === 'SpreadElement' ? undefined : argument;
}

/** Memoises a per-node question; entries go with the tree, in the engine and in ESLint alike. */
export function memoised<T>(compute: (node: Node) => T): { get(node: Node): T } {
  const cache = new WeakMap<Node, { value: T }>();
  return {
    get(node: Node): T {
      const hit = cache.get(node);
      if (hit !== undefined) return hit.value;
      const value = compute(node);
      cache.set(node, { value });
      return value;
    },
  };
}
