import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticKeyName, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import { bindingInitializer, enclosingFunction, identifierWords, isFunctionNode, type FunctionNode } from './crypto-values.js';
import { isConstantString } from './static-value.js';
import { findVariable, type AnalysisContext } from './scope.js';

/**
 * Where a value goes: the names it is stored under, the calls it is passed to, the functions
 * that return it. Follows `parent` links upwards through expressions that carry the value
 * (arithmetic, string methods, indexing a character table, templates), then the variables it
 * is stored in (their later reads) and the callers of a named function that returns it.
 *
 * Parent links of the whole file are needed: call it from a `Program:exit` listener.
 */
export type Destination =
  /** Stored in a variable, property or object key with this name (`token`, `session.id`). */
  | { readonly kind: 'name'; readonly name: string; readonly node: Node }
  /** Passed as argument `index` of a call the value does not flow through. */
  | { readonly kind: 'argument'; readonly call: TSESTree.CallExpression | TSESTree.NewExpression; readonly index: number }
  /** Returned by a function. */
  | { readonly kind: 'return'; readonly fn: FunctionNode };

/** Calls whose result is computed from their arguments: the value goes on through them. */
const VALUE_FUNCTIONS = new Set([
  'Math.floor', 'Math.round', 'Math.ceil', 'Math.trunc', 'Math.abs', 'Math.min', 'Math.max', 'Math.pow', 'String', 'Number', 'parseInt',
  'parseFloat', 'BigInt', 'String.fromCharCode', 'String.fromCodePoint', 'Buffer.from', 'btoa',
]);
/** Methods whose result depends on their arguments: `chars.charAt(i)`, `alphabet[i]`, `str.substr(i, 8)`. */
const INDEXING_METHODS = new Set(['charAt', 'at', 'codePointAt', 'charCodeAt']);
const VALUE_METHODS = new Set(['substr', 'substring', 'slice', 'concat', 'padStart', 'padEnd', 'repeat', 'push', 'join']);
/** Methods taking a callback whose return values make up the result: `Array.from({ length }, () => …)`, `.map(…).join('')`. */
const VALUE_CALLBACK_METHODS = new Set(['map', 'flatMap', 'replace', 'replaceAll', 'reduce', 'from']);
const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'in', 'instanceof']);
const MAX_HOPS = 3;

export function valueDestinations(context: AnalysisContext, start: Node): Destination[] {
  const destinations: Destination[] = [];
  const seen = new Set<Node>();
  const queue: { node: Node; hops: number }[] = [{ node: start, hops: 0 }];
  const followVariable = (identifier: TSESTree.Identifier, hops: number): void => {
    if (hops >= MAX_HOPS) return;
    const variable = findVariable(context, identifier);
    if (variable === undefined) return;
    for (const reference of variable.references) {
      if (reference.isRead() && !seen.has(reference.identifier as Node)) queue.push({ node: reference.identifier as Node, hops: hops + 1 });
    }
  };
  const followCallers = (fn: FunctionNode, hops: number): void => {
    if (hops >= MAX_HOPS) return;
    const name = fn.type === 'FunctionDeclaration' ? fn.id : fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' ? fn.parent.id : null;
    if (name == null) return;
    const variable = findVariable(context, name);
    if (variable === undefined) return;
    for (const reference of variable.references) {
      const call = reference.identifier.parent as Node | undefined;
      if (call?.type === 'CallExpression' && call.callee === reference.identifier && !seen.has(call)) queue.push({ node: call, hops: hops + 1 });
    }
  };

  while (queue.length > 0) {
    const { node: from, hops } = queue.shift()!;
    if (seen.has(from)) continue;
    seen.add(from);
    let current: Node = from;
    for (;;) {
      const parent: Node | undefined = current.parent;
      if (parent == null) break;
      const step = nextStep(context, current, parent);
      if (step.kind === 'carry') {
        current = step.node;
        continue;
      }
      if (step.kind === 'stop') break;
      if (step.kind === 'destination') {
        destinations.push(step.destination);
        break;
      }
      if (step.kind === 'variable') {
        destinations.push({ kind: 'name', name: step.identifier.name, node: step.identifier });
        followVariable(step.identifier, hops);
        break;
      }
      // step.kind === 'return'
      destinations.push({ kind: 'return', fn: step.fn });
      const call = step.fn.parent;
      if (call?.type === 'CallExpression' && call.arguments.includes(step.fn as TSESTree.CallExpressionArgument) && isValueCallback(context, call)) {
        current = call;
        continue;
      }
      followCallers(step.fn, hops);
      break;
    }
  }
  return destinations;
}

