import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticKeyName, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import { isRequestDerived } from './request-source.js';
import { findVariable, patternPath, type AnalysisContext } from './scope.js';
import { REQUEST_OBJECT_NAMES } from './sources.js';
import { ensureParents, isFunction, type FunctionNode } from './taint/tree.js';

/**
 * Request containers whose values may be objects or arrays, not only strings: parsed JSON
 * bodies, `qs`-parsed query strings (`?user[$ne]=x`), Hapi payloads. Route parameters and
 * headers are always strings.
 */
const OBJECT_CARRYING_PROPERTIES = new Set(['body', 'query', 'payload']);
/** Parsers whose result is an object built from their (request) text. */
const OBJECT_PARSERS = new Set(['JSON.parse', 'qs.parse', 'querystring.parse', 'JSON5.parse', 'json5.parse']);
/** Calls that return their arguments' own values (keys and nested objects kept). */
const OBJECT_COPIES = new Set(['Object.assign', 'structuredClone', 'lodash.pick', 'lodash.merge', 'lodash.cloneDeep', 'lodash.omit', 'lodash/pick', 'lodash/merge']);
/** Parameter decorators that inject a request container (NestJS, routing-controllers). */
const CONTAINER_DECORATORS = new Set(['Body', 'Query', 'QueryParams']);
/** Route middlewares that validate request fields (types included) before the handler runs. */
const VALIDATION_MODULES = ['express-validator', 'celebrate', 'express-joi-validation', 'express-zod-api', 'zod-express-middleware'];

const MAX_DEPTH = 8;

/**
 * The request expression a value is taken from unchanged, when that value may be an object:
 * `req.body.password`, `req.query`, `const { email } = req.body`, `JSON.parse(req.query.filter)`,
 * `{ ...req.body }`, `await request.json()`, a NestJS `@Body() body` without a DTO class, a
 * parameter of a local function called with such a value. Undefined once the value is cast
 * (`String(x)`, a template, `x.toString()`, `new ObjectId(x)`, any other call) or when its type is
 * checked in the function (`typeof x !== 'string'`), and in handlers whose route validates input
 * with express-validator or celebrate.
 */
export function uncastRequestValue(context: AnalysisContext, node: Node): Node | undefined {
  ensureParents(context.sourceCode.ast);
  if (isInValidatedRoute(context, node)) return undefined;
  return uncast(context, node, 0, 0);
}

