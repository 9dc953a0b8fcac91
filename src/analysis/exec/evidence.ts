import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Node } from '../../rule/types.js';
import { skipWrappers } from '../ast.js';
import { findVariable, type AnalysisContext } from '../scope.js';
import { stringParts, textCarryingParts } from '../string-parts.js';
import { findTaintFlow } from '../request-source.js';
import type { TaintFlow } from '../taint/trace.js';
import { isFunction } from '../taint/tree.js';
import { specifierParts } from './specifier.js';
import { isShellEscaped, isTrustedListEntry } from './trusted.js';

/**
 * What the code-execution rules report about a value that reaches a sink: whether it carries
 * run-time text at all, and how sure the finding is (`high` with a visible flow from input).
 */
export interface SinkEvidence {
  readonly confidence: Confidence | undefined;
  readonly flow: TaintFlow | undefined;
}

/** How a sink treats the values it receives. */
export interface SinkTraits {
  /** The value is parsed by a shell: parts that went through a shell escaper are one word, not code. */
  readonly shell?: boolean;
}

/** Traits of sinks whose text a shell parses. */
export const SHELL: SinkTraits = { shell: true };

/** True when a path is decided by the program: constant, or built from `__dirname` and constants. */
export function isFixedPath(context: AnalysisContext, node: Node): boolean {
  return specifierParts(context, node).dynamicParts.length === 0;
}

/**
 * The parts of `values` that may carry text chosen outside the program: non-constant parts
 * (see `textCarryingParts`), without entries of the application's own directory listings or
 * of constant lists, and, for shells, without shell-escaped values.
 */
export function untrustedParts(context: AnalysisContext, values: readonly (Node | undefined)[], traits: SinkTraits = {}): Node[] {
  const fixed = (node: Node): boolean => isFixedPath(context, node);
  return values
    .flatMap((value) => (value === undefined ? [] : textCarryingParts(context, value)))
    .filter((part) => !(traits.shell === true && isShellEscaped(context, part)) && !isTrustedListEntry(context, part, fixed));
}

/**
 * Evidence for reporting `values` at a code or command sink, or undefined when nothing in them
 * can carry outside text (literals, `const` strings, numbers, concatenation of constants,
 * escaped or listed values): those are never reported. `fallback` is the confidence without a
 * flow (undefined: the rule's default).
 */
export function dynamicTextEvidence(context: AnalysisContext, values: readonly (Node | undefined)[], fallback?: Confidence, traits: SinkTraits = {}): SinkEvidence | undefined {
  const parts = untrustedParts(context, values, traits);
  if (parts.length === 0) return undefined;
  for (const part of parts) {
    const flow = findTaintFlow(context, part);
    if (flow !== undefined) return { confidence: 'high', flow };
  }
  return { confidence: fallback, flow: undefined };
}

/** True when the expression is a string assembled here from some run-time part (`'a' + x`, `` `a${x}` ``). */
export function isBuiltDynamicString(context: AnalysisContext, node: Node): boolean {
  const parts = stringParts(context, node);
  return parts.isBuilt && parts.dynamicParts.length > 0;
}

/** The TypeScript type annotation of the variable or parameter an identifier names, if written. */
function declaredType(context: AnalysisContext, identifier: TSESTree.Identifier): TSESTree.TypeNode | undefined {
  const variable = findVariable(context, identifier);
  const def = variable?.defs[0];
  if (def === undefined) return undefined;
  const name = def.name as TSESTree.Identifier;
  return name.typeAnnotation?.typeAnnotation;
}

/** True when a value is declared `string` (or a union of string-only members) in TypeScript. */
export function isDeclaredString(context: AnalysisContext, rawNode: Node): boolean {
  const node = skipWrappers(rawNode);
  if (rawNode.type === 'TSAsExpression' && rawNode.typeAnnotation.type === 'TSStringKeyword') return true;
  if (node.type !== 'Identifier') return false;
  const type = declaredType(context, node);
  if (type === undefined) return false;
  if (type.type === 'TSStringKeyword') return true;
  return type.type === 'TSUnionType' && type.types.every((member) => member.type === 'TSStringKeyword' || member.type === 'TSUndefinedKeyword' || member.type === 'TSNullKeyword');
}

/**
 * True when a value is visibly a function: a function or arrow written in place, an identifier
 * bound to a function declaration or a never-reassigned function value, `fn.bind(...)`, or a
 * value typed as a function.
 */
export function isFunctionValue(context: AnalysisContext, rawNode: Node): boolean {
  const node = skipWrappers(rawNode);
  if (isFunction(node)) return true;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && node.callee.property.name === 'bind') return true;
  if (node.type !== 'Identifier') return false;
  const variable = findVariable(context, node);
  const def = variable?.defs[0];
  if (def === undefined) return false;
  if (def.type === 'FunctionName' || def.type === 'ClassName') return true;
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.init !== null && isFunction(skipWrappers(declarator.init))) return true;
  }
  const type = declaredType(context, node);
  return type?.type === 'TSFunctionType' || type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && type.typeName.name === 'Function';
}

