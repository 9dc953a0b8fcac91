import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { calleeWrittenName, skipWrappers, staticPropertyName } from '../ast.js';
import { findVariable, singleDeclarator, type AnalysisContext } from '../scope.js';
import { getStaticValue } from '../static-value.js';
import { ensureParents, isFunction } from '../taint/tree.js';
import { isValidatedValue } from '../taint/guards.js';

/**
 * Checks written around a use of a variable: containment checks for paths, host allow-lists for
 * URLs, relative-path checks for redirect targets. A rule passes the kind of check it accepts;
 * `isCheckedAt` answers whether such a check decides whether the use runs.
 */

/** What a check is about: a variable, or a request field written the same way each time (`req.query.next`). */
export type Subject = Variable | { readonly text: string };

/** Is `node` (one clause of an `if` test) a check of `variable` of the kind a rule accepts? */
export type CheckPredicate = (context: AnalysisContext, node: Node, variable: Subject) => boolean;

/** True when `node` is `variable`, or a member or method chain on it (`url.hostname`, `name.split('/')`, `fs.realpathSync(p)`). */
export function mentions(context: AnalysisContext, raw: Node | undefined | null, variable: Subject, depth = 0): boolean {
  if (raw == null || depth > 6) return false;
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'Identifier': {
      if ('text' in variable) return false;
      const found = findVariable(context, node);
      if (found === variable) return true;
      // const parsed = new URL(next): checking `parsed.origin` checks `next`.
      const init = found === undefined || depth > 2 ? undefined : singleDeclarator(found)?.init;
      return init != null && mentions(context, init, variable, depth + 3);
    }
    case 'MemberExpression':
      if ('text' in variable && context.sourceCode.getText(node) === variable.text) return true;
      return mentions(context, node.object, variable, depth + 1);
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      if (callee.type === 'MemberExpression' && mentions(context, callee.object, variable, depth + 1)) return true;
      return node.arguments.some((argument) => argument.type !== 'SpreadElement' && mentions(context, argument, variable, depth + 1));
    }
    case 'NewExpression':
      return node.arguments.some((argument) => argument.type !== 'SpreadElement' && mentions(context, argument, variable, depth + 1));
    case 'AwaitExpression':
      return mentions(context, node.argument, variable, depth + 1);
    default:
      return false;
  }
}

/** The clauses of a test: `a && !b || c === false` gives a, b, c (polarity is left to the caller's leniency). */
function clauses(test: Node, out: Node[] = []): Node[] {
  const node = skipWrappers(test);
  if (node.type === 'LogicalExpression') {
    clauses(node.left, out);
    clauses(node.right, out);
  } else if (node.type === 'UnaryExpression' && node.operator === '!') {
    clauses(node.argument, out);
  } else if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator) && node.right.type === 'Literal' && typeof node.right.value === 'boolean') {
    clauses(node.left, out);
    out.push(node);
  } else {
    out.push(node);
  }
  return out;
}

function testChecks(context: AnalysisContext, test: Node, variable: Subject, predicate: CheckPredicate): boolean {
  return clauses(test).some((clause) => predicate(context, clause, variable));
}

/** True when the statement always leaves the enclosing block. */
function exits(statement: Node | null | undefined): boolean {
  if (statement == null) return false;
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'ContinueStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement':
      return statement.body.some((inner) => exits(inner));
    case 'IfStatement':
      return exits(statement.consequent) && exits(statement.alternate);
    case 'ExpressionStatement': {
      const expression = skipWrappers(statement.expression);
      return expression.type === 'CallExpression' && /^(process\.exit|exit|abort)$/.test(calleeText(expression));
    }
    default:
      return false;
  }
}

function calleeText(call: TSESTree.CallExpression): string {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') return `${callee.object.name}.${staticPropertyName(callee) ?? ''}`;
  return calleeWrittenName(call) ?? '';
}

/** `v = '/'`, `{ v = DEFAULT; }`: the branch replaces the value with a constant. */
function resetsVariable(context: AnalysisContext, statement: Node | null | undefined, variable: Subject): boolean {
  if (statement == null || 'text' in variable) return false;
  if (statement.type === 'BlockStatement') return statement.body.some((inner) => resetsVariable(context, inner, variable));
  if (statement.type !== 'ExpressionStatement') return false;
  const expression = skipWrappers(statement.expression);
  return expression.type === 'AssignmentExpression' && expression.operator === '=' && expression.left.type === 'Identifier'
    && findVariable(context, expression.left) === variable && getStaticValue(context, expression.right) !== undefined;
}

/** Request fields that hold many values. */
const REQUEST_CONTAINERS = new Set(['query', 'params', 'body', 'headers', 'cookies', 'signedCookies', 'files', 'searchParams', 'fields', 'payload', 'queryStringParameters', 'pathParameters', 'request']);

/** Functions whose name says they assert something about their argument and throw otherwise. */
const ASSERTION_NAME = /^(assert|ensure|validate|verify|check|guard|require)/i;

