import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { calleeWrittenName, skipWrappers, staticKeyName, staticPropertyName } from '../ast.js';
import { constInitializer, getStaticValue } from '../static-value.js';
import type { AnalysisContext } from '../scope.js';
import { ensureParents } from '../taint/tree.js';
import { findKnownSecret, type KnownSecret } from './formats.js';
import { configuredSecretIn } from '../extensions.js';

/**
 * Where string constants sit in source code, for the secret rules: the name a literal is
 * stored under (`const JWT_SECRET = '…'`, `{ password: '…' }`, `this.apiKey = '…'`,
 * `password === '…'`, `<Login password="…">`), and the literals a value expression is made of.
 */

/** A string literal, a template literal whose parts are all constant, or a constant concatenation. */
export type StringNode = TSESTree.Literal | TSESTree.TemplateLiteral | TSESTree.BinaryExpression;

export interface StringConstant {
  readonly node: StringNode;
  readonly value: string;
  /** The literal is an alternative to another value: `process.env.X || '…'`, `prod ? env : '…'`. */
  readonly fallback: boolean;
}

/** The constant text of a string literal or constant template literal; undefined otherwise. */
export function stringConstantOf(context: AnalysisContext, node: Node): string | undefined {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  if (node.type !== 'TemplateLiteral' && !(node.type === 'BinaryExpression' && node.operator === '+')) return undefined;
  const value = getStaticValue(context, node);
  return value !== undefined && typeof value.value === 'string' ? value.value : undefined;
}

export type NameSite = 'variable' | 'property' | 'assignment' | 'default' | 'field' | 'comparison' | 'call' | 'attribute' | 'getter';

export interface ValueName {
  readonly name: string;
  readonly site: NameSite;
  readonly fallback: boolean;
  /** The value is one of a list of three or more (`tokens = ['nickname', 'new-password', …]`): a vocabulary more often than keys. */
  readonly inList?: boolean;
}

/** Calls that carry their first argument's text through: `Buffer.from('…')`, `String('…')`, `encoder.encode('…')`. */
const CARRYING_CALLS = new Set(['from', 'String', 'encode', 'trim', 'toString', 'btoa', 'atob']);
/** `headers.set('Authorization', '…')`, `res.setHeader('X-Api-Key', '…')`, `localStorage.setItem('token', '…')`. */
/** Encodings a credential is put through on its way into a header: `btoa('u:p')`, `Buffer.from('u:p').toString('base64')`. */
const ENCODERS = new Set(['btoa', 'from', 'toString']);
const NAMED_SETTERS = new Set(['set', 'setHeader', 'header', 'append', 'setItem', 'setRequestHeader']);
const EQUALITY = new Set(['===', '==', '!==', '!=']);
const MAX_STEPS = 8;

/** The name a written value is stored under or compared with, walking up through wrappers, fallbacks and arrays. */
export function valueNameOf(context: AnalysisContext, literal: Node): ValueName | undefined {
  // Asked from a call the walk is still entering, a literal deeper down has no parent link yet.
  if (literal.parent == null) ensureParents(context.sourceCode.ast);
  let current: Node = literal;
  let fallback = false;
  let inList = false;
  // `'Basic ' + btoa('user:password')`: an encoded credential may be part of a larger string.
  let encoded = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const parent: Node | undefined = current.parent;
    if (parent == null) return undefined;
    switch (parent.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'JSXExpressionContainer':
        break;
      case 'ArrayExpression':
        if (parent.elements.length >= 3) inList = true;
        break;
      case 'LogicalExpression':
      case 'ConditionalExpression':
        if (parent.type === 'ConditionalExpression' && parent.test === current) return undefined;
        fallback = true;
        break;
      case 'CallExpression': {
        const name = calleeWrittenName(parent);
        if (parent.arguments[0] === current && name !== undefined && CARRYING_CALLS.has(name)) {
          encoded ||= ENCODERS.has(name);
          break;
        }
        if (parent.arguments[1] === current && name !== undefined && NAMED_SETTERS.has(name) && parent.arguments[0] !== undefined) {
          const key = getStaticValue(context, parent.arguments[0]);
          return typeof key?.value === 'string' ? { name: key.value, site: 'call', fallback, inList } : undefined;
        }
        if (parent.callee === current && name !== undefined && CARRYING_CALLS.has(name)) break;
        return undefined;
      }
      case 'MemberExpression':
        // 'literal'.trim(): the call above carries it.
        if (parent.object !== current) return undefined;
        break;
      case 'NewExpression':
        // new TextEncoder().encode('…') is a CallExpression; new String('…') carries.
        if (calleeWrittenName(parent) !== 'String') return undefined;
        break;
      case 'TemplateLiteral':
        if (!encoded) return undefined;
        break;
      case 'VariableDeclarator':
        return parent.init === current && parent.id.type === 'Identifier' ? { name: parent.id.name, site: 'variable', fallback, inList } : undefined;
      case 'Property': {
        if (parent.value !== current) return undefined;
        const key = staticKeyName(parent);
        if (key === undefined) return undefined;
        return { name: key, site: parent.kind === 'get' ? 'getter' : 'property', fallback, inList };
      }
      case 'PropertyDefinition': {
        const key = parent.value === current ? staticKeyName(parent) : undefined;
        return key === undefined ? undefined : { name: key, site: 'field', fallback, inList };
      }
      case 'AssignmentPattern': {
        if (parent.right !== current) return undefined;
        if (parent.left.type === 'Identifier') return { name: parent.left.name, site: 'default', fallback: true, inList };
        return undefined;
      }
      case 'AssignmentExpression': {
        if (parent.right !== current || !['=', '||=', '??='].includes(parent.operator)) return undefined;
        const name = targetName(parent.left);
        return name === undefined ? undefined : { name, site: 'assignment', fallback: fallback || parent.operator !== '=', inList };
      }
      case 'BinaryExpression': {
        if (parent.operator === '+' && encoded) break;
        if (!EQUALITY.has(parent.operator)) return undefined;
        const other = parent.left === current ? parent.right : parent.left;
        const name = other.type === 'PrivateIdentifier' ? undefined : targetName(other);
        return name === undefined ? undefined : { name, site: 'comparison', fallback, inList };
      }
      case 'TSEnumMember': {
        if (parent.initializer !== current || parent.id.type !== 'Identifier') return undefined;
        return { name: parent.id.name, site: 'field', fallback, inList };
      }
      case 'JSXAttribute': {
        if (parent.value !== current || parent.name.type !== 'JSXIdentifier') return undefined;
        return { name: parent.name.name, site: 'attribute', fallback, inList };
      }
      case 'ReturnStatement': {
        // get password() { return '…'; }
        const body = parent.parent;
        const fn = body?.type === 'BlockStatement' ? body.parent : undefined;
        const holder = fn?.type === 'FunctionExpression' ? fn.parent : undefined;
        if (body?.type === 'BlockStatement' && body.body.length === 1 && (holder?.type === 'MethodDefinition' || holder?.type === 'Property') && holder.kind === 'get') {
          const key = staticKeyName(holder);
          return key === undefined ? undefined : { name: key, site: 'getter', fallback, inList };
        }
        return undefined;
      }
      default:
        return undefined;
    }
    current = parent;
  }
  return undefined;
}