type Step =
  | { kind: 'carry'; node: Node }
  | { kind: 'stop' }
  | { kind: 'destination'; destination: Destination }
  | { kind: 'variable'; identifier: TSESTree.Identifier }
  | { kind: 'return'; fn: FunctionNode };

const STOP: Step = { kind: 'stop' };

function nextStep(context: AnalysisContext, current: Node, parent: Node): Step {
  switch (parent.type) {
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'ChainExpression':
    case 'AwaitExpression':
    case 'TemplateLiteral':
    case 'ArrayExpression':
    case 'SpreadElement':
    case 'LogicalExpression':
      return { kind: 'carry', node: parent };
    case 'BinaryExpression':
      return COMPARISONS.has(parent.operator) ? STOP : { kind: 'carry', node: parent };
    case 'UnaryExpression':
      return parent.operator === '-' || parent.operator === '+' || parent.operator === '~' ? { kind: 'carry', node: parent } : STOP;
    case 'ConditionalExpression':
      return parent.test === current ? STOP : { kind: 'carry', node: parent };
    case 'MemberExpression':
      // random.toString(36), or ALPHABET[random]: both carry the value (indexing any other list is picking, not generating).
      if (parent.object === current) return { kind: 'carry', node: parent };
      return parent.computed && parent.property === current && isCharacterTable(context, parent.object) ? { kind: 'carry', node: parent } : STOP;
    case 'CallExpression':
    case 'NewExpression': {
      if (parent.callee === current) return parent.type === 'CallExpression' ? { kind: 'carry', node: parent } : STOP;
      const index = parent.arguments.indexOf(current as TSESTree.CallExpressionArgument);
      if (index < 0) return STOP;
      if (parent.type === 'CallExpression') {
        const resolved = resolveReference(context, parent.callee);
        if (resolved !== undefined && VALUE_FUNCTIONS.has(resolved)) return { kind: 'carry', node: parent };
        const callee = skipWrappers(parent.callee);
        if (callee.type === 'MemberExpression' && INDEXING_METHODS.has(staticPropertyName(callee) ?? '')) {
          return isCharacterTable(context, callee.object) ? { kind: 'carry', node: parent } : STOP;
        }
        if (callee.type === 'MemberExpression' && VALUE_METHODS.has(staticPropertyName(callee) ?? '')) {
          // parts.push(random) feeds `parts`; chars.charAt(random) gives the character.
          if (staticPropertyName(callee) === 'push') {
            const receiver = skipWrappers(callee.object);
            return receiver.type === 'Identifier' ? { kind: 'variable', identifier: receiver } : STOP;
          }
          return { kind: 'carry', node: parent };
        }
      }
      return { kind: 'destination', destination: { kind: 'argument', call: parent, index } };
    }
    case 'VariableDeclarator':
      return parent.init === current && parent.id.type === 'Identifier' ? { kind: 'variable', identifier: parent.id } : STOP;
    case 'AssignmentExpression': {
      if (parent.right !== current) return STOP;
      const target = parent.left;
      if (target.type === 'Identifier') return { kind: 'variable', identifier: target };
      if (target.type === 'MemberExpression') {
        const name = memberName(target);
        return name === undefined ? STOP : { kind: 'destination', destination: { kind: 'name', name, node: target } };
      }
      return STOP;
    }
    case 'Property': {
      if (parent.value !== current || parent.parent?.type !== 'ObjectExpression') return STOP;
      const key = staticKeyName(parent);
      return key === undefined ? STOP : { kind: 'destination', destination: { kind: 'name', name: key, node: parent } };
    }
    case 'PropertyDefinition': {
      const key = parent.value === current ? staticKeyName(parent) : undefined;
      return key === undefined ? STOP : { kind: 'destination', destination: { kind: 'name', name: key, node: parent } };
    }
    case 'ReturnStatement': {
      const fn = enclosingFunction(parent);
      return fn !== undefined && isFunctionNode(fn) ? { kind: 'return', fn } : STOP;
    }
    case 'ArrowFunctionExpression':
      return parent.body === current ? { kind: 'return', fn: parent } : STOP;
    default:
      return STOP;
  }
}

