import type { Node } from '../rule/types.js';
import type { AnalysisContext } from './scope.js';
import { traceTaint, type TaintFlow, type TaintOptions } from './taint/trace.js';

/**
 * The expression where request, URL, message or process input enters the value of `node`, if
 * the code shows it (see `traceTaint` for what is followed).
 */
export function findInputSource(context: AnalysisContext, node: Node, options?: TaintOptions): Node | undefined {
  return traceTaint(context, node, options)?.steps[0]?.node;
}

/** True when a value visibly comes from request data, argv, the URL, a message or storage. */
export function isRequestDerived(context: AnalysisContext, node: Node, options?: TaintOptions): boolean {
  return traceTaint(context, node, options) !== undefined;
}

/** The whole flow from the source to `node`, for a report's `flow`. */
export function findTaintFlow(context: AnalysisContext, node: Node, options?: TaintOptions): TaintFlow | undefined {
  return traceTaint(context, node, options);
}
