import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { requiredModule, resolveReference } from '../callee.js';
import { findVariable, type AnalysisContext } from '../scope.js';
import {
  GLOBAL_SOURCES,
  NEXT_ENTRY_NAMES,
  REQUEST_DATA_PROPERTIES,
  REQUEST_OBJECT_NAMES,
  REQUEST_TYPE_NAMES,
  ROUTE_METHODS,
  SOURCE_PARAMETER_NAMES,
  STORAGE_OBJECTS,
  STORAGE_OTHER_MEMBERS,
} from '../sources.js';
import { ensureParents, isFunction, type FunctionNode } from './tree.js';

/**
 * `req.query`, `ctx.request.body`, `request.params.id`, `process.argv`, `location.hash`, a
 * message event's `data`, `localStorage.token`, a Next.js page's `props.searchParams`.
 */
export function isSourceMember(context: AnalysisContext, node: TSESTree.MemberExpression): boolean {
  const property = staticPropertyName(node);
  if (property !== undefined && REQUEST_DATA_PROPERTIES.has(property)) {
    let object = skipWrappers(node.object);
    // ctx.request.body, event.request.query
    if (object.type === 'MemberExpression' && staticPropertyName(object) === 'request') object = skipWrappers(object.object);
    if (isRequestObject(context, object)) return true;
    // props.searchParams, context.params in a Next.js page or route handler
    if ((property === 'searchParams' || property === 'params') && object.type === 'Identifier' && isNextEntryParameter(context, object)) return true;
  }
  if (property === 'data' && isMessageEvent(context, skipWrappers(node.object))) return true;
  const resolved = resolveReference(context, node);
  if (resolved === undefined) return false;
  if (GLOBAL_SOURCES.has(resolved)) return true;
  // localStorage.token, sessionStorage['draft']: reads of stored values
  const dot = resolved.indexOf('.');
  return dot > 0 && STORAGE_OBJECTS.has(resolved.slice(0, dot)) && !STORAGE_OTHER_MEMBERS.has(resolved.slice(dot + 1)) && !isWritten(node);
}

/** `localStorage.x = v`: the target of an assignment is no read. */
const isWritten = (node: Node): boolean => node.parent?.type === 'AssignmentExpression' && node.parent.left === node;

/**
 * An HTTP request object: `req`, `request`, `ctx`... unless bound to an import (`import request
 * from 'request'`) or `require`; a parameter typed `Request`, `FastifyRequest`, `NextRequest`...;
 * or the request parameter of a route handler or middleware, whatever its name
 * (`app.get('/', (r, s) => ...)`).
 */
export function isRequestObject(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  // ctx.request (Koa), event.request (SvelteKit)
  if (node.type === 'MemberExpression' && staticPropertyName(node) === 'request') return isRequestObject(context, node.object);
  if (node.type !== 'Identifier') return false;
  const variable = findVariable(context, node);
  const def = variable?.defs[0];
  if (REQUEST_OBJECT_NAMES.has(node.name)) {
    if (def === undefined) return true;
    if (def.type === 'ImportBinding') return false;
    if (def.type === 'Variable') {
      const init = (def.node as TSESTree.VariableDeclarator).init;
      return init === null || requiredModule(context, init) === undefined;
    }
    return true;
  }
  if (def?.type !== 'Parameter' || !isFunction(def.node as Node)) return false;
  const fn = def.node as FunctionNode;
  const index = fn.params.findIndex((p) => (p.type === 'TSParameterProperty' ? p.parameter : p) === def.name || (p.type === 'AssignmentPattern' && p.left === def.name));
  const param = fn.params[index];
  if (param === undefined) return false;
  const typeName = annotatedTypeName(param);
  if (typeName !== undefined) return REQUEST_TYPE_NAMES.has(typeName);
  ensureParents(context.sourceCode.ast);
  return isRouteHandler(fn) && index === (fn.params.length === 4 ? 1 : 0) && !NOT_REQUEST_NAMES.has(node.name);
}

