import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import { isNumericOrBoolean } from '../numeric.js';
import { findVariable, patternPath, type AnalysisContext } from '../scope.js';
import {
  GLOBAL_SOURCES,
  PASS_THROUGH_CONSTRUCTORS,
  PASS_THROUGH_FUNCTIONS,
  PASS_THROUGH_METHODS,
  REQUEST_DATA_METHODS,
  REQUEST_OBJECT_NAMES,
  SOURCE_PARAMETER_DECORATORS,
  SOURCE_PARAMETER_NAMES,
  STORAGE_READS,
} from '../sources.js';
import { isSourceMember } from './source-members.js';
import { ensureParents, isFunction, returnedExpressions, type FunctionNode } from './tree.js';
import { isGuarded } from './guards.js';

/** One hop of a flow: the node where the value passes, and how to name it in a report. */
export interface FlowStep {
  readonly node: Node;
  readonly label: string;
}

/** Where a dangerous value comes from, and the assignments and calls it passed through, in order. */
export interface TaintFlow {
  /** The source expression (`req.query.id`), then each step towards the sink. */
  readonly steps: readonly FlowStep[];
}

export interface TaintOptions {
  /** A sink-specific sanitizer (`path.basename` for paths, `escapeHtml` for HTML): stops the flow. */
  readonly isSanitized?: (context: AnalysisContext, node: Node) => boolean;
}

/**
 * Caps that keep the analysis linear-ish: how deep one question may recurse, how many nodes it
 * may visit, how many calls deep it follows arguments into local functions. Past a cap the
 * answer is "no flow known", and the rule falls back to its non-taint confidence: a direct
 * flow (source in the sink's own expression) is always found within the first levels.
 */
const PASS_THROUGH_TAILS = new Set([...PASS_THROUGH_FUNCTIONS].map((name) => name.slice(name.lastIndexOf('.') + 1)));

export const TAINT_LIMITS = { maxDepth: 24, maxVisits: 400, maxCallDepth: 3 } as const;

interface State {
  readonly context: AnalysisContext;
  readonly options: TaintOptions;
  /** Parameters bound to a call's arguments while following a local function's return value. */
  readonly bindings: ReadonlyMap<Variable, Node>;
  readonly visiting: Set<Node>;
  readonly budget: { visits: number };
  readonly callDepth: number;
}

/**
 * The flow by which request, URL, message or process input reaches `node`, if the code shows
 * one: through expressions, local variables (every assignment), destructuring, loops, local
 * function calls (return values and parameters at call sites), promise callbacks and closures.
 */
export function traceTaint(context: AnalysisContext, node: Node, options: TaintOptions = {}): TaintFlow | undefined {
  const state: State = { context, options, bindings: new Map(), visiting: new Set(), budget: { visits: 0 }, callDepth: 0 };
  const steps = trace(state, node, 0);
  return steps === undefined ? undefined : { steps };
}

