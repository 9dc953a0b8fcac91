import type { Node } from '../rule/types.js';
import { skipWrappers, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import { findVariable, singleDeclarator, type AnalysisContext } from './scope.js';
import { getTypeServices } from '../types/services.js';

/** Calls that always return a number (or NaN), whatever their argument: no text can pass through. */
const NUMERIC_FUNCTIONS = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat', 'Date.now', 'Math.round', 'Math.floor', 'Math.ceil', 'Math.trunc', 'Math.abs', 'Math.min', 'Math.max', 'Math.random']);
const NUMERIC_TAILS = new Set([...NUMERIC_FUNCTIONS].map((name) => name.slice(name.lastIndexOf('.') + 1)));
const NUMERIC_OPERATORS = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
const BOOLEAN_OPERATORS = new Set(['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'in', 'instanceof']);
const MAX_DEPTH = 8;

/**
 * True when the expression always evaluates to a number or boolean: `Number(x)`,
 * `parseInt(req.query.page, 10)`, `limit * 10`, `ids.length`, `a === b`. Such a value cannot
 * carry quotes or markup into a query or HTML string.
 */
export function isNumericOrBoolean(context: AnalysisContext, node: Node): boolean {
  return check(context, node, 0) || isTypedNumeric(context, node);
}

/**
 * Type-aware mode (src/types): a value the checker types as number, boolean or enum. Not when
 * the type is only claimed: a cast (`x as number`), a variable initialised by one, or a
 * framework-injected parameter (`@Param('id') id: number` is a string without a pipe).
 */
function isTypedNumeric(context: AnalysisContext, raw: Node): boolean {
  const types = getTypeServices(context);
  if (types === undefined || isCast(raw)) return false;
  const node = skipWrappers(raw);
  // Only where the syntax cannot tell: names, property reads, calls (the checker is asked once per node).
  if (node.type !== 'Identifier' && node.type !== 'MemberExpression' && node.type !== 'CallExpression' && node.type !== 'AwaitExpression') return false;
  if (node.type === 'Identifier') {
    const variable = findVariable(context, node);
    const def = variable?.defs[0];
    if (def?.type === 'Parameter' && ((def.name as { decorators?: unknown[] }).decorators?.length ?? 0) > 0) return false;
    const declarator = variable === undefined ? undefined : singleDeclarator(variable);
    if (declarator?.init != null && isCast(declarator.init)) return false;
  }
  return types.isNumberLike(node);
}

const isCast = (node: Node): boolean => node.type === 'TSAsExpression' || node.type === 'TSTypeAssertion' || (node.type === 'TSNonNullExpression' && isCast(node.expression));

function check(context: AnalysisContext, rawNode: Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = skipWrappers(rawNode);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'number' || typeof node.value === 'boolean' || typeof node.value === 'bigint';
    case 'UnaryExpression':
      return node.operator === '+' || node.operator === '-' || node.operator === '~' || node.operator === '!';
    case 'UpdateExpression':
      return true;
    case 'BinaryExpression':
      if (NUMERIC_OPERATORS.has(node.operator) || BOOLEAN_OPERATORS.has(node.operator)) return true;
      return node.operator === '+' && check(context, node.left, depth + 1) && check(context, node.right, depth + 1);
    case 'ConditionalExpression':
      return check(context, node.consequent, depth + 1) && check(context, node.alternate, depth + 1);
    case 'MemberExpression':
      return staticPropertyName(node) === 'length';
    case 'CallExpression': {
      // The written name first: resolving (scope analysis) only for calls that could qualify.
      const callee = skipWrappers(node.callee);
      const written = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
      if (written === undefined || !NUMERIC_TAILS.has(written)) return false;
      const resolved = resolveReference(context, node.callee);
      return resolved !== undefined && NUMERIC_FUNCTIONS.has(resolved);
    }
    case 'Identifier': {
      const variable = findVariable(context, node);
      if (variable === undefined) return false;
      const declarator = singleDeclarator(variable);
      return declarator !== undefined && declarator.id.type === 'Identifier' && declarator.init !== null && check(context, declarator.init, depth + 1);
    }
    default:
      return false;
  }
}
