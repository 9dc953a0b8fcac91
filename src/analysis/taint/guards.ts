import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { findVariable, type AnalysisContext } from '../scope.js';
import { isConstantString } from '../static-value.js';
import { ensureParents, isFunction } from './tree.js';

/**
 * Checks that make a value safe whatever it was: membership in a constant allow-list
 * (`ALLOWED.includes(x)`, `SET.has(x)`, `x in MAP` on a constant object) and a match against an
 * anchored regular expression literal (`/^[a-z0-9_]+$/.test(x)`).
 */
export function isValidationOf(context: AnalysisContext, test: Node, variable: Variable): boolean {
  const node = skipWrappers(test);
  const refersTo = (candidate: Node | undefined): boolean => {
    const value = candidate === undefined ? undefined : skipWrappers(candidate);
    return value?.type === 'Identifier' && findVariable(context, value) === variable;
  };
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = staticPropertyName(node.callee);
    const [argument] = node.arguments;
    if ((method === 'includes' || method === 'has') && refersTo(argument)) return isConstantCollection(context, node.callee.object);
    if (method === 'test' && refersTo(argument)) {
      const pattern = skipWrappers(node.callee.object);
      return pattern.type === 'Literal' && 'regex' in pattern && /^\^.*\$$/.test(pattern.regex.pattern) && !/[.]\*|\\S|\[\^/.test(pattern.regex.pattern);
    }
  }
  if (node.type === 'BinaryExpression' && node.operator === 'in' && refersTo(node.left)) return isConstantCollection(context, node.right);
  // validator.isInt(id), isUUID(id), Number.isInteger(n): only digits, hex and dashes pass.
  if (node.type === 'CallExpression' && refersTo(node.arguments[0] as Node | undefined)) {
    const callee = skipWrappers(node.callee);
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
    if (name !== undefined && SHAPE_VALIDATORS.has(name)) return true;
  }
  // `x !== undefined && ALLOWED.includes(x)`: both must hold, so either side's validation counts.
  if (node.type === 'LogicalExpression' && node.operator === '&&') return isValidationOf(context, node.left, variable) || isValidationOf(context, node.right, variable);
  return false;
}

/** Validators (validator.js, Number) whose success leaves no room for quotes or markup. */
const SHAPE_VALIDATORS = new Set(['isInt', 'isNumeric', 'isUUID', 'isMongoId', 'isAlphanumeric', 'isAlpha', 'isHexadecimal', 'isInteger', 'isSafeInteger', 'isDecimal', 'isFloat', 'isBoolean', 'isISO8601', 'isDate']);

/** An array, Set or object literal of constants, directly or through a `const`. */
function isConstantCollection(context: AnalysisContext, raw: Node): boolean {
  let node = skipWrappers(raw);
  if (node.type === 'Identifier') {
    const def = findVariable(context, node)?.defs[0];
    const declarator = def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator) : undefined;
    if (declarator?.init == null || declarator.parent?.type !== 'VariableDeclaration' || declarator.parent.kind !== 'const') return false;
    node = skipWrappers(declarator.init);
  }
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'Set' && node.arguments[0] !== undefined) node = skipWrappers(node.arguments[0]);
  if (node.type === 'ArrayExpression') return node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isConstantString(context, e));
  if (node.type === 'ObjectExpression') return node.properties.every((p) => p.type === 'Property');
  return false;
}

/** True when the statement always leaves the block: return, throw, or a block ending in one. */
function exits(statement: Node): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement') {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

/** `!check`, `check === false`, `!(check)`: the test that guards an early exit. */
function negated(test: Node): Node | undefined {
  const node = skipWrappers(test);
  if (node.type === 'UnaryExpression' && node.operator === '!') return node.argument;
  if (node.type === 'BinaryExpression' && (node.operator === '===' || node.operator === '==') && node.right.type === 'Literal' && node.right.value === false) return node.left;
  return undefined;
}

interface EarlyExitCheck {
  /** The check's `if (!check) return;` statement ends here. */
  readonly end: number;
  readonly check: Node;
}

