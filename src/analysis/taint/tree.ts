import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, Program } from '../../rule/types.js';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const withParents = new WeakSet<Program>();

/**
 * Sets every `parent` link of a file's tree, once. ESLint sets them all before rules run; the
 * engine sets them as its walk goes, so inter-procedural questions (who calls this function?)
 * need this first. Iterative: deep trees cannot overflow the stack.
 */
export function ensureParents(program: Program): void {
  if (withParents.has(program)) return;
  withParents.add(program);
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child as (Node | null)[]) {
          if (item !== null && typeof item.type === 'string') {
            (item as { parent?: Node }).parent = node;
            stack.push(item);
          }
        }
      } else if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string') {
        (child as { parent?: Node }).parent = node;
        stack.push(child as Node);
      }
    }
  }
}

const returns = new WeakMap<FunctionNode, Node[]>();

/** The expressions a function can return (its expression body, or each `return x;` not inside a nested function). */
export function returnedExpressions(fn: FunctionNode): Node[] {
  const cached = returns.get(fn);
  if (cached !== undefined) return cached;
  const found: Node[] = [];
  if (fn.body.type !== 'BlockStatement') {
    found.push(fn.body);
  } else {
    const stack: Node[] = [fn.body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'ReturnStatement') {
        if (node.argument !== null) found.push(node.argument);
        continue;
      }
      if (node !== fn.body && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ClassBody')) continue;
      // Statements only: returns are never inside expressions (nested functions excepted).
      for (const key of visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child as (Node | null)[]) if (item !== null && isStatementLike(item)) stack.push(item);
        } else if (child !== null && typeof child === 'object' && isStatementLike(child as Node)) {
          stack.push(child as Node);
        }
      }
    }
  }
  returns.set(fn, found);
  return found;
}

function isStatementLike(node: Node): boolean {
  return node.type.endsWith('Statement') || node.type === 'SwitchCase' || node.type === 'CatchClause' || node.type === 'VariableDeclaration';
}

export const isFunction = (node: Node | undefined | null): node is FunctionNode =>
  node != null && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
