import { createRequire } from 'node:module';
import type { Scope, ScopeManager } from '@typescript-eslint/scope-manager';
import type { Comment, Node, Program, SourceCodeLike } from '../rule/types.js';

type ScopeAnalysis = typeof import('@typescript-eslint/scope-manager');
const require = createRequire(import.meta.url);
/**
 * Loaded at the first scope question, not with this module: the CLI's main thread loads the
 * rules for their metadata but analyses nothing (the worker does), and scope-manager's 178
 * modules are about 80 ms of every process start. The worker loads it up front (worker.ts).
 */
let scopeAnalysis: ScopeAnalysis | undefined;

/**
 * The engine's implementation of the rule-facing `SourceCode`. Scope analysis costs a second
 * pass over the tree, so it runs on the first `getScope` call only: files where no rule asks
 * a scope question never pay for it.
 */
export class EngineSourceCode implements SourceCodeLike {
  #scopeManager: ScopeManager | undefined;

  constructor(
    readonly text: string,
    readonly ast: Program,
  ) {}

  getText(node?: Node | Comment): string {
    return node === undefined ? this.text : this.text.slice(node.range[0], node.range[1]);
  }

  getAllComments(): Comment[] {
    return this.ast.comments ?? [];
  }

  get scopeManager(): ScopeManager {
    scopeAnalysis ??= require('@typescript-eslint/scope-manager') as ScopeAnalysis;
    this.#scopeManager ??= scopeAnalysis.analyze(this.ast, {
      sourceType: this.ast.sourceType,
      // CommonJS files run inside a function: `return` at top level is legal and top-level
      // declarations are not globals.
      globalReturn: this.ast.sourceType === 'script',
      lib: [],
      jsxPragma: null,
    });
    return this.#scopeManager;
  }

  /**
   * The innermost scope that contains `node`. Found by position from the global scope down,
   * not through `parent` links: a rule may ask about a descendant the walk has not reached
   * yet, whose links are not set. Same answer as ESLint's parent-based lookup.
   */
  getScope(node: Node): Scope {
    const manager = this.scopeManager;
    let scope = manager.globalScope as Scope | null;
    if (scope === null) throw new Error('scope analysis produced no global scope');
    const [start, end] = node.range;
    for (;;) {
      const inner = childScopeAround(scope, start, end);
      if (inner === undefined) break;
      scope = inner;
    }
    // A named function expression's name lives in a scope of its own around the function's.
    return scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
  }
}

/** Whether a scope's children are in source order and disjoint (scope analysis creates them so; checked once per scope). */
const childrenOrdered = new WeakMap<Scope, boolean>();

/**
 * The child scope whose block contains `[start, end]`. A binary search by position: a bundle
 * wrapped in one function has thousands of child scopes, and rules ask for scopes often.
 */
function childScopeAround(scope: Scope, start: number, end: number): Scope | undefined {
  const children = scope.childScopes;
  let ordered = childrenOrdered.get(scope);
  if (ordered === undefined) {
    ordered = children.every((child, i) => i === 0 || children[i - 1]!.block.range[1] <= child.block.range[0]);
    childrenOrdered.set(scope, ordered);
  }
  if (!ordered) return children.find((child) => child.block.range[0] <= start && end <= child.block.range[1]);
  let low = 0;
  let high = children.length - 1;
  let candidate: Scope | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const child = children[middle]!;
    if (child.block.range[0] <= start) {
      candidate = child;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate !== undefined && end <= candidate.block.range[1] ? candidate : undefined;
}
