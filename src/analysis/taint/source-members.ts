import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import { findVariable, type AnalysisContext } from '../scope.js';
import { GLOBAL_SOURCES, REQUEST_DATA_PROPERTIES, REQUEST_OBJECT_NAMES } from '../sources.js';
import { isFunction } from './tree.js';

/** `req.query`, `ctx.request.body`, `request.params.id`, `process.argv`, `location.hash`, a message event's `data`. */
export function isSourceMember(context: AnalysisContext, node: TSESTree.MemberExpression): boolean {
  const property = staticPropertyName(node);
  if (property !== undefined && REQUEST_DATA_PROPERTIES.has(property)) {
    let object = skipWrappers(node.object);
    // ctx.request.body, event.request.query
    if (object.type === 'MemberExpression' && staticPropertyName(object) === 'request') object = skipWrappers(object.object);
    if (object.type === 'Identifier' && REQUEST_OBJECT_NAMES.has(object.name)) return true;
  }
  if (property === 'data' && isMessageEvent(context, skipWrappers(node.object))) return true;
  const resolved = resolveReference(context, node);
  return resolved !== undefined && GLOBAL_SOURCES.has(resolved);
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
  const fn = def.node as Node;
  const parent = fn.parent;
  if (parent?.type === 'CallExpression' && parent.callee.type === 'MemberExpression') {
    const method = staticPropertyName(parent.callee);
    const event = parent.arguments[0];
    return (method === 'addEventListener' || method === 'on') && event?.type === 'Literal' && event.value === 'message' && parent.arguments[1] === fn;
  }
  if (parent?.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression') return staticPropertyName(parent.left) === 'onmessage';
  return false;
}