/** First parameters of callbacks that are responses, results or errors (`$.get(url, (data, status) => ...)`), not requests. */
const NOT_REQUEST_NAMES = new Set(['err', 'error', 'e', 'data', 'response', 'res', 'result', 'results', 'value', 'body', 'config', 'options']);

/** Receivers whose `get`/`post` are HTTP clients, not routers. */
const CLIENT_RECEIVERS = new Set(['$', 'jQuery', 'axios', 'http', 'https', 'client', 'fetch', 'superagent', 'got', 'ky', 'cache', 'redis', 'store', 'map']);

/** The last name of a parameter's type annotation: `Request` for `req: express.Request`. */
function annotatedTypeName(param: Node): string | undefined {
  const annotation = (param as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  if (annotation?.type !== 'TSTypeReference') return undefined;
  const name = annotation.typeName;
  return name.type === 'Identifier' ? name.name : name.type === 'TSQualifiedName' ? name.right.name : undefined;
}

/** `app.get('/x', (req, res) => ...)`, `router.use((req, res, next) => ...)`: a function given to a routing method, with 2 to 4 parameters. */
export function isRouteHandler(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type !== 'CallExpression' || parent.callee.type !== 'MemberExpression' || !(parent.arguments as Node[]).includes(fn)) return false;
  const method = staticPropertyName(parent.callee);
  const receiver = skipWrappers(parent.callee.object);
  if (receiver.type === 'Identifier' && CLIENT_RECEIVERS.has(receiver.name)) return false;
  return method !== undefined && ROUTE_METHODS.has(method) && fn.params.length >= 2 && fn.params.length <= 4;
}

/**
 * A parameter of a Next.js page or route handler that receives the URL's values: the page's
 * props (`props.searchParams`, `props.params`) or a route handler's second argument
 * (`context.params`).
 */
export function isNextEntryParameter(context: AnalysisContext, identifier: TSESTree.Identifier): boolean {
  const def = findVariable(context, identifier)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node as Node)) return false;
  ensureParents(context.sourceCode.ast);
  return isNextEntry(def.node as FunctionNode);
}

/** `export default function Page(...)`, `export async function GET(...)`, `export const generateMetadata = ...`. */
export function isNextEntry(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type === 'ExportDefaultDeclaration') return true;
  const name = fn.type === 'FunctionDeclaration' ? fn.id?.name : parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
  if (name === undefined || !NEXT_ENTRY_NAMES.has(name)) return false;
  const declaration = fn.type === 'FunctionDeclaration' ? fn : parent?.parent;
  return declaration?.parent?.type === 'ExportNamedDeclaration' || /^[A-Z]/.test(name);
}

/** Names a Next.js entry's parameter may destructure from the URL: `{ searchParams }`, `{ params }`. */
export function isNextEntryPattern(fn: FunctionNode, name: string): boolean {
  return SOURCE_PARAMETER_NAMES.has(name) && (name === 'searchParams' || isNextEntry(fn));
}

/**
 * The parameter of a `message` listener: `addEventListener('message', (e) => ...)`,
 * `onmessage = (e) => ...`, `worker.on('message', ...)` delivers whatever another window or
 * process posted.
 */
function isMessageEvent(context: AnalysisContext, object: Node): boolean {
  if (object.type !== 'Identifier') return false;
  const def = findVariable(context, object)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node as Node)) return false;
  return isMessageListener(def.node as FunctionNode);
}

/** A function registered for `message` events. */
export function isMessageListener(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type === 'CallExpression' && parent.callee.type === 'MemberExpression') {
    const method = staticPropertyName(parent.callee);
    const event = parent.arguments[0];
    return (method === 'addEventListener' || method === 'on') && event?.type === 'Literal' && event.value === 'message' && parent.arguments[1] === fn;
  }
  if (parent?.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression') return staticPropertyName(parent.left) === 'onmessage';
  return false;
}