const label = (state: State, node: Node): string => {
  const text = state.context.sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

type Steps = FlowStep[];

function trace(state: State, raw: Node | null | undefined, depth: number): Steps | undefined {
  if (raw === null || raw === undefined) return undefined;
  const node = skipWrappers(raw);
  if (depth > TAINT_LIMITS.maxDepth || state.visiting.has(node) || ++state.budget.visits > TAINT_LIMITS.maxVisits) return undefined;
  if (isNumericOrBoolean(state.context, node)) return undefined;
  if (state.options.isSanitized?.(state.context, node) === true) return undefined;
  state.visiting.add(node);
  try {
    return traceNode(state, node, depth + 1);
  } finally {
    state.visiting.delete(node);
  }
}

function first(state: State, nodes: readonly (Node | null | undefined)[], depth: number): Steps | undefined {
  for (const node of nodes) {
    const found = trace(state, node, depth);
    if (found !== undefined) return found;
  }
  return undefined;
}

const then = (steps: Steps | undefined, step: FlowStep): Steps | undefined => (steps === undefined ? undefined : [...steps, step]);

function traceNode(state: State, node: Node, depth: number): Steps | undefined {
  switch (node.type) {
    case 'MemberExpression':
      if (isSourceMember(state.context, node)) return [{ node, label: label(state, node) }];
      return trace(state, node.object, depth);
    case 'Identifier':
      return identifier(state, node, depth);
    case 'TemplateLiteral':
      return first(state, node.expressions, depth);
    case 'BinaryExpression':
      return node.operator === '+' ? first(state, [node.left, node.right], depth) : undefined;
    case 'LogicalExpression':
      return first(state, [node.left, node.right], depth);
    case 'ConditionalExpression':
      return first(state, [node.consequent, node.alternate], depth);
    case 'AwaitExpression':
      return trace(state, node.argument, depth);
    case 'SequenceExpression':
      return trace(state, node.expressions[node.expressions.length - 1], depth);
    case 'AssignmentExpression':
      return trace(state, node.right, depth);
    case 'ArrayExpression':
      return first(state, node.elements, depth);
    case 'SpreadElement':
      return trace(state, node.argument, depth);
    case 'ObjectExpression':
      return first(state, node.properties.map((p) => (p.type === 'Property' ? p.value : p)), depth);
    case 'TaggedTemplateExpression':
      return undefined; // sql`...`, html`...`: the tag decides how values are encoded
    case 'NewExpression': {
      const constructed = resolveReference(state.context, node.callee);
      return constructed !== undefined && PASS_THROUGH_CONSTRUCTORS.has(constructed) ? first(state, node.arguments, depth) : undefined;
    }
    case 'CallExpression':
      return call(state, node, depth);
    default:
      return undefined;
  }
}

function call(state: State, node: TSESTree.CallExpression, depth: number): Steps | undefined {
  const callee = skipWrappers(node.callee);
  if (callee.type === 'MemberExpression') {
    const method = staticPropertyName(callee);
    const receiver = skipWrappers(callee.object);
    if (method !== undefined && REQUEST_DATA_METHODS.has(method) && receiver.type === 'Identifier' && REQUEST_OBJECT_NAMES.has(receiver.name)) {
      return [{ node, label: label(state, node) }];
    }
    if (method === 'getItem') {
      const resolved = resolveReference(state.context, callee);
      if (resolved !== undefined && STORAGE_READS.has(resolved)) return [{ node, label: label(state, node) }];
    }
    // params.get('next'), formData.get('name'), headers.get('x')
    if (method === 'get' || method === 'getAll') {
      const fromReceiver = trace(state, callee.object, depth);
      if (fromReceiver !== undefined) return fromReceiver;
    }
    if (method !== undefined && PASS_THROUGH_METHODS.has(method)) return first(state, [callee.object, ...node.arguments], depth);
    // promise.then(v => v.x): the callback's result carries the promise's value
    if (method === 'then' || method === 'catch' || method === 'finally') return trace(state, callee.object, depth);
  }
  const written = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  if (written !== undefined && PASS_THROUGH_TAILS.has(written)) {
    const resolved = resolveReference(state.context, callee);
    if (resolved !== undefined && PASS_THROUGH_FUNCTIONS.has(resolved)) return first(state, node.arguments, depth);
  }
  return localCallResult(state, node, depth);
}

/** `build(req.query.q)` where `build` is a function of this file: what its returns carry, with parameters bound to the arguments. */
function localCallResult(state: State, node: TSESTree.CallExpression, depth: number): Steps | undefined {
  if (state.callDepth >= TAINT_LIMITS.maxCallDepth) return undefined;
  const fn = localFunction(state.context, node.callee);
  if (fn === undefined) return undefined;
  const bindings = new Map(state.bindings);
  fn.params.forEach((param, index) => {
    const argument = node.arguments[index];
    if (param.type !== 'Identifier' || argument === undefined || argument.type === 'SpreadElement') return;
    const variable = findVariable(state.context, param);
    if (variable !== undefined) bindings.set(variable, argument);
  });
  const inner: State = { ...state, bindings, callDepth: state.callDepth + 1 };
  const returned = first(inner, returnedExpressions(fn), depth);
  return then(returned, { node, label: `${label(state, node.callee)}() returns it` });
}

/** The function a callee names when it is declared in this file (`function f`, `const f = () =>`). */
function localFunction(context: AnalysisContext, rawCallee: Node): FunctionNode | undefined {
  const callee = skipWrappers(rawCallee);
  if (callee.type !== 'Identifier') return undefined;
  const variable = findVariable(context, callee);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined || variable.defs.length !== 1) return undefined;
  if (def.type === 'FunctionName' && isFunction(def.node as Node)) return def.node as FunctionNode;
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    const init = declarator.init === null ? undefined : skipWrappers(declarator.init);
    if (declarator.id.type === 'Identifier' && isFunction(init) && variable.references.every((r) => r.init === true || !r.isWrite())) return init;
  }
  return undefined;
}

