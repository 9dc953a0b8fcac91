import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { calleeWrittenName, skipWrappers, staticPropertyName } from '../ast.js';
import { findVariable, singleDeclarator, type AnalysisContext } from '../scope.js';
import { isFunction, type FunctionNode } from '../taint/tree.js';

/**
 * Where a computed property key comes from, for the prototype-pollution analysis:
 * - `objectKeys`: the keys of another object (`for (k in src)`, `Object.keys(src).forEach(k => ...)`,
 *   `for (const [k, v] of Object.entries(src))`), with that object as `source`;
 * - `pathSegment`: one segment of a property path (`path.split('.')`, a `keys` array parameter,
 *   `parts[i]`, `parts.pop()`), with the path expression as `source`.
 */
export interface KeyOrigin {
  readonly kind: 'objectKeys' | 'pathSegment';
  readonly source: Node;
  /** For keys bound by an array method callback (`reduce((acc, key) => ...)`): that callback. */
  readonly callback?: FunctionNode;
}

const KEY_LISTS = new Set(['keys', 'entries', 'getOwnPropertyNames', 'ownKeys']);
const KEY_LIST_OWNERS = new Set(['Object', 'Reflect']);
const PATH_PARSERS = /^(?:toPath|stringToPath|parsePath|splitPath|pathToArray|castPath)$/;
const PATH_PARAMETER = /path|keys|parts|segments|props|chain/i;
const ITERATING_METHODS: ReadonlyMap<string, number> = new Map([['forEach', 0], ['map', 0], ['some', 0], ['every', 0], ['reduce', 1], ['filter', 0]]);
const PASS_ARRAY_METHODS = new Set(['filter', 'map', 'slice', 'concat', 'reverse']);

/** `Object.keys(x)` and friends: the object whose keys are listed. */
function keyListSource(raw: Node): Node | undefined {
  const node = skipWrappers(raw);
  if (node.type !== 'CallExpression') return undefined;
  const callee = skipWrappers(node.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const name = staticPropertyName(callee);
  const owner = skipWrappers(callee.object);
  if (name !== undefined && KEY_LISTS.has(name) && owner.type === 'Identifier' && KEY_LIST_OWNERS.has(owner.name)) {
    const argument = node.arguments[0];
    return argument === undefined || argument.type === 'SpreadElement' ? undefined : argument;
  }
  // Object.keys(src).filter(...)
  if (name !== undefined && PASS_ARRAY_METHODS.has(name)) return keyListSource(callee.object);
  return undefined;
}

/** A property path split into segments: `path.split('.')`, `toPath(p)`, a `keys: string[]` parameter, a local holding one. */
export function pathArraySource(context: AnalysisContext, raw: Node, depth = 0): Node | undefined {
  const node = skipWrappers(raw);
  if (depth > 4) return undefined;
  switch (node.type) {
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      const name = calleeWrittenName(node);
      if (callee.type === 'MemberExpression' && name === 'split') return callee.object;
      if (callee.type === 'MemberExpression' && name !== undefined && PASS_ARRAY_METHODS.has(name)) return pathArraySource(context, callee.object, depth + 1);
      if (name !== undefined && PATH_PARSERS.test(name)) return node.arguments[0] as Node | undefined;
      return undefined;
    }
    case 'ConditionalExpression':
      return pathArraySource(context, node.alternate, depth + 1) ?? pathArraySource(context, node.consequent, depth + 1);
    case 'LogicalExpression':
      return pathArraySource(context, node.right, depth + 1) ?? pathArraySource(context, node.left, depth + 1);
    case 'Identifier': {
      const variable = findVariable(context, node);
      const def = variable?.defs[0];
      if (variable === undefined || def === undefined) return undefined;
      if (def.type === 'Parameter') return PATH_PARAMETER.test(node.name) ? node : undefined;
      if (def.type !== 'Variable') return undefined;
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.id.type !== 'Identifier' || declarator.init === null) return undefined;
      return pathArraySource(context, declarator.init, depth + 1);
    }
    default:
      return undefined;
  }
}

