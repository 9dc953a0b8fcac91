import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticKeyName, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import { isNumericOrBoolean } from '../numeric.js';
import { findVariable, localFunction, patternPath, type AnalysisContext } from '../scope.js';
import {
  FILE_READ_CALLS,
  GLOBAL_SOURCES,
  NON_SOURCE_GLOBAL_MEMBERS,
  PASS_THROUGH_CONSTRUCTORS,
  PASS_THROUGH_FUNCTIONS,
  PASS_THROUGH_METHODS,
  REQUEST_DATA_METHODS,
  REQUEST_DATA_PROPERTIES,
  ROUTE_DATA_PROPERTIES,
  ROUTE_HOOKS,
  SOURCE_PARAMETER_DECORATORS,
  URL_HOOKS,
  STORAGE_READS,
  WEAK_GLOBAL_SOURCES,
} from '../sources.js';
import { isConfiguredSource } from '../extensions.js';
import { isMessageListener, isNextEntryPattern, isRequestObject, isRouteHandler, isSourceMember } from './source-members.js';
import { isSanitizingReplace } from './sanitizing-replace.js';
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
  /**
   * True when the source is a weak one (`process.env`, an uploaded file's content), found only
   * with `weakSources`: a rule should not raise its confidence to high for it.
   */
  readonly weak?: boolean;
}

export interface TaintOptions {
  /** A sink-specific sanitizer (`path.basename` for paths, `escapeHtml` for HTML): stops the flow. */
  readonly isSanitized?: (context: AnalysisContext, node: Node) => boolean;
  /** Also follow weak sources: `process.env`, and `fs.readFile` of a path from the request. Off by default. */
  readonly weakSources?: boolean;
}

const PASS_THROUGH_TAILS = new Set([...PASS_THROUGH_FUNCTIONS].map((name) => name.slice(name.lastIndexOf('.') + 1)));

/**
 * Caps that keep the analysis linear-ish (documented in docs/taint.md):
 * - `maxDepth`: how deep one question may recurse through expressions and variables;
 * - `maxVisits`: how many nodes one question may visit in all;
 * - `maxCallDepth`: how many local-function boundaries it follows (return values of helpers,
 *   call sites of a parameter's function, `.then` callbacks).
 * Past a cap the answer is "no flow known" and the rule keeps its non-taint confidence (medium:
 * the finding is still reported). A direct flow (the source written in the sink's own
 * expression, or one variable away) needs depth 1-3 and a handful of visits, so it is always
 * found: the sources are checked before anything else at each node.
 */
export const TAINT_LIMITS = { maxDepth: 64, maxVisits: 400, maxCallDepth: 3 } as const;

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
  if (steps === undefined) return undefined;
  return weakSteps.has(steps[0]!) ? { steps, weak: true } : { steps };
}

/** First steps of flows that start at a weak source. */
const weakSteps = new WeakSet<FlowStep>();
const weakSource = (node: Node, text: string): Steps => {
  const step = { node, label: text };
  weakSteps.add(step);
  return [step];
};

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
      return member(state, node, depth);
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

function member(state: State, node: TSESTree.MemberExpression, depth: number): Steps | undefined {
  const { context } = state;
  // Built-in sources, then the sources a config adds (`analysis.sources`).
  if (isSourceMember(context, node) || isConfiguredSource(context, node)) return [{ node, label: label(state, node) }];
  const property = staticPropertyName(node);
  const object = skipWrappers(node.object);
  // r.query inside `function getQuery(r) { return r.query.q }` called as getQuery(req)
  if (property !== undefined && REQUEST_DATA_PROPERTIES.has(property) && object.type === 'Identifier' && isRequestAlias(state, object)) {
    return [{ node, label: label(state, node) }];
  }
  // const router = useRouter(); router.query.next (Next.js pages router, Vue Router's useRoute())
  if (property !== undefined && ROUTE_DATA_PROPERTIES.has(property) && isRouteHookResult(state, object)) return [{ node, label: label(state, node) }];
  const global = object.type === 'Identifier' || object.type === 'MemberExpression' ? resolveReference(context, node) : undefined;
  if (global !== undefined) {
    if (NON_SOURCE_GLOBAL_MEMBERS.has(global)) return undefined;
    if (state.options.weakSources === true && [...WEAK_GLOBAL_SOURCES].some((name) => global === name || global.startsWith(`${name}.`))) return weakSource(node, label(state, node));
  }
  const inner = trace(state, node.object, depth);
  // Name the source by the property read: `req.query.id`, not `req.query`.
  if (inner?.length === 1 && inner[0]!.node === object && property !== undefined && object.type === 'MemberExpression') {
    return weakSteps.has(inner[0]!) ? weakSource(node, label(state, node)) : [{ node, label: label(state, node) }];
  }
  return inner;
}