function identifier(state: State, node: TSESTree.Identifier, depth: number): Steps | undefined {
  const variable = findVariable(state.context, node);
  if (variable === undefined) return GLOBAL_SOURCES.has(node.name) ? [{ node, label: node.name }] : undefined;
  // A value checked against an allow-list (or an anchored pattern) before this use is clean here.
  ensureParents(state.context.sourceCode.ast);
  if (isGuarded(state.context, node, variable)) return undefined;
  const bound = state.bindings.get(variable);
  if (bound !== undefined) return then(trace(state, bound, depth), { node, label: node.name });
  const def = variable.defs[0];
  if (def === undefined) return undefined;
  if (def.type === 'Parameter') return then(parameter(state, variable, def.node as FunctionNode, depth), { node, label: node.name });
  if (def.type !== 'Variable') return undefined;
  ensureParents(state.context.sourceCode.ast);
  // Every value the variable is given: its initialiser (through destructuring and for-of) and each assignment.
  for (const variableDef of variable.defs) {
    const declarator = variableDef.node as TSESTree.VariableDeclarator;
    const loop = declarator.parent?.parent;
    const init = declarator.init ?? (loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement' ? loop.right : null);
    if (init === null) continue;
    if (patternPath(declarator.id, variableDef.name as TSESTree.Identifier) === undefined && declarator.id.type !== 'ArrayPattern') continue;
    const found = trace(state, init, depth);
    if (found !== undefined) return [...found, { node: variableDef.name as Node, label: node.name }];
  }
  for (const reference of variable.references) {
    if (reference.init === true || !reference.isWrite() || reference.writeExpr === null || reference.writeExpr === undefined) continue;
    const found = trace(state, reference.writeExpr as Node, depth);
    if (found !== undefined) return [...found, { node: reference.identifier as Node, label: node.name }];
  }
  return undefined;
}

/**
 * A parameter carries input when it is a framework-injected request value (`@Body() dto`,
 * Next.js `{ searchParams }`), a promise callback's value, or when a call site in this file
 * passes input for it.
 */
function parameter(state: State, variable: Variable, fn: FunctionNode, depth: number): Steps | undefined {
  const { context } = state;
  ensureParents(context.sourceCode.ast);
  const index = fn.params.findIndex((param) => containsIdentifier(param, variable.name));
  const param = fn.params[index];
  if (param === undefined) return undefined;
  const decorators = (param as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  for (const decorator of decorators) {
    const expression = skipWrappers(decorator.expression);
    const name = expression.type === 'CallExpression' && expression.callee.type === 'Identifier' ? expression.callee.name : undefined;
    if (name !== undefined && SOURCE_PARAMETER_DECORATORS.has(name)) return [{ node: param, label: `@${name}() ${variable.name}` }];
  }
  if (SOURCE_PARAMETER_NAMES.has(variable.name) && param.type === 'ObjectPattern') return [{ node: param, label: variable.name }];
  // promise.then((value) => ...): the value is the promise's
  const parent = fn.parent;
  if (parent?.type === 'CallExpression' && parent.arguments[0] === fn && index === 0) {
    const method = parent.callee.type === 'MemberExpression' ? staticPropertyName(parent.callee) : undefined;
    if (method === 'then' && parent.callee.type === 'MemberExpression') return trace(state, parent.callee.object, depth);
  }
  // Call sites of a local function: any of them passing input for this parameter.
  if (state.callDepth >= TAINT_LIMITS.maxCallDepth || param.type !== 'Identifier') return undefined;
  const name = functionName(fn);
  if (name === undefined) return undefined;
  ensureParents(context.sourceCode.ast);
  const fnVariable = findVariable(context, name);
  for (const reference of fnVariable?.references ?? []) {
    const site = reference.identifier.parent;
    if (site?.type !== 'CallExpression' || site.callee !== reference.identifier) continue;
    const argument = site.arguments[index];
    if (argument === undefined || argument.type === 'SpreadElement') continue;
    const found = trace({ ...state, callDepth: state.callDepth + 1 }, argument, depth);
    if (found !== undefined) return [...found, { node: site, label: `${name.name}(…) call` }];
  }
  return undefined;
}

function functionName(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id ?? undefined;
  const parent = fn.parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id : undefined;
}

function containsIdentifier(pattern: Node, name: string): boolean {
  switch (pattern.type) {
    case 'Identifier':
      return pattern.name === name;
    case 'AssignmentPattern':
      return containsIdentifier(pattern.left, name);
    case 'RestElement':
      return containsIdentifier(pattern.argument, name);
    case 'TSParameterProperty':
      return containsIdentifier(pattern.parameter, name);
    case 'ObjectPattern':
      return pattern.properties.some((p) => containsIdentifier(p.type === 'Property' ? p.value : p, name));
    case 'ArrayPattern':
      return pattern.elements.some((e) => e !== null && containsIdentifier(e, name));
    default:
      return false;
  }
}
