import type { Node } from '../rule/types.js';
import type { AnalysisContext } from './scope.js';
import { traceTaint, type TaintFlow, type TaintOptions } from './taint/trace.js';
import { configuredSourceFlow, withConfiguredSanitizers } from './extensions.js';

/** The built-in taint trace, with the config's extra sanitizers and sources (src/analysis/extensions.ts). */
function traceWithConfig(context: AnalysisContext, node: Node, options?: TaintOptions): TaintFlow | undefined {
  const configured = withConfiguredSanitizers(context, options);
  return traceTaint(context, node, configured) ?? configuredSourceFlow(context, node, configured);
}

/**
 * The expression where request, URL, message or process input enters the value of `node`, if
 * the code shows it (see `traceTaint` for what is followed).
 */
export function findInputSource(context: AnalysisContext, node: Node, options?: TaintOptions): Node | undefined {
  return traceWithConfig(context, node, options)?.steps[0]?.node;
}

/** True when a value visibly comes from request data, argv, the URL, a message or storage. */
export function isRequestDerived(context: AnalysisContext, node: Node, options?: TaintOptions): boolean {
  return traceWithConfig(context, node, options) !== undefined;
}

/** The whole flow from the source to `node`, for a report's `flow`. */
export function findTaintFlow(context: AnalysisContext, node: Node, options?: TaintOptions): TaintFlow | undefined {
  return traceWithConfig(context, node, options);
}