/** `useRouter()` / `useRoute()` (resolved to the router package), directly or through a `const`. */
function isRouteHookResult(state: State, raw: Node): boolean {
  let node = skipWrappers(raw);
  if (node.type === 'Identifier') {
    const variable = findVariable(state.context, node);
    const def = variable?.defs[0];
    const declarator = def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator) : undefined;
    if (declarator?.init == null || declarator.id.type !== 'Identifier') return false;
    node = skipWrappers(declarator.init);
  }
  if (node.type !== 'CallExpression') return false;
  const callee = skipWrappers(node.callee);
  if (callee.type !== 'Identifier' || (callee.name !== 'useRouter' && callee.name !== 'useRoute' && !/^use/.test(callee.name))) return false;
  const resolved = resolveReference(state.context, callee);
  return resolved !== undefined && ROUTE_HOOKS.has(resolved);
}

/** A parameter that stands for a request object: bound to one at this call, or given one by a call site in this file. */
function isRequestAlias(state: State, identifier: TSESTree.Identifier): boolean {
  const variable = findVariable(state.context, identifier);
  if (variable === undefined) return false;
  const bound = state.bindings.get(variable);
  if (bound !== undefined) return isRequestObject(state.context, bound);
  const def = variable.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node as Node)) return false;
  const fn = def.node as FunctionNode;
  const index = fn.params.indexOf(def.name as TSESTree.Parameter);
  if (index < 0) return false;
  return callSites(state.context, fn).some((site) => {
    const argument = site.arguments[index];
    return argument !== undefined && argument.type !== 'SpreadElement' && isRequestObject(state.context, argument);
  });
}

