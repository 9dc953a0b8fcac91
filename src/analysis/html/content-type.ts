import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { type AnalysisContext } from '../scope.js';
import { getStaticValue } from '../static-value.js';
import { ensureParents, isFunction } from '../taint/tree.js';
import { objectPropertyValue } from './values.js';
import { HEADER_SETTERS } from '../http.js';

/** What a response declares it sends: HTML, something a browser will not render as HTML, or not said. */
export type DeclaredContentType = 'html' | 'not-html' | undefined;

/** Response methods that set the content type: `res.type('html')`, `res.set('Content-Type', …)`, `reply.header(…)`. */
const TYPE_SETTERS = new Set(['type', 'contentType']);
/** Where a Content-Type header is set: by name, or in `writeHead`'s headers object. */
const TYPE_HEADER_SETTERS = new Set([...HEADER_SETTERS, 'writeHead']);

function classify(value: string): DeclaredContentType {
  const type = value.toLowerCase().trim();
  if (type === 'html' || type.startsWith('text/html') || type.includes('xhtml') || type === '.html') return 'html';
  return type === '' ? undefined : 'not-html';
}

/** The content type a single call declares, if it is a setter with constant arguments. */
function declaredBy(context: AnalysisContext, call: TSESTree.CallExpression): DeclaredContentType {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = staticPropertyName(callee);
  if (method === undefined) return undefined;
  const [first, second] = call.arguments;
  if (TYPE_SETTERS.has(method) && first !== undefined && first.type !== 'SpreadElement') {
    const value = getStaticValue(context, first)?.value;
    return typeof value === 'string' ? classify(value) : undefined;
  }
  if (!TYPE_HEADER_SETTERS.has(method)) return undefined;
  const headers = method === 'writeHead' ? (call.arguments.find((a, i) => i > 0 && a.type === 'ObjectExpression') as TSESTree.ObjectExpression | undefined) : undefined;
  if (headers !== undefined) {
    const value = objectPropertyValue(headers, 'Content-Type') ?? objectPropertyValue(headers, 'content-type');
    const text = value === undefined ? undefined : getStaticValue(context, value)?.value;
    return typeof text === 'string' ? classify(text) : undefined;
  }
  if (first === undefined || second === undefined || first.type === 'SpreadElement' || second.type === 'SpreadElement') {
    if (first?.type === 'ObjectExpression') {
      const value = objectPropertyValue(first, 'Content-Type') ?? objectPropertyValue(first, 'content-type');
      const text = value === undefined ? undefined : getStaticValue(context, value)?.value;
      return typeof text === 'string' ? classify(text) : undefined;
    }
    return undefined;
  }
  const name = getStaticValue(context, first)?.value;
  if (typeof name !== 'string' || name.toLowerCase() !== 'content-type') return undefined;
  const value = getStaticValue(context, second)?.value;
  return typeof value === 'string' ? classify(value) : undefined;
}

/**
 * The content type declared for the response a sink writes: by a call earlier in the same chain
 * (`res.type('html').send(x)`), or by a statement before it in the enclosing blocks of the same
 * function (`res.setHeader('Content-Type', 'text/plain'); res.end(x)`, `ctx.type = 'json'`).
 */
export function declaredContentType(context: AnalysisContext, sink: Node, receiver: Node): DeclaredContentType {
  for (let current = skipWrappers(receiver); current.type === 'CallExpression';) {
    const found = declaredBy(context, current);
    if (found !== undefined) return found;
    const callee = skipWrappers(current.callee);
    if (callee.type !== 'MemberExpression') break;
    current = skipWrappers(callee.object);
  }
  ensureParents(context.sourceCode.ast);
  let child: Node = sink;
  for (let parent = sink.parent; parent != null && !isFunction(parent); child = parent, parent = parent.parent) {
    if (parent.type !== 'BlockStatement' && parent.type !== 'Program' && parent.type !== 'SwitchCase') continue;
    const body = (parent.type === 'SwitchCase' ? parent.consequent : parent.body) as Node[];
    const index = body.indexOf(child);
    for (let i = index - 1; i >= 0; i--) {
      const statement = body[i];
      if (statement?.type !== 'ExpressionStatement') continue;
      const expression = skipWrappers(statement.expression);
      if (expression.type === 'CallExpression') {
        for (let current: Node = expression; current.type === 'CallExpression';) {
          const found = declaredBy(context, current);
          if (found !== undefined) return found;
          const callee = skipWrappers(current.callee);
          if (callee.type !== 'MemberExpression') break;
          current = skipWrappers(callee.object);
        }
      } else if (expression.type === 'AssignmentExpression' && expression.left.type === 'MemberExpression' && staticPropertyName(expression.left) === 'type') {
        const value = getStaticValue(context, expression.right)?.value;
        if (typeof value === 'string') return classify(value);
      }
    }
  }
  return undefined;
}