/** `parts[i]`, `parts[parts.length - 1]`, `parts.pop()`, `parts.shift()`, `parts.at(-1)`: one element of a path array. */
function elementOfPath(context: AnalysisContext, raw: Node): Node | undefined {
  const node = skipWrappers(raw);
  if (node.type === 'MemberExpression' && node.computed) return pathArraySource(context, node.object) ?? keyListSource(node.object);
  if (node.type === 'CallExpression') {
    const callee = skipWrappers(node.callee);
    const name = calleeWrittenName(node);
    if (callee.type === 'MemberExpression' && (name === 'pop' || name === 'shift' || name === 'at')) return pathArraySource(context, callee.object);
  }
  return undefined;
}

export function keyOrigin(context: AnalysisContext, raw: Node): KeyOrigin | undefined {
  const key = skipWrappers(raw);
  if (key.type === 'MemberExpression' || key.type === 'CallExpression') {
    const fromKeys = key.type === 'MemberExpression' && key.computed ? keyListSource(key.object) ?? objectKeysVariable(context, key.object) : undefined;
    if (fromKeys !== undefined) return { kind: 'objectKeys', source: fromKeys };
    const path = elementOfPath(context, key);
    return path === undefined ? undefined : { kind: 'pathSegment', source: path };
  }
  if (key.type !== 'Identifier') return undefined;
  const variable = findVariable(context, key);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined) return undefined;
  if (def.type === 'Parameter') return callbackKey(context, def.node as FunctionNode, key.name);
  if (def.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const loop = declarator.parent?.parent;
  if (loop?.type === 'ForInStatement' && loop.left === declarator.parent) return { kind: 'objectKeys', source: loop.right };
  if (loop?.type === 'ForOfStatement' && loop.left === declarator.parent) {
    const isKeyBinding = declarator.id.type === 'Identifier' || (declarator.id.type === 'ArrayPattern' && declarator.id.elements[0] === (def.name as Node));
    if (!isKeyBinding) return undefined;
    const fromKeys = keyListSource(loop.right);
    if (fromKeys !== undefined) return { kind: 'objectKeys', source: fromKeys };
    const path = pathArraySource(context, loop.right);
    return path === undefined ? undefined : { kind: 'pathSegment', source: path };
  }
  if (declarator.init === null) return undefined;
  if (declarator.id.type === 'ArrayPattern') {
    const path = pathArraySource(context, declarator.init);
    return path === undefined ? undefined : { kind: 'pathSegment', source: path };
  }
  if (declarator.id.type !== 'Identifier' || singleDeclarator(variable) === undefined) return undefined;
  const path = elementOfPath(context, declarator.init);
  if (path !== undefined) return { kind: 'pathSegment', source: path };
  const init = skipWrappers(declarator.init);
  if (init.type === 'MemberExpression' && init.computed) {
    const fromKeys = keyListSource(init.object) ?? objectKeysVariable(context, init.object);
    if (fromKeys !== undefined) return { kind: 'objectKeys', source: fromKeys };
  }
  return undefined;
}

/** `const keys = Object.keys(src)`: src. */
function objectKeysVariable(context: AnalysisContext, raw: Node): Node | undefined {
  const node = skipWrappers(raw);
  if (node.type !== 'Identifier') return undefined;
  const variable = findVariable(context, node);
  const declarator = variable === undefined ? undefined : singleDeclarator(variable);
  return declarator?.init == null ? undefined : keyListSource(declarator.init);
}

/** `Object.keys(src).forEach((key) => ...)`, `path.split('.').reduce((acc, key) => ..., obj)`. */
function callbackKey(context: AnalysisContext, fn: FunctionNode, name: string): KeyOrigin | undefined {
  const call = fn.parent;
  if (!isFunction(fn) || call?.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = staticPropertyName(callee);
  const index = method === undefined ? undefined : ITERATING_METHODS.get(method);
  const param = index === undefined ? undefined : fn.params[index];
  // (key) => ..., or ([key, value]) => ... over Object.entries(src)
  const bound = param?.type === 'ArrayPattern' ? param.elements[0] : param;
  if (bound?.type !== 'Identifier' || bound.name !== name) return undefined;
  const fromKeys = keyListSource(callee.object) ?? objectKeysVariable(context, callee.object);
  if (fromKeys !== undefined) return { kind: 'objectKeys', source: fromKeys, callback: fn };
  const path = pathArraySource(context, callee.object);
  return path === undefined ? undefined : { kind: 'pathSegment', source: path, callback: fn };
}