const earlyExitChecksOf = new WeakMap<Node, readonly EarlyExitCheck[]>();

/**
 * The `if (!check) return|throw` statements of a block, in order. Listed once per block: a
 * bundle's function body has thousands of statements, and every use below it asks.
 */
function earlyExitChecks(block: TSESTree.BlockStatement | TSESTree.Program): readonly EarlyExitCheck[] {
  let found = earlyExitChecksOf.get(block);
  if (found === undefined) {
    const checks: EarlyExitCheck[] = [];
    for (const statement of block.body as Node[]) {
      if (statement.type !== 'IfStatement') continue;
      const check = negated(statement.test);
      if (check !== undefined && exits(statement.consequent)) checks.push({ end: statement.range[1], check });
    }
    found = checks;
    earlyExitChecksOf.set(block, found);
  }
  return found;
}

/**
 * True when, before `use`, the enclosing function validates the variable and leaves otherwise:
 * `if (!ALLOWED.includes(sort)) return res.sendStatus(400);` then `query(... + sort)`; or when
 * `use` sits in the true branch of such a check (`if (ALLOWED.includes(x)) { ...use... }`).
 * Needs parent links (set by the caller).
 */
export function isGuarded(context: AnalysisContext, use: Node, variable: Variable): boolean {
  let child: Node = use;
  for (let parent = use.parent; parent != null; child = parent, parent = parent.parent) {
    if (isFunction(parent)) return false;
    if (parent.type === 'IfStatement' && parent.consequent === child && isValidationOf(context, parent.test, variable)) return true;
    if (parent.type === 'ConditionalExpression' && parent.consequent === child && isValidationOf(context, parent.test, variable)) return true;
    if (parent.type === 'LogicalExpression' && parent.operator === '&&' && parent.right === child && isValidationOf(context, parent.left, variable)) return true;
    if (parent.type === 'BlockStatement' || parent.type === 'Program') {
      for (const guard of earlyExitChecks(parent)) {
        if (guard.end > child.range[0]) break;
        if (isValidationOf(context, guard.check, variable)) return true;
      }
    }
  }
  return false;
}

/**
 * True when a value is checked in the code around it: an identifier guarded as in `isGuarded`,
 * or `ALLOWED.includes(x) ? x : 'default'` with a constant fallback. Such a value is one of the
 * allowed constants, whatever its origin.
 */
export function isValidatedValue(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'Identifier') {
    const variable = findVariable(context, node);
    if (variable === undefined) return false;
    ensureParents(context.sourceCode.ast);
    return isGuarded(context, node, variable);
  }
  if (node.type === 'ConditionalExpression') {
    const chosen = skipWrappers(node.consequent);
    if (!isConstantString(context, node.alternate)) return false;
    const variable = chosen.type === 'Identifier' ? findVariable(context, chosen) : undefined;
    if (variable !== undefined) return isValidationOf(context, node.test, variable);
    // ALLOWED.includes(req.query.sort) ? req.query.sort : 'id'
    return chosen.type === 'MemberExpression' && isAllowListTestOf(context, node.test, context.sourceCode.getText(chosen));
  }
  return false;
}

/** `ALLOWED.includes(x.y)`, `SET.has(x.y)`, `x.y in MAP` on a constant collection, where `x.y` is written as `text`. */
function isAllowListTestOf(context: AnalysisContext, test: Node, text: string): boolean {
  const node = skipWrappers(test);
  const same = (candidate: Node | undefined): boolean => candidate !== undefined && context.sourceCode.getText(skipWrappers(candidate)) === text;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = staticPropertyName(node.callee);
    if ((method === 'includes' || method === 'has') && same(node.arguments[0] as Node | undefined)) return isConstantCollection(context, node.callee.object);
  }
  if (node.type === 'BinaryExpression' && node.operator === 'in' && same(node.left)) return isConstantCollection(context, node.right);
  if (node.type === 'LogicalExpression' && node.operator === '&&') return isAllowListTestOf(context, node.left, text) || isAllowListTestOf(context, node.right, text);
  return false;
}
