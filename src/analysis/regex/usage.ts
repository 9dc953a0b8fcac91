import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { findTaintFlow } from '../request-source.js';
import type { AnalysisContext } from '../scope.js';
import type { TaintFlow } from '../taint/trace.js';
import { ensureParents } from '../taint/tree.js';

/** RegExp methods whose first argument is the text searched. */
const REGEX_METHODS = new Set(['test', 'exec']);
/** String methods that take a regex as their first argument and search the receiver. */
const STRING_METHODS = new Set(['match', 'matchAll', 'replace', 'replaceAll', 'search', 'split']);

/**
 * The flow of request data into the text a regex expression is run against, when the regex is
 * used where it is written: `/re/.test(req.query.q)`, `req.body.name.match(/re/)`.
 */
export function searchedInputFlow(context: AnalysisContext, regex: Node): TaintFlow | undefined {
  ensureParents(context.sourceCode.ast);
  let node: Node = regex;
  while (node.parent !== undefined && (node.parent.type === 'TSAsExpression' || node.parent.type === 'TSNonNullExpression' || node.parent.type === 'ChainExpression')) node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'MemberExpression' && parent.object === node) {
    const method = staticPropertyName(parent);
    const call = parent.parent;
    if (method !== undefined && REGEX_METHODS.has(method) && call?.type === 'CallExpression' && call.callee === parent) {
      const text = call.arguments[0];
      return text === undefined || text.type === 'SpreadElement' ? undefined : findTaintFlow(context, text);
    }
  }
  if (parent?.type === 'CallExpression' && parent.arguments[0] === node) {
    const callee = skipWrappers(parent.callee);
    if (callee.type === 'MemberExpression' && STRING_METHODS.has(staticPropertyName(callee) ?? '')) {
      return findTaintFlow(context, (callee as TSESTree.MemberExpression).object);
    }
  }
  return undefined;
}
