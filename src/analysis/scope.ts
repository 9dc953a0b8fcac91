import type { Scope, Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, SourceCodeLike } from '../rule/types.js';
import { skipWrappers } from './ast.js';
import { mayBindName } from './file-text.js';
import { isFunction, type FunctionNode } from './taint/tree.js';

/** What the analysis helpers need of a rule context: both hosts provide it. */
export interface AnalysisContext {
  readonly sourceCode: SourceCodeLike;
}

/** The variable an identifier refers to, searching outwards from its scope; undefined for globals. */
export function findVariable(context: AnalysisContext, identifier: TSESTree.Identifier): Variable | undefined {
  let scope: Scope | null = context.sourceCode.getScope(identifier);
  for (; scope !== null; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable !== undefined) {
      // Globals declared by the host (ESLint's `languageOptions.globals`, TS lib types) have no definitions.
      return variable.defs.length === 0 ? undefined : variable;
    }
  }
  return undefined;
}

/** True when `identifier` is not bound by the file: a global such as `eval`, `document` or `require`. */
export function isGlobalReference(context: AnalysisContext, identifier: TSESTree.Identifier): boolean {
  return findVariable(context, identifier) === undefined;
}

/** True when nothing assigns the variable after its declaration (`const`, or `let`/`var` never written again). */
export function isNeverReassigned(variable: Variable): boolean {
  return variable.references.every((reference) => reference.init === true || !reference.isWrite());
}

/**
 * The declarator that gives a variable its only value, when it has one: a single definition,
 * a `VariableDeclarator` with an initialiser, never reassigned.
 */
export function singleDeclarator(variable: Variable): TSESTree.VariableDeclarator | undefined {
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def === undefined || def.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.init === null) return undefined;
  if (!isNeverReassigned(variable)) return undefined;
  return declarator;
}

/**
 * The function a bare call runs when the file binds the callee's name once, to a function
 * declaration or to a function value never reassigned (`const build = (id) => ...`): what the
 * inter-procedural questions (does this helper escape? build SQL? return request data?) look inside.
 */
export function localFunction(context: AnalysisContext, rawCallee: Node): FunctionNode | undefined {
  const callee = skipWrappers(rawCallee);
  // The name must be bound somewhere in the file's text before a scope analysis is worth it.
  if (callee.type !== 'Identifier' || !mayBindName(context, callee.name)) return undefined;
  const variable = findVariable(context, callee);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined || variable.defs.length !== 1) return undefined;
  if (def.type === 'FunctionName' && isFunction(def.node as Node)) return def.node as FunctionNode;
  const declarator = singleDeclarator(variable);
  const init = declarator?.init == null ? undefined : skipWrappers(declarator.init);
  return isFunction(init) ? init : undefined;
}

/**
 * For `const { a: { b } } = init`, the property path from `init` to `identifier` (`['a', 'b']`);
 * `[]` when the declarator binds the identifier directly; undefined for array patterns,
 * computed keys or rest elements.
 */
export function patternPath(pattern: Node, identifier: TSESTree.Identifier): string[] | undefined {
  if (pattern === identifier) return [];
  if (pattern.type === 'AssignmentPattern') return patternPath(pattern.left, identifier);
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const property of pattern.properties) {
    if (property.type !== 'Property') continue;
    const inner = patternPath(property.value, identifier);
    if (inner === undefined) continue;
    const key = property.computed ? undefined : property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
    return key === undefined ? undefined : [key, ...inner];
  }
  return undefined;
}