function uncast(context: AnalysisContext, raw: Node | null | undefined, depth: number, calls: number): Node | undefined {
  if (raw === null || raw === undefined || depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'MemberExpression': {
      if (isObjectCarryingContainer(node)) return hasTypeCheck(context, node) ? undefined : node;
      const inner = uncast(context, node.object, depth + 1, calls);
      return inner !== undefined && !hasTypeCheck(context, node) ? inner : undefined;
    }
    case 'Identifier':
      return identifier(context, node, depth, calls);
    case 'AwaitExpression':
      return uncast(context, node.argument, depth + 1, calls);
    case 'LogicalExpression':
      return uncast(context, node.left, depth + 1, calls) ?? uncast(context, node.right, depth + 1, calls);
    case 'ConditionalExpression':
      return uncast(context, node.consequent, depth + 1, calls) ?? uncast(context, node.alternate, depth + 1, calls);
    case 'ObjectExpression':
      for (const property of node.properties) {
        if (property.type !== 'SpreadElement') continue;
        const found = uncast(context, property.argument, depth + 1, calls);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'CallExpression':
      return call(context, node, depth, calls);
    default:
      return undefined;
  }
}

/** `req.body`, `req.query.filter`, `ctx.request.body.user`, `request.payload`: a request container or a value inside one. */
function isObjectCarryingContainer(node: TSESTree.MemberExpression): boolean {
  let current: Node = node;
  let last: TSESTree.MemberExpression | undefined;
  while (current.type === 'MemberExpression') {
    last = current;
    current = skipWrappers(current.object);
    if (current.type === 'MemberExpression' && staticPropertyName(current) === 'request' && skipWrappers(current.object).type === 'Identifier') {
      // ctx.request.body
      const root = skipWrappers(current.object) as TSESTree.Identifier;
      return REQUEST_OBJECT_NAMES.has(root.name) && OBJECT_CARRYING_PROPERTIES.has(staticPropertyName(last) ?? '');
    }
  }
  return current.type === 'Identifier' && REQUEST_OBJECT_NAMES.has(current.name) && last !== undefined && OBJECT_CARRYING_PROPERTIES.has(staticPropertyName(last) ?? '');
}

function call(context: AnalysisContext, node: TSESTree.CallExpression, depth: number, calls: number): Node | undefined {
  const callee = skipWrappers(node.callee);
  // await req.json(), await request.json(): the parsed body
  if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'json') {
    const receiver = skipWrappers(callee.object);
    if (receiver.type === 'Identifier' && REQUEST_OBJECT_NAMES.has(receiver.name)) return node;
  }
  const resolved = resolveReference(context, callee);
  if (resolved === undefined) return undefined;
  if (OBJECT_PARSERS.has(resolved)) {
    const text = node.arguments[0];
    return text !== undefined && text.type !== 'SpreadElement' && isRequestDerived(context, text) ? node : undefined;
  }
  if (OBJECT_COPIES.has(resolved)) {
    for (const argument of node.arguments) {
      const found = uncast(context, argument.type === 'SpreadElement' ? argument.argument : argument, depth + 1, calls);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function identifier(context: AnalysisContext, node: TSESTree.Identifier, depth: number, calls: number): Node | undefined {
  const variable = findVariable(context, node);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined) return undefined;
  if (hasTypeCheck(context, node)) return undefined;
  if (def.type === 'Parameter') return parameter(context, def.node as FunctionNode, def.name as TSESTree.Identifier, depth, calls);
  if (def.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  // const { email } = req.body; const filter = req.query.filter || {}
  if (declarator.init !== null && patternPath(declarator.id, def.name as TSESTree.Identifier) !== undefined) {
    const found = uncast(context, declarator.init, depth + 1, calls);
    if (found !== undefined) return found;
  }
  for (const reference of variable.references) {
    if (reference.init === true || !reference.isWrite() || reference.writeExpr == null) continue;
    const found = uncast(context, reference.writeExpr as Node, depth + 1, calls);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A NestJS `@Body() body` (without a DTO class to validate it), or a local function's parameter given request data at a call site. */
function parameter(context: AnalysisContext, fn: FunctionNode, name: TSESTree.Identifier, depth: number, calls: number): Node | undefined {
  const param = fn.params.find((p) => p === name || (p.type === 'TSParameterProperty' && p.parameter === name) || (p.type === 'AssignmentPattern' && p.left === name));
  if (param === undefined) return undefined;
  for (const decorator of (param as { decorators?: TSESTree.Decorator[] }).decorators ?? []) {
    const expression = skipWrappers(decorator.expression);
    if (expression.type !== 'CallExpression' || expression.callee.type !== 'Identifier' || !CONTAINER_DECORATORS.has(expression.callee.name)) continue;
    // @Body() dto: CreateUserDto is checked by the ValidationPipe; @Body() body / body: any is not.
    const type = name.typeAnnotation?.typeAnnotation;
    const validated = type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && !/^(Record|Partial|Object)$/.test(type.typeName.name);
    return validated ? undefined : param;
  }
  if (calls >= 2 || !isFunction(fn)) return undefined;
  const index = fn.params.indexOf(param);
  const fnName = fn.type === 'FunctionDeclaration' ? fn.id : fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' ? fn.parent.id : null;
  if (fnName == null) return undefined;
  for (const reference of findVariable(context, fnName)?.references ?? []) {
    const site = reference.identifier.parent;
    if (site?.type !== 'CallExpression' || site.callee !== reference.identifier) continue;
    const argument = site.arguments[index];
    if (argument === undefined || argument.type === 'SpreadElement') continue;
    const found = uncast(context, argument, depth + 1, calls + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `Array.isArray(x)`, `_.isString(x)`, `isPlainObject(x)`: a check of the value's type. */
const TYPE_CHECKS = /(^|\.)(isArray|isString|isPlainObject|isObject|isNumber)$/;

/**
 * True when the function using the value checks its type first: `typeof x === 'string'`,
 * `typeof req.body.email !== 'string'`, `Array.isArray(x)`. Any such check counts: the code
 * shows it expects one type.
 */
function hasTypeCheck(context: AnalysisContext, node: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
  let root: Node = node;
  while (root.type === 'MemberExpression') root = skipWrappers(root.object);
  if (root.type !== 'Identifier') return false;
  const variable = findVariable(context, root);
  if (variable === undefined) return false;
  const text = context.sourceCode.getText(node);
  return variable.references.some((reference) => {
    let current: Node = reference.identifier as Node;
    for (;;) {
      const parent: Node | undefined = current.parent;
      if (parent == null) return false;
      if (context.sourceCode.getText(current) === text) {
        if (parent.type === 'UnaryExpression' && parent.operator === 'typeof') return true;
        if (parent.type === 'CallExpression' && parent.arguments[0] === current && TYPE_CHECKS.test(context.sourceCode.getText(parent.callee))) return true;
      }
      if (parent.type === 'MemberExpression' && parent.object === current) {
        current = parent;
        continue;
      }
      if (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression') {
        current = parent;
        continue;
      }
      return false;
    }
  });
}

/** A handler registered after express-validator/celebrate middlewares: `app.post('/login', body('email').isEmail(), handler)`. */
function isInValidatedRoute(context: AnalysisContext, node: Node): boolean {
  let fn: Node | undefined = node.parent;
  while (fn != null && !isFunction(fn)) fn = fn.parent;
  if (fn == null) return false;
  // The outermost function passed to a route registration.
  for (let current: Node | undefined = fn; current != null; current = current.parent) {
    const route = current.parent;
    if (!isFunction(current) || route?.type !== 'CallExpression' || !route.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
    if (route.arguments.some((argument) => argument !== current && isValidationMiddleware(context, argument as Node))) return true;
  }
  return false;
}

function isValidationMiddleware(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'ArrayExpression') return node.elements.some((element) => element !== null && isValidationMiddleware(context, element as Node));
  let root: Node = node;
  while (root.type === 'CallExpression' || root.type === 'MemberExpression') root = skipWrappers(root.type === 'CallExpression' ? root.callee : root.object);
  if (root.type !== 'Identifier') return false;
  const resolved = resolveReference(context, root);
  return resolved !== undefined && VALIDATION_MODULES.some((module) => resolved === module || resolved.startsWith(`${module}.`));
}

/** Keys that make an object ORM query options rather than a MongoDB filter (`{ where: … }`). */
const ORM_OPTION_KEYS = new Set(['where', 'include', 'attributes', 'relations', 'order', 'orderBy', 'take', 'data', 'cursor', 'raw', 'transaction']);
/** Logical operators whose array elements are filters themselves. */
const LOGICAL_OPERATORS = new Set(['$or', '$and', '$nor']);

/**
 * Where a MongoDB filter takes request data as is: the filter itself (`find(req.query)`), a
 * spread of it, or a field value (`{ password: req.body.password }`, also inside `$or`/`$and`,
 * and fields assigned later: `const q = {}; q.status = req.query.status`). Undefined for ORM
 * option objects (`{ where: … }`, Sequelize/TypeORM/Prisma).
 */
export function uncastFilterInput(context: AnalysisContext, filter: Node): Node | undefined {
  ensureParents(context.sourceCode.ast);
  if (isInValidatedRoute(context, filter)) return undefined;
  return filterInput(context, filter, 0);
}

function filterInput(context: AnalysisContext, raw: Node, depth: number): Node | undefined {
  if (depth > 4) return undefined;
  const node = skipWrappers(raw);
  if (node.type === 'ObjectExpression') return objectInput(context, node, depth);
  const whole = uncast(context, node, 0, 0);
  if (whole !== undefined) return whole;
  if (node.type !== 'Identifier') return undefined;
  const variable = findVariable(context, node);
  const def = variable?.defs[0];
  if (variable === undefined || def?.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const init = declarator.init === null ? undefined : skipWrappers(declarator.init);
  if (init?.type === 'ObjectExpression') {
    if (hasOrmOptions(init)) return undefined;
    const found = objectInput(context, init, depth);
    if (found !== undefined) return found;
  }
  // const query = {}; if (req.query.status) query.status = req.query.status;
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) continue;
    const assignment = member.parent;
    if (assignment?.type !== 'AssignmentExpression' || assignment.left !== member || assignment.operator !== '=') continue;
    const key = staticPropertyName(member);
    if (key !== undefined && key.startsWith('$')) {
      if (!LOGICAL_OPERATORS.has(key)) continue;
      const found = arrayInput(context, assignment.right, depth);
      if (found !== undefined) return found;
      continue;
    }
    const found = uncast(context, assignment.right, 0, 0);
    if (found !== undefined) return found;
  }
  return undefined;
}

function hasOrmOptions(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((p) => p.type === 'Property' && ORM_OPTION_KEYS.has(staticKeyName(p) ?? ''));
}

function objectInput(context: AnalysisContext, object: TSESTree.ObjectExpression, depth: number): Node | undefined {
  if (hasOrmOptions(object)) return undefined;
  for (const property of object.properties) {
    if (property.type === 'SpreadElement') {
      const found = uncast(context, property.argument, 0, 0);
      if (found !== undefined) return found;
      continue;
    }
    const key = staticKeyName(property);
    if (key !== undefined && key.startsWith('$')) {
      if (!LOGICAL_OPERATORS.has(key)) continue;
      const found = arrayInput(context, property.value, depth);
      if (found !== undefined) return found;
      continue;
    }
    const found = uncast(context, property.value, 0, 0);
    if (found !== undefined) return found;
  }
  return undefined;
}

function arrayInput(context: AnalysisContext, raw: Node, depth: number): Node | undefined {
  const node = skipWrappers(raw);
  if (node.type !== 'ArrayExpression') return uncast(context, node, 0, 0);
  for (const element of node.elements) {
    if (element === null) continue;
    const found = element.type === 'SpreadElement' ? uncast(context, element.argument, 0, 0) : filterInput(context, element, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * True when the file strips `$` operators from request data for every query: Mongoose's
 * `sanitizeFilter` option, or the express-mongo-sanitize middleware.
 */
export function sanitizesMongoFilters(context: AnalysisContext): boolean {
  const text = context.sourceCode.text;
  return text.includes('sanitizeFilter') || text.includes('express-mongo-sanitize');
}