/** Words naming a table of characters a generator picks from: `ALPHABET`, `chars`, `this.charset`. */
const CHARACTER_TABLE_WORDS = new Set(['char', 'chars', 'characters', 'alphabet', 'charset', 'digits', 'letters', 'symbols', 'possible', 'alnum', 'alphanumeric', 'dictionary', 'hex']);

/** True when `table[i]` or `table.charAt(i)` picks a character to build a string: a constant string or array, or a table named so. */
function isCharacterTable(context: AnalysisContext, rawNode: Node): boolean {
  const node = skipWrappers(rawNode);
  if (isConstantString(context, node)) return true;
  const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' ? staticPropertyName(node) : undefined;
  if (name !== undefined && identifierWords(name).some((word) => CHARACTER_TABLE_WORDS.has(word))) return true;
  if (node.type !== 'Identifier') return false;
  const init = bindingInitializer(context, node);
  return init !== undefined && (init.type === 'ArrayExpression' || isConstantString(context, init));
}

/** `req.session.id` → `session id`; `this.csrfToken` → `csrfToken`. */
function memberName(member: TSESTree.MemberExpression): string | undefined {
  const property = staticPropertyName(member);
  if (property === undefined) return undefined;
  const object = skipWrappers(member.object);
  const owner = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? staticPropertyName(object) : undefined;
  return owner === undefined ? property : `${owner} ${property}`;
}

function isValueCallback(context: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const resolved = resolveReference(context, call.callee);
  if (resolved === 'Array.from') return true;
  const callee = skipWrappers(call.callee);
  return callee.type === 'MemberExpression' && VALUE_CALLBACK_METHODS.has(staticPropertyName(callee) ?? '') && staticPropertyName(callee) !== 'from';
}

const TRANSPARENT_PARENTS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ChainExpression', 'AwaitExpression']);

/**
 * The properties a value is read for, when that is all the code does with it: `decode(t).exp`,
 * `const { header } = decode(t)`, `const d = decode(t); if (!d) …; d.exp`. Undefined when the
 * value escapes whole (passed on, returned, stored, spread). Needs the file's parent links.
 */
export function propertiesReadFrom(context: AnalysisContext, node: Node): string[] | undefined {
  let value: Node = node;
  while (value.parent != null && TRANSPARENT_PARENTS.has(value.parent.type)) value = value.parent;
  const parent = value.parent;
  if (parent == null) return undefined;
  if (parent.type === 'MemberExpression' && parent.object === value) {
    const name = staticPropertyName(parent);
    return name === undefined ? undefined : [name];
  }
  if (parent.type !== 'VariableDeclarator' || parent.init !== value) return undefined;
  if (parent.id.type === 'ObjectPattern') {
    const keys = parent.id.properties.map((p) => (p.type === 'Property' ? staticKeyName(p) : undefined));
    return keys.every((key): key is string => key !== undefined) ? keys : undefined;
  }
  if (parent.id.type !== 'Identifier') return undefined;
  const reads = findVariable(context, parent.id)?.references.filter((r) => r.isRead()) ?? [];
  const names: string[] = [];
  for (const reference of reads) {
    let use: Node = reference.identifier as Node;
    while (use.parent != null && TRANSPARENT_PARENTS.has(use.parent.type)) use = use.parent;
    const user = use.parent;
    if (user?.type === 'MemberExpression' && user.object === use) {
      const name = staticPropertyName(user);
      if (name === undefined) return undefined;
      names.push(name);
    } else if (!(user?.type === 'UnaryExpression' && user.operator === '!') && !(user?.type === 'IfStatement' && user.test === use)) {
      return undefined; // used whole
    }
  }
  return reads.length === 0 ? undefined : names;
}