/**
 * True when the use of an identifier only runs after (or inside) a check of its variable: the
 * true or false branch of an `if`/`?:`/`&&` testing it, a preceding `if (...) return/throw`
 * or `if (...) v = CONSTANT` testing it, or a preceding `assertX(v)` call. Polarity is not
 * examined: code that checks a value and then uses it on the failing branch is rare.
 */
export function isCheckedAt(context: AnalysisContext, use: TSESTree.Identifier | TSESTree.MemberExpression, predicate: CheckPredicate, assertions: RegExp | undefined = ASSERTION_NAME): boolean {
  // `req.query` as a whole is never what a check is about: `req.query.next.startsWith('/')` checks one field.
  if (use.type === 'MemberExpression' && REQUEST_CONTAINERS.has(staticPropertyName(use) ?? '')) return false;
  const variable: Subject | undefined = use.type === 'Identifier' ? findVariable(context, use) : { text: context.sourceCode.getText(use) };
  if (variable === undefined) return false;
  ensureParents(context.sourceCode.ast);
  let child: Node = use;
  for (let parent: Node | undefined = use.parent; parent != null; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'IfStatement':
      case 'ConditionalExpression':
        if (parent.test !== child && testChecks(context, parent.test, variable, predicate)) return true;
        break;
      case 'LogicalExpression':
        if (parent.right === child && parent.operator === '&&' && testChecks(context, parent.left, variable, predicate)) return true;
        break;
      case 'BlockStatement':
      case 'Program':
      case 'SwitchCase': {
        const body = (parent.type === 'SwitchCase' ? parent.consequent : parent.body) as Node[];
        const index = body.indexOf(child);
        for (const statement of body.slice(0, Math.max(0, index))) {
          if (statement.type === 'IfStatement' && testChecks(context, statement.test, variable, predicate)
            && (exits(statement.consequent) || resetsVariable(context, statement.consequent, variable) || exits(statement.alternate))) return true;
          if (assertions !== undefined && statement.type === 'ExpressionStatement') {
            let expression = skipWrappers(statement.expression);
            if (expression.type === 'AwaitExpression') expression = skipWrappers(expression.argument);
            if (expression.type === 'CallExpression' && assertions.test(calleeWrittenName(expression) ?? '')
              && expression.arguments.some((argument) => argument.type !== 'SpreadElement' && mentions(context, argument, variable))) return true;
          }
        }
        break;
      }
      default:
        break;
    }
    if (isFunction(parent) && parent.params.some((param) => param === child)) return false;
  }
  return false;
}

/** The callee's last written name, lower-cased, for name-based checks (`isPathInside`, `isAllowedHost`). */
export function checkCallName(node: Node): string | undefined {
  const call = skipWrappers(node);
  if (call.type !== 'CallExpression') return undefined;
  return calleeWrittenName(call)?.toLowerCase();
}

/** A string method call on something mentioning the variable: `v.startsWith(x)` gives `{ method, argument }`. */
export function methodOn(context: AnalysisContext, node: Node, variable: Subject): { method: string; argument: Node | undefined } | undefined {
  const call = skipWrappers(node);
  if (call.type !== 'CallExpression') return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = staticPropertyName(callee);
  if (method === undefined || !mentions(context, callee.object, variable)) return undefined;
  const argument = call.arguments[0];
  return { method, argument: argument === undefined || argument.type === 'SpreadElement' ? undefined : argument };
}

/** `/pattern/.test(v)`: the regular expression's source, when the call tests something mentioning the variable. */
export function regexTestOn(context: AnalysisContext, node: Node, variable: Subject): string | undefined {
  const call = skipWrappers(node);
  if (call.type !== 'CallExpression') return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'test') return undefined;
  const pattern = skipWrappers(callee.object);
  if (pattern.type !== 'Literal' || !('regex' in pattern) || pattern.regex === undefined) return undefined;
  const argument = call.arguments[0];
  return argument !== undefined && argument.type !== 'SpreadElement' && mentions(context, argument, variable) ? pattern.regex.pattern : undefined;
}

/** `LIST.includes(v)`, `SET.has(v.hostname)`, `v in MAP`, `LIST.some(...)` with v: membership in any collection. */
export function isMembershipTest(context: AnalysisContext, node: Node, variable: Subject): boolean {
  const test = skipWrappers(node);
  if (test.type === 'BinaryExpression' && test.operator === 'in') return mentions(context, test.left, variable);
  if (test.type !== 'CallExpression') return false;
  const callee = skipWrappers(test.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = staticPropertyName(callee);
  if (method !== 'includes' && method !== 'has' && method !== 'indexOf') return false;
  const argument = test.arguments[0];
  return argument !== undefined && argument.type !== 'SpreadElement' && mentions(context, argument, variable) && !mentions(context, callee.object, variable);
}

/** The constant string value of a node, if any. */
export function constantText(context: AnalysisContext, node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  const value = getStaticValue(context, node)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** `ALLOWED.includes(x) ? x : 'default'`: one of the allowed constants whatever `x` was. */
export function isAllowListChoice(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  return node.type === 'ConditionalExpression' && isValidatedValue(context, node);
}
