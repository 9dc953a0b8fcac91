import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticKeyName, staticPropertyName } from './ast.js';
import { findVariable, singleDeclarator, type AnalysisContext } from './scope.js';
import { ensureParents } from './taint/tree.js';

export type Primitive = string | number | boolean | bigint | null | undefined;

/** A computed constant: `{ value }`, so that a constant `undefined` differs from "not constant". */
export interface StaticValue {
  readonly value: Primitive;
}

/** How far one question may follow `const` bindings before giving up (cycles, long chains). */
const MAX_DEPTH = 12;

const STRING_METHODS_OF_CONSTANTS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'trimStart', 'trimEnd', 'toString', 'normalize']);

/**
 * The constant value of an expression, when the code alone decides it: literals, template
 * literals of constants, operators on constants, `const` (and never-reassigned) bindings
 * through scope, properties of constant object and array literals, `.join`/`.concat` of
 * constants. Otherwise undefined.
 */
export function getStaticValue(context: AnalysisContext, node: Node): StaticValue | undefined {
  return evaluate(context, node, 0);
}

/**
 * True when every value the expression can take is built from constants only, even if it can
 * take several (`asc ? 'ASC' : 'DESC'`). What a rule asks before deciding input can reach a sink.
 */
export function isConstantString(context: AnalysisContext, node: Node): boolean {
  return isConstant(context, node, 0);
}

function isConstant(context: AnalysisContext, rawNode: Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = skipWrappers(rawNode);
  if (evaluate(context, node, depth) !== undefined) return true;
  switch (node.type) {
    case 'ConditionalExpression':
      return isConstant(context, node.consequent, depth + 1) && isConstant(context, node.alternate, depth + 1);
    case 'LogicalExpression':
      return isConstant(context, node.left, depth + 1) && isConstant(context, node.right, depth + 1);
    case 'BinaryExpression':
      return node.left.type !== 'PrivateIdentifier' && isConstant(context, node.left, depth + 1) && isConstant(context, node.right, depth + 1);
    case 'TemplateLiteral':
      return node.expressions.every((expression) => isConstant(context, expression, depth + 1));
    case 'Identifier': {
      const init = constInitializer(context, node);
      return init !== undefined && isConstant(context, init, depth + 1);
    }
    case 'CallExpression': {
      // '?'.repeat(n), ids.map(() => '?').join(', '): placeholders, whatever the count.
      const callee = skipWrappers(node.callee);
      if (callee.type !== 'MemberExpression') return false;
      const method = staticPropertyName(callee);
      const argsConstant = node.arguments.every((a) => a.type !== 'SpreadElement' && (isConstant(context, a, depth + 1) || a.type === 'Identifier' || a.type === 'MemberExpression'));
      if (method === 'repeat') return evaluate(context, callee.object, depth + 1) !== undefined && argsConstant;
      if (method === 'join') {
        const separator = node.arguments[0];
        if (separator !== undefined && !isConstant(context, separator, depth + 1)) return false;
        const mapped = skipWrappers(callee.object);
        return mapped.type === 'CallExpression' && isConstantMap(context, mapped, depth + 1);
      }
      return false;
    }
    case 'MemberExpression': {
      // An allow-list lookup, SORT_COLUMNS[req.query.sort]: whatever the key, the value is one
      // of the literal's constants (or undefined, or an Object.prototype member: no attacker text).
      if (!node.computed) return false;
      const literal = constantLiteral(context, node.object, depth + 1);
      if (literal === undefined) return false;
      const values = literal.type === 'ArrayExpression' ? literal.elements : literal.properties.map((p) => (p.type === 'Property' && !p.computed ? p.value : null));
      return values.every((value) => value !== null && value.type !== 'SpreadElement' && isConstant(context, value, depth + 1));
    }
    default:
      return false;
  }
}