function call(state: State, node: TSESTree.CallExpression, depth: number): Steps | undefined {
  if (isConfiguredSource(state.context, node)) return [{ node, label: label(state, node) }];
  const callee = skipWrappers(node.callee);
  if (callee.type === 'MemberExpression') {
    const method = staticPropertyName(callee);
    const receiver = skipWrappers(callee.object);
    if (method !== undefined && REQUEST_DATA_METHODS.has(method) && isRequestObject(state.context, receiver)) {
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
    // x.replace(/[^a-z0-9_-]/g, ''): only harmless characters are left
    if ((method === 'replace' || method === 'replaceAll') && isSanitizingReplace(node)) return undefined;
    if (method !== undefined && PASS_THROUGH_METHODS.has(method)) return first(state, [callee.object, ...node.arguments], depth);
    // promise.then(v => v.trim()): what the callback returns, its parameter being the promise's value
    if (method === 'then') return thenResult(state, node, callee.object, depth);
    if (method === 'catch' || method === 'finally') return trace(state, callee.object, depth);
  }
  const written = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  // useSearchParams(), useParams(): the URL's data in a client component
  if (written !== undefined && written.startsWith('use') && (written.endsWith('Params') || written === 'useSearch')) {
    const resolved = resolveReference(state.context, callee);
    if (resolved !== undefined && URL_HOOKS.has(resolved)) return [{ node, label: label(state, node) }];
  }
  if (written !== undefined && PASS_THROUGH_TAILS.has(written)) {
    const resolved = resolveReference(state.context, callee);
    if (resolved !== undefined && PASS_THROUGH_FUNCTIONS.has(resolved)) return first(state, node.arguments, depth);
  }
  // fs.readFileSync(req.file.path): an uploaded file's content (a weak source)
  if (state.options.weakSources === true && written !== undefined && (written === 'readFile' || written === 'readFileSync')) {
    const resolved = resolveReference(state.context, callee);
    if (resolved !== undefined && FILE_READ_CALLS.has(resolved) && trace(state, node.arguments[0], depth) !== undefined) return weakSource(node, label(state, node));
  }
  return localCallResult(state, node, depth);
}

/** `p.then(cb)`: with an inline callback, what it returns (its first parameter bound to `p`); otherwise `p`'s value. */
function thenResult(state: State, node: TSESTree.CallExpression, promise: Node, depth: number): Steps | undefined {
  const callback = node.arguments[0] === undefined ? undefined : skipWrappers(node.arguments[0]);
  if (!isFunction(callback)) return trace(state, promise, depth);
  if (state.callDepth >= TAINT_LIMITS.maxCallDepth) return undefined;
  const bindings = new Map(state.bindings);
  const param = callback.params[0];
  const variable = param?.type === 'Identifier' ? findVariable(state.context, param) : undefined;
  if (variable !== undefined) bindings.set(variable, promise);
  return first({ ...state, bindings, callDepth: state.callDepth + 1 }, returnedExpressions(callback), depth);
}

/** `build(req.query.q)` where `build` is a function of this file: what its returns carry, with parameters bound to the arguments. */
function localCallResult(state: State, node: TSESTree.CallExpression, depth: number): Steps | undefined {
  if (state.callDepth >= TAINT_LIMITS.maxCallDepth) return undefined;
  const fn = calledFunction(state.context, node.callee);
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

/** The function a call runs when the file declares it: a local function, or `this.method` of the enclosing class. */
function calledFunction(context: AnalysisContext, rawCallee: Node): FunctionNode | undefined {
  const callee = skipWrappers(rawCallee);
  return callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression' ? thisMethod(context, callee) : localFunction(context, callee);
}

/** `this.build(...)` inside a class: the class's own method `build`, if declared once. */
function thisMethod(context: AnalysisContext, callee: TSESTree.MemberExpression): FunctionNode | undefined {
  const name = staticPropertyName(callee);
  if (name === undefined) return undefined;
  ensureParents(context.sourceCode.ast);
  const body = enclosingClassBody(callee);
  if (body === undefined) return undefined;
  const methods = body.body.filter((m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'method' && staticKeyName(m) === name);
  const value = methods.length === 1 ? methods[0]!.value : undefined;
  return value?.type === 'FunctionExpression' ? value : undefined;
}

/** The body of the class whose methods' `this` a node sees (arrow functions keep the outer `this`). */
function enclosingClassBody(node: Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === 'ClassBody') return current;
    if (current.type === 'FunctionDeclaration' || (current.type === 'FunctionExpression' && current.parent?.type !== 'MethodDefinition' && current.parent?.type !== 'PropertyDefinition')) return undefined;
  }
  return undefined;
}

const callSitesCache = new WeakMap<FunctionNode, TSESTree.CallExpression[]>();

/**
 * The calls of a local function in this file: `f(...)` for a declared or `const` function,
 * `this.f(...)` inside the class for a method.
 */
function callSites(context: AnalysisContext, fn: FunctionNode): TSESTree.CallExpression[] {
  const cached = callSitesCache.get(fn);
  if (cached !== undefined) return cached;
  ensureParents(context.sourceCode.ast);
  const sites: TSESTree.CallExpression[] = [];
  const name = functionName(fn);
  if (name !== undefined) {
    for (const reference of findVariable(context, name)?.references ?? []) {
      const site = reference.identifier.parent;
      if (site?.type === 'CallExpression' && site.callee === reference.identifier) sites.push(site);
    }
  } else if (fn.parent?.type === 'MethodDefinition' && fn.parent.parent?.type === 'ClassBody') {
    const method = staticKeyName(fn.parent);
    const body = fn.parent.parent;
    if (method !== undefined) {
      // One walk of the class body per method asked about, memoised.
      const stack: Node[] = [body];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'ThisExpression' && staticPropertyName(node.callee) === method) sites.push(node);
        for (const child of childNodes(node)) stack.push(child);
      }
    }
  }
  callSitesCache.set(fn, sites);
  return sites;
}

function childNodes(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (item !== null && typeof item === 'object' && typeof (item as Node).type === 'string') out.push(item as Node);
    } else if (value !== null && typeof value === 'object' && typeof (value as Node).type === 'string') {
      out.push(value as Node);
    }
  }
  return out;
}

/** Methods that put their arguments into the receiver: `parts.push(x)`, `params.append('q', x)`, `map.set(k, x)`. */
const MUTATING_METHODS = new Set(['push', 'unshift', 'append', 'set', 'add', 'splice']);

/**
 * Values put into a variable's object or array after its declaration: `o.x = v`, `parts.push(v)`,
 * `Object.assign(o, v)`.
 */
function mutation(state: State, variable: Variable, depth: number): Steps | undefined {
  for (const reference of variable.references) {
    const id = reference.identifier as Node;
    const parent = id.parent;
    if (parent?.type === 'MemberExpression' && parent.object === id) {
      const outer = parent.parent;
      if (outer?.type === 'AssignmentExpression' && outer.left === parent) {
        const found = trace(state, outer.right, depth);
        if (found !== undefined) return [...found, { node: parent, label: label(state, parent) }];
      }
      const method = staticPropertyName(parent);
      if (outer?.type === 'CallExpression' && outer.callee === parent && method !== undefined && MUTATING_METHODS.has(method)) {
        const found = first(state, outer.arguments, depth);
        if (found !== undefined) return [...found, { node: outer, label: `${variable.name}.${method}()` }];
      }
    }
    if (parent?.type === 'CallExpression' && parent.arguments[0] === id && parent.arguments.length > 1 && calleeIs(state, parent, 'Object.assign')) {
      const found = first(state, parent.arguments.slice(1), depth);
      if (found !== undefined) return [...found, { node: parent, label: 'Object.assign()' }];
    }
  }
  return undefined;
}

