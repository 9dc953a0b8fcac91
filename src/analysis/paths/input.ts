import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import type { AnalysisContext } from '../scope.js';
import { GLOBAL_SOURCES, REQUEST_OBJECT_NAMES } from '../sources.js';
import { traceTaint, type TaintFlow } from '../taint/trace.js';

/** Where a flow starts: the server's request, the browser (URL, storage, messages), or the process (argv). */
export type InputKind = 'request' | 'browser' | 'process';

/** The kind of input a flow starts from. */
export function inputKind(context: AnalysisContext, flow: TaintFlow): InputKind {
  const source = flow.steps[0]?.node;
  if (source === undefined) return 'request';
  const node = skipWrappers(source);
  if (node.type === 'CallExpression') {
    const callee = skipWrappers(node.callee);
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'getItem') return 'browser';
    return 'request';
  }
  if (node.type === 'MemberExpression' || node.type === 'Identifier') {
    const resolved = resolveReference(context, node);
    if (resolved !== undefined && (GLOBAL_SOURCES.has(resolved) || /^(location|document|window|process)(\.|$)/.test(resolved))) {
      return resolved.startsWith('process') ? 'process' : 'browser';
    }
    if (node.type === 'MemberExpression' && staticPropertyName(node) === 'data') {
      const object = skipWrappers(node.object);
      if (object.type === 'Identifier' && !REQUEST_OBJECT_NAMES.has(object.name)) return 'browser';
    }
  }
  return 'request';
}

/** A taint flow from server-side request data only (not argv, not the browser's own URL or storage). */
export function requestFlow(context: AnalysisContext, node: Node, isSanitized?: (context: AnalysisContext, node: Node) => boolean): TaintFlow | undefined {
  const flow = traceTaint(context, node, isSanitized === undefined ? {} : { isSanitized });
  return flow !== undefined && inputKind(context, flow) === 'request' ? flow : undefined;
}