/** `password`, `this.password`, `config.db.password`, `headers['X-Api-Key']`, `process.env.API_KEY`. */
function targetName(rawNode: Node): string | undefined {
  const node = skipWrappers(rawNode);
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return staticPropertyName(node);
  return undefined;
}

const PASS_THROUGH_CALLEES = new Set(['from', 'String', 'encode', 'toString', 'trim']);
const MAX_DEPTH = 6;

/**
 * The string constants a value expression is written with, following `const` bindings (the
 * literal is reported where it is written): `'k'`, `SECRET`, `process.env.S || 'k'`,
 * `Buffer.from('k')`, `new TextEncoder().encode('k')`, `['k1', 'k2']`, `config.jwt.secret`.
 */
export function stringConstantsIn(context: AnalysisContext, node: Node | null | undefined, depth = 0, fallback = false): StringConstant[] {
  if (node == null || depth > MAX_DEPTH) return [];
  const value = skipWrappers(node);
  const next = (child: Node | null | undefined, isFallback = fallback): StringConstant[] => stringConstantsIn(context, child, depth + 1, isFallback);
  switch (value.type) {
    case 'Literal':
    case 'TemplateLiteral':
    case 'BinaryExpression': {
      const text = stringConstantOf(context, value);
      return text === undefined ? [] : [{ node: value, value: text, fallback }];
    }
    case 'Identifier':
      return next(constInitializer(context, value));
    case 'LogicalExpression':
      return [...next(value.left), ...next(value.right, true)];
    case 'ConditionalExpression':
      return [...next(value.consequent, true), ...next(value.alternate, true)];
    case 'ArrayExpression':
      return value.elements.flatMap((element) => (element === null || element.type === 'SpreadElement' ? [] : next(element)));
    case 'CallExpression': {
      const name = calleeWrittenName(value);
      if (name === undefined || !PASS_THROUGH_CALLEES.has(name)) return [];
      const callee = skipWrappers(value.callee);
      if ((name === 'toString' || name === 'trim') && callee.type === 'MemberExpression') return next(callee.object);
      return next(value.arguments[0]?.type === 'SpreadElement' ? undefined : value.arguments[0]);
    }
    case 'MemberExpression': {
      const property = propertyValueOf(context, value);
      return property === undefined ? [] : next(property);
    }
    default:
      return [];
  }
}

/** The value node a member expression reads from constant object literals: `CONFIG.jwt.secret`. */
function propertyValueOf(context: AnalysisContext, member: TSESTree.MemberExpression, depth = 0): Node | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const name = staticPropertyName(member);
  if (name === undefined) return undefined;
  const object = skipWrappers(member.object);
  let literal: Node | undefined;
  if (object.type === 'Identifier') literal = constInitializer(context, object);
  else if (object.type === 'MemberExpression') literal = propertyValueOf(context, object, depth + 1);
  literal = literal === undefined ? undefined : skipWrappers(literal);
  if (literal?.type !== 'ObjectExpression') return undefined;
  let found: Node | undefined;
  for (const property of literal.properties) {
    if (property.type === 'Property' && staticKeyName(property) === name) found = property.value;
  }
  return found;
}

/**
 * The known-format secret a string constant holds, judged with the name it is stored under (an
 * AWS secret access key is recognisable only as `secretAccessKey`). What known-format-secret
 * reports; the other secret rules leave such values to it.
 */
export function knownSecretAt(context: AnalysisContext, node: Node, value: string): KnownSecret | undefined {
  // Only token-shaped values can match a format that needs a name: skip the name walk otherwise.
  const needsName = value.length >= 32 && value.length <= 100 && /^[A-Za-z0-9/+=_-]+$/.test(value);
  const known = findKnownSecret(value, needsName ? valueNameOf(context, node)?.name : undefined);
  if (known !== undefined) return known;
  // The config's own formats (`analysis.secretPatterns`), checked to run in linear time when loaded.
  const configured = configuredSecretIn(context as { settings?: Readonly<Record<string, unknown>> }, value);
  return configured === undefined ? undefined : { ...configured, kind: configured.kind, confidence: 'high' };
}