function calleeIs(state: State, call: TSESTree.CallExpression, wanted: string): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== wanted.slice(wanted.lastIndexOf('.') + 1)) return false;
  return resolveReference(state.context, callee) === wanted;
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
    const path = patternPath(declarator.id, variableDef.name as TSESTree.Identifier);
    if (path === undefined && declarator.id.type !== 'ArrayPattern') continue;
    // const { query } = req; const { body: { name } } = ctx.request
    if (path !== undefined && path.length > 0 && destructuresRequestData(state.context, init, path[0]!)) {
      return [{ node: init, label: `${label(state, init)}.${path[0]}` }, { node: variableDef.name as Node, label: node.name }];
    }
    const found = trace(state, init, depth);
    if (found === undefined) continue;
    // const { name } = req.body: the source is `req.body.name`
    const whole = found.length === 1 && found[0]!.node === unawaited(init) && path !== undefined && path.length > 0 && !weakSteps.has(found[0]!);
    const steps = whole ? [{ node: init, label: `${found[0]!.label}.${path.join('.')}` }] : found;
    return [...steps, { node: variableDef.name as Node, label: node.name }];
  }
  for (const reference of variable.references) {
    if (reference.init === true || !reference.isWrite() || reference.writeExpr === null || reference.writeExpr === undefined) continue;
    const found = trace(state, reference.writeExpr as Node, depth);
    if (found !== undefined) return [...found, { node: reference.identifier as Node, label: node.name }];
  }
  const mutated = mutation(state, variable, depth);
  return mutated === undefined ? undefined : [...mutated, { node, label: node.name }];
}

const unawaited = (node: Node): Node => {
  const inner = skipWrappers(node);
  return inner.type === 'AwaitExpression' ? skipWrappers(inner.argument) : inner;
};

/** `{ body } = req`, `{ request: { body } } = ctx`: the first key names request data of a request object. */
function destructuresRequestData(context: AnalysisContext, init: Node, key: string): boolean {
  const object = skipWrappers(init);
  if (REQUEST_DATA_PROPERTIES.has(key)) return isRequestObject(context, object);
  return key === 'request' && object.type === 'Identifier' && isRequestObject(context, object);
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
  if (param.type === 'ObjectPattern' || (param.type === 'AssignmentPattern' && param.left.type === 'ObjectPattern')) {
    const pattern = param.type === 'AssignmentPattern' ? param.left : param;
    const path = patternPath(pattern, variable.defs[0]!.name as TSESTree.Identifier);
    // Next.js `({ searchParams })`, `(req, { params })`
    if (path?.length === 1 && isNextEntryPattern(fn, variable.name)) return [{ node: param, label: variable.name }];
    // addEventListener('message', ({ data }) => ...)
    if (path?.[0] === 'data' && isMessageListener(fn)) return [{ node: param, label: `message event ${path.join('.')}` }];
    // app.post('/', ({ body }, res) => ...)
    if (path !== undefined && path.length > 0 && REQUEST_DATA_PROPERTIES.has(path[0]!) && index === 0 && isRouteHandler(fn)) return [{ node: param, label: `request ${path.join('.')}` }];
  }
  // promise.then((value) => ...): the value is the promise's
  const parent = fn.parent;
  if (parent?.type === 'CallExpression' && parent.arguments[0] === fn && index === 0) {
    const method = parent.callee.type === 'MemberExpression' ? staticPropertyName(parent.callee) : undefined;
    if (method === 'then' && parent.callee.type === 'MemberExpression') return trace(state, parent.callee.object, depth);
  }
  // Call sites of a local function (or of a method, through this.method(...)): any of them passing input for this parameter.
  if (state.callDepth >= TAINT_LIMITS.maxCallDepth || param.type !== 'Identifier') return undefined;
  for (const site of callSites(context, fn)) {
    const argument = site.arguments[index];
    if (argument === undefined || argument.type === 'SpreadElement') continue;
    const found = trace({ ...state, callDepth: state.callDepth + 1 }, argument, depth);
    if (found !== undefined) return [...found, { node: site, label: `${label(state, site.callee)}(…) call` }];
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