/** `list.map(() => '?')`: a map whose callback returns a constant whatever the element. */
function isConstantMap(context: AnalysisContext, call: TSESTree.CallExpression, depth: number): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'map') return false;
  const callback = call.arguments[0];
  if (callback === undefined || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression')) return false;
  if (callback.body.type !== 'BlockStatement') return isConstant(context, callback.body, depth + 1);
  const [only] = callback.body.body;
  return callback.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument !== null && isConstant(context, only.argument, depth + 1);
}

/**
 * Every constant value the expression can take, when each of its outcomes is constant:
 * `legacy ? 'md5' : 'sha256'` gives both. Undefined when some outcome is not constant.
 */
export function possibleStaticValues(context: AnalysisContext, rawNode: Node, depth = 0): StaticValue[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(rawNode);
  const single = evaluate(context, node, depth);
  if (single !== undefined) return [single];
  if (node.type === 'ConditionalExpression' || node.type === 'LogicalExpression') {
    const [first, second] = node.type === 'ConditionalExpression' ? [node.consequent, node.alternate] : [node.left, node.right];
    const a = possibleStaticValues(context, first, depth + 1);
    const b = possibleStaticValues(context, second, depth + 1);
    return a === undefined || b === undefined ? undefined : [...a, ...b];
  }
  if (node.type === 'Identifier') {
    const init = constInitializer(context, node);
    return init === undefined ? undefined : possibleStaticValues(context, init, depth + 1);
  }
  return undefined;
}

/** The initialiser of the binding an identifier refers to, when that binding never changes. */
export function constInitializer(context: AnalysisContext, identifier: TSESTree.Identifier): Node | undefined {
  const variable = findVariable(context, identifier);
  if (variable === undefined) return undefined;
  const declarator = singleDeclarator(variable);
  if (declarator === undefined || declarator.id.type !== 'Identifier') return undefined;
  return declarator.init ?? undefined;
}

const cache = new WeakMap<Node, StaticValue | null>();

function evaluate(context: AnalysisContext, rawNode: Node, depth: number): StaticValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(rawNode);
  const cached = cache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  const result = compute(context, node, depth);
  cache.set(node, result ?? null);
  return result;
}

function compute(context: AnalysisContext, node: Node, depth: number): StaticValue | undefined {
  const next = (child: Node): StaticValue | undefined => evaluate(context, child, depth + 1);
  switch (node.type) {
    case 'Literal':
      if (node.value instanceof RegExp) return undefined;
      return { value: node.value as Primitive };
    case 'TemplateLiteral': {
      let text = node.quasis[0]?.value.cooked ?? '';
      for (let i = 0; i < node.expressions.length; i++) {
        const part = next(node.expressions[i] as Node);
        if (part === undefined) return undefined;
        text += String(part.value) + (node.quasis[i + 1]?.value.cooked ?? '');
      }
      return { value: text };
    }
    case 'TaggedTemplateExpression': {
      // String.raw`...` with constant parts
      const tag = skipWrappers(node.tag);
      if (tag.type !== 'MemberExpression' || staticPropertyName(tag) !== 'raw') return undefined;
      if (tag.object.type !== 'Identifier' || tag.object.name !== 'String' || findVariable(context, tag.object) !== undefined) return undefined;
      let text = node.quasi.quasis[0]?.value.raw ?? '';
      for (let i = 0; i < node.quasi.expressions.length; i++) {
        const part = next(node.quasi.expressions[i] as Node);
        if (part === undefined) return undefined;
        text += String(part.value) + (node.quasi.quasis[i + 1]?.value.raw ?? '');
      }
      return { value: text };
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') return undefined;
      const left = next(node.left);
      if (left === undefined) return undefined;
      const right = next(node.right);
      if (right === undefined) return undefined;
      return binary(node.operator, left.value, right.value);
    }
    case 'LogicalExpression': {
      const left = next(node.left);
      if (left === undefined) return undefined;
      const decided = node.operator === '&&' ? !left.value : node.operator === '||' ? Boolean(left.value) : left.value !== null && left.value !== undefined;
      return decided ? left : next(node.right);
    }
    case 'UnaryExpression': {
      if (node.operator === 'void') return { value: undefined };
      const argument = next(node.argument);
      if (argument === undefined) return undefined;
      const value = argument.value;
      switch (node.operator) {
        case '!':
          return { value: !value };
        case '-':
          return typeof value === 'bigint' ? { value: -value } : { value: -Number(value) };
        case '+':
          return typeof value === 'bigint' ? undefined : { value: Number(value) };
        case '~':
          return typeof value === 'bigint' ? { value: ~value } : { value: ~Number(value) };
        case 'typeof':
          return { value: value === null ? 'object' : typeof value };
        default:
          return undefined;
      }
    }
    case 'ConditionalExpression': {
      const test = next(node.test);
      if (test === undefined) return undefined;
      return next(test.value ? node.consequent : node.alternate);
    }
    case 'SequenceExpression': {
      const last = node.expressions[node.expressions.length - 1];
      return last === undefined ? undefined : next(last);
    }
    case 'Identifier': {
      if (node.name === 'undefined' && findVariable(context, node) === undefined) return { value: undefined };
      const init = constInitializer(context, node);
      return init === undefined ? undefined : next(init);
    }
    case 'MemberExpression':
      return member(context, node, depth);
    case 'CallExpression':
      return call(context, node, depth);
    default:
      return undefined;
  }
}

