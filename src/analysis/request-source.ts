import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import { findVariable, singleDeclarator, type AnalysisContext } from './scope.js';
import {
  GLOBAL_SOURCES,
  PASS_THROUGH_CONSTRUCTORS,
  PASS_THROUGH_FUNCTIONS,
  PASS_THROUGH_METHODS,
  REQUEST_DATA_METHODS,
  REQUEST_DATA_PROPERTIES,
  REQUEST_OBJECT_NAMES,
} from './sources.js';

const MAX_DEPTH = 10;

/**
 * The expression inside `node` where request, URL or process input enters, if it visibly does:
 * `req.query.id` in `"... " + req.query.id`, or the initialiser of a never-reassigned local
 * (`const { id } = req.params`). Intra-procedural and syntactic; the taint analysis replaces it.
 */
export function findInputSource(context: AnalysisContext, node: Node): Node | undefined {
  return find(context, node, 0);
}

/** True when a value visibly comes from request data, argv, the URL or the document. */
export function isRequestDerived(context: AnalysisContext, node: Node): boolean {
  return find(context, node, 0) !== undefined;
}

function find(context: AnalysisContext, rawNode: Node, depth: number): Node | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(rawNode);
  const next = (child: Node | null | undefined): Node | undefined => (child == null ? undefined : find(context, child, depth + 1));
  switch (node.type) {
    case 'MemberExpression':
      if (isSourceMember(context, node)) return node;
      return next(node.object);
    case 'Identifier': {
      const variable = findVariable(context, node);
      if (variable === undefined) return GLOBAL_SOURCES.has(node.name) ? node : undefined;
      const declarator = singleDeclarator(variable);
      return declarator === undefined ? undefined : next(declarator.init);
    }
    case 'TemplateLiteral':
      return firstOf(node.expressions, next);
    case 'BinaryExpression':
      return (node.left.type === 'PrivateIdentifier' ? undefined : next(node.left)) ?? next(node.right);
    case 'LogicalExpression':
      return next(node.left) ?? next(node.right);
    case 'ConditionalExpression':
      return next(node.consequent) ?? next(node.alternate);
    case 'AwaitExpression':
      return next(node.argument);
    case 'ArrayExpression':
      return firstOf(node.elements, next);
    case 'SpreadElement':
      return next(node.argument);
    case 'ObjectExpression':
      return firstOf(node.properties.map((p) => (p.type === 'Property' ? p.value : p)), next);
    case 'CallExpression':
      return callSource(context, node, next);
    case 'NewExpression': {
      // new URLSearchParams(location.search), new URL(req.query.next)
      const constructed = resolveReference(context, node.callee);
      return constructed !== undefined && PASS_THROUGH_CONSTRUCTORS.has(constructed) ? firstOf(node.arguments, next) : undefined;
    }
    default:
      return undefined;
  }
}

function firstOf(items: readonly (Node | null)[], next: (child: Node | null) => Node | undefined): Node | undefined {
  for (const item of items) {
    const found = next(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

function callSource(context: AnalysisContext, node: TSESTree.CallExpression, next: (child: Node | null) => Node | undefined): Node | undefined {
  const callee = skipWrappers(node.callee);
  if (callee.type === 'MemberExpression') {
    const method = staticPropertyName(callee);
    const receiver = skipWrappers(callee.object);
    if (method !== undefined && REQUEST_DATA_METHODS.has(method) && receiver.type === 'Identifier' && REQUEST_OBJECT_NAMES.has(receiver.name)) return node;
    // url.searchParams.get('next'), new URLSearchParams(location.search).get('q')
    if (method === 'get' || method === 'getAll') {
      const fromParams = next(callee.object);
      if (fromParams !== undefined) return fromParams;
    }
    if (method !== undefined && PASS_THROUGH_METHODS.has(method)) return next(callee.object) ?? firstOf(node.arguments, next);
  }
  const resolved = resolveReference(context, callee);
  if (resolved !== undefined && PASS_THROUGH_FUNCTIONS.has(resolved)) return firstOf(node.arguments, next);
  return undefined;
}

/** `req.query`, `ctx.request.body`, `request.params.id`, `process.argv`, `location.hash`... */
function isSourceMember(context: AnalysisContext, node: TSESTree.MemberExpression): boolean {
  const property = staticPropertyName(node);
  if (property !== undefined && REQUEST_DATA_PROPERTIES.has(property)) {
    let object = skipWrappers(node.object);
    // ctx.request.body, event.request.query
    if (object.type === 'MemberExpression' && staticPropertyName(object) === 'request') object = skipWrappers(object.object);
    if (object.type === 'Identifier' && REQUEST_OBJECT_NAMES.has(object.name)) return true;
  }
  const resolved = resolveReference(context, node);
  return resolved !== undefined && GLOBAL_SOURCES.has(resolved);
}