function binary(operator: string, left: Primitive, right: Primitive): StaticValue | undefined {
  // Arithmetic on mixed bigint and number throws at run time: not a constant.
  if ((typeof left === 'bigint') !== (typeof right === 'bigint') && operator !== '+' && !['==', '!=', '===', '!==', '<', '>', '<=', '>='].includes(operator)) {
    return undefined;
  }
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const l = left as any;
  const r = right as any;
  try {
    switch (operator) {
      case '+': return { value: l + r };
      case '-': return { value: l - r };
      case '*': return { value: l * r };
      case '/': return { value: l / r };
      case '%': return { value: l % r };
      case '**': return { value: l ** r };
      case '|': return { value: l | r };
      case '&': return { value: l & r };
      case '^': return { value: l ^ r };
      case '<<': return { value: l << r };
      case '>>': return { value: l >> r };
      case '>>>': return { value: l >>> r };
      case '==': return { value: l == r };
      case '!=': return { value: l != r };
      case '===': return { value: l === r };
      case '!==': return { value: l !== r };
      case '<': return { value: l < r };
      case '>': return { value: l > r };
      case '<=': return { value: l <= r };
      case '>=': return { value: l >= r };
      default: return undefined;
    }
  } catch {
    return undefined;
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** `CONFIG.table`, `TABLES[0]`, `'abc'.length` where the object is a constant literal. */
function member(context: AnalysisContext, node: TSESTree.MemberExpression, depth: number): StaticValue | undefined {
  const name = node.computed ? (() => {
    const key = evaluate(context, node.property, depth + 1);
    return key === undefined ? undefined : String(key.value);
  })() : staticPropertyName(node);
  if (name === undefined) return undefined;
  const literal = constantLiteral(context, node.object, depth);
  if (literal === undefined) {
    const object = evaluate(context, node.object, depth + 1);
    if (object !== undefined && typeof object.value === 'string' && name === 'length') return { value: object.value.length };
    return undefined;
  }
  if (literal.type === 'ArrayExpression') {
    if (name === 'length') return literal.elements.every((e) => e !== null && e.type !== 'SpreadElement') ? { value: literal.elements.length } : undefined;
    const index = Number(name);
    if (!Number.isInteger(index) || literal.elements.slice(0, index + 1).some((e) => e === null || e.type === 'SpreadElement')) return undefined;
    const element = literal.elements[index];
    return element === undefined || element === null ? undefined : evaluate(context, element, depth + 1);
  }
  // Object literal: the last property with that key wins; a spread or computed key before it makes it unknowable.
  let found: Node | undefined;
  for (const property of literal.properties) {
    if (property.type !== 'Property') return undefined;
    const key = staticKeyName(property);
    if (key === undefined) return undefined;
    if (key === name) found = property.kind === 'init' && !property.method ? property.value : undefined;
  }
  return found === undefined ? undefined : evaluate(context, found, depth + 1);
}

/** The array or object literal a `const` binding holds (also through `Object.freeze` and `as const`). */
function constantLiteral(context: AnalysisContext, rawNode: Node, depth: number): TSESTree.ArrayExpression | TSESTree.ObjectExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let node = skipWrappers(rawNode);
  if (node.type === 'Identifier') {
    const init = constInitializer(context, node);
    if (init === undefined || isMutated(context, node)) return undefined;
    node = skipWrappers(init);
  }
  if (node.type === 'CallExpression') {
    const callee = skipWrappers(node.callee);
    const isFreeze = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object' && staticPropertyName(callee) === 'freeze';
    const argument = node.arguments[0];
    if (!isFreeze || argument === undefined) return undefined;
    node = skipWrappers(argument);
  }
  return node.type === 'ArrayExpression' || node.type === 'ObjectExpression' ? node : undefined;
}

/** Methods that change the array, Set or Map they are called on. */
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'reverse', 'sort', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);
const mutated = new WeakMap<object, boolean>();

/**
 * True when the literal a `const` holds is changed after its declaration: `where.push(x)`,
 * `filters.name = x`, `delete o.k`. Its initial elements are then not its value.
 */
function isMutated(context: AnalysisContext, identifier: TSESTree.Identifier): boolean {
  const variable = findVariable(context, identifier);
  if (variable === undefined) return false;
  const known = mutated.get(variable);
  if (known !== undefined) return known;
  ensureParents(context.sourceCode.ast);
  const result = variable.references.some((reference) => {
    const member = reference.identifier.parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) return false;
    const use = member.parent;
    if (use?.type === 'AssignmentExpression' && use.left === member) return true;
    if (use?.type === 'UpdateExpression' || (use?.type === 'UnaryExpression' && use.operator === 'delete')) return true;
    if (use?.type === 'CallExpression' && use.callee === member) {
      const method = staticPropertyName(member);
      return method !== undefined && MUTATING_METHODS.has(method);
    }
    return false;
  });
  mutated.set(variable, result);
  return result;
}

/** `[a, b].join(sep)`, `a.concat(b)`, `'x'.toUpperCase()`, `String(x)` on constants. */
function call(context: AnalysisContext, node: TSESTree.CallExpression, depth: number): StaticValue | undefined {
  const callee = skipWrappers(node.callee);
  const args: Primitive[] = [];
  for (const argument of node.arguments) {
    if (argument.type === 'SpreadElement') return undefined;
    const value = evaluate(context, argument, depth + 1);
    if (value === undefined) return undefined;
    args.push(value.value);
  }
  if (callee.type === 'Identifier') {
    if (findVariable(context, callee) !== undefined) return undefined;
    if (callee.name === 'String' && args.length <= 1) return { value: args.length === 0 ? '' : String(args[0]) };
    if (callee.name === 'Number' && args.length <= 1) return { value: args.length === 0 ? 0 : Number(args[0]) };
    return undefined;
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const method = staticPropertyName(callee);
  if (method === undefined) return undefined;
  if (method === 'join') {
    const array = constantLiteral(context, callee.object, depth + 1);
    if (array === undefined || array.type !== 'ArrayExpression') return undefined;
    const parts: string[] = [];
    for (const element of array.elements) {
      if (element === null || element.type === 'SpreadElement') return undefined;
      const value = evaluate(context, element, depth + 1);
      if (value === undefined) return undefined;
      parts.push(value.value === null || value.value === undefined ? '' : String(value.value));
    }
    return { value: parts.join(args.length === 0 ? ',' : String(args[0])) };
  }
  const receiver = evaluate(context, callee.object, depth + 1);
  if (receiver === undefined || typeof receiver.value !== 'string') return undefined;
  if (method === 'concat') return { value: receiver.value.concat(...args.map(String)) };
  if (STRING_METHODS_OF_CONSTANTS.has(method) && args.length === 0) {
    return { value: (receiver.value as unknown as Record<string, () => string>)[method]!() };
  }
  return undefined;
}
