import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticPropertyName } from './ast.js';
import { findVariable, patternPath, singleDeclarator, type AnalysisContext } from './scope.js';
import { getStaticValue } from './static-value.js';
import { mayBindName, writesName } from './file-text.js';

/** Names of the global object: `window.eval` and `globalThis.eval` are `eval`. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);
/** Resolution of an expression that denotes the global object itself. */
const GLOBAL_OBJECT = '';
const MAX_DEPTH = 8;

/** `node:fs` and `fs` are one module. */
export function normaliseModuleName(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

/**
 * What a call really calls, as `module.member` after following imports, `require`,
 * namespaces, destructuring, simple aliases and `util.promisify`: `'child_process.exec'`
 * for `exec(...)` after `import { exec } from 'node:child_process'`, `'eval'` for the global
 * `eval`, `'document.write'` for `window.document.write(...)`. Undefined when the callee is a
 * local value the analysis cannot trace (a parameter, a computed member, a call result).
 *
 * A default import counts as the module itself (`import cp from 'child_process'` → `child_process`).
 */
export function resolveCallee(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const resolved = resolveReference(context, call.callee);
  return resolved === GLOBAL_OBJECT ? undefined : resolved;
}

/** The module path an expression denotes (see `resolveCallee`), for callees and values alike. */
export function resolveReference(context: AnalysisContext, node: Node): string | undefined {
  return resolve(context, node, 0);
}

/** The module a `require('x')`, `await import('x')` or `import('x')` expression loads, if constant. */
export function requiredModule(context: AnalysisContext, rawNode: Node): string | undefined {
  let node = skipWrappers(rawNode);
  if (node.type === 'AwaitExpression') node = skipWrappers(node.argument);
  if (node.type === 'ImportExpression') return constantSpecifier(context, node.source);
  if (node.type !== 'CallExpression') return undefined;
  const callee = skipWrappers(node.callee);
  if (callee.type !== 'Identifier' || node.arguments.length !== 1 || !isRequireFunction(context, callee)) return undefined;
  const argument = node.arguments[0];
  return argument === undefined || argument.type === 'SpreadElement' ? undefined : constantSpecifier(context, argument);
}

/** The global `require`, or a local one made by `module.createRequire(import.meta.url)` in ES modules. */
function isRequireFunction(context: AnalysisContext, identifier: TSESTree.Identifier): boolean {
  const variable = findVariable(context, identifier);
  if (variable === undefined) return identifier.name === 'require';
  const declarator = singleDeclarator(variable);
  if (declarator === undefined || declarator.id.type !== 'Identifier' || declarator.init === null) return false;
  const init = skipWrappers(declarator.init);
  return init.type === 'CallExpression' && resolveReference(context, init.callee) === 'module.createRequire';
}

function constantSpecifier(context: AnalysisContext, node: Node): string | undefined {
  const value = getStaticValue(context, node);
  return value !== undefined && typeof value.value === 'string' ? normaliseModuleName(value.value) : undefined;
}

const cache = new WeakMap<Node, string | null>();

function resolve(context: AnalysisContext, rawNode: Node, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(rawNode);
  const cached = cache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  const result = compute(context, node, depth);
  cache.set(node, result ?? null);
  return result;
}

const join = (base: string, member: string): string => (base === GLOBAL_OBJECT ? member : `${base}.${member}`);

function compute(context: AnalysisContext, node: Node, depth: number): string | undefined {
  switch (node.type) {
    case 'Identifier':
      return identifier(context, node, depth);
    case 'MemberExpression': {
      const name = staticPropertyName(node);
      if (name === undefined) return undefined;
      const base = resolve(context, node.object, depth + 1);
      return base === undefined ? undefined : join(base, name);
    }
    case 'ThisExpression':
      return undefined;
    case 'CallExpression': {
      const loaded = requiredModule(context, node);
      if (loaded !== undefined) return loaded;
      const callee = resolve(context, node.callee, depth + 1);
      const first = node.arguments[0];
      // util.promisify(cp.exec) still runs cp.exec; fn.bind(obj) still runs fn.
      if (callee === 'util.promisify' && first !== undefined && first.type !== 'SpreadElement') return resolve(context, first, depth + 1);
      if (node.callee.type === 'MemberExpression' && staticPropertyName(node.callee) === 'bind') return resolve(context, node.callee.object, depth + 1);
      return undefined;
    }
    case 'AwaitExpression':
    case 'ImportExpression':
      return requiredModule(context, node);
    default:
      return undefined;
  }
}

function identifier(context: AnalysisContext, node: TSESTree.Identifier, depth: number): string | undefined {
  const variable = findVariable(context, node);
  if (variable === undefined) return GLOBAL_OBJECTS.has(node.name) ? GLOBAL_OBJECT : node.name;
  const def = variable.defs[0];
  if (def === undefined || variable.defs.length !== 1) return undefined;
  if (def.type === 'ImportBinding') return importBinding(def.node as Node, def.parent as Node | null);
  const declarator = singleDeclarator(variable);
  if (declarator === undefined || declarator.init === null) return undefined;
  const path = patternPath(declarator.id, def.name as TSESTree.Identifier);
  if (path === undefined) return undefined;
  const base = resolve(context, declarator.init, depth + 1);
  if (base === undefined) return undefined;
  return path.reduce(join, base);
}

/** `declaration` is the definition's parent, so no `parent` link on the specifier is needed. */
function importBinding(specifier: Node, declaration: Node | null): string | undefined {
  const source = declaration?.type === 'ImportDeclaration' ? normaliseModuleName(String(declaration.source.value)) : undefined;
  switch (specifier.type) {
    case 'ImportSpecifier': {
      if (source === undefined) return undefined;
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
      return imported === 'default' ? source : `${source}.${imported}`;
    }
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      return source;
    case 'TSImportEqualsDeclaration': {
      const reference = specifier.moduleReference;
      if (reference.type !== 'TSExternalModuleReference' || reference.expression.type !== 'Literal') return undefined;
      return normaliseModuleName(String(reference.expression.value));
    }
    default:
      return undefined;
  }
}

const tailsOf = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
type PerFileAnswers = WeakMap<Node, Map<ReadonlySet<string>, boolean>>;
/** Per file: whether it writes one of a set of names (`mayCallNamed`). */
const namesWritten: PerFileAnswers = new WeakMap();
/** Per file: whether it writes both ends of one of a set of qualified names (`fileMayReach`). */
const qualifiedNamesWritten: PerFileAnswers = new WeakMap();

/** The last segment of each wanted name: what any call reaching it must mention in the file. */
function tails(wanted: ReadonlySet<string>): ReadonlySet<string> {
  let found = tailsOf.get(wanted);
  if (found === undefined) {
    found = new Set([...wanted].map((name) => name.slice(name.lastIndexOf('.') + 1)));
    tailsOf.set(wanted, found);
  }
  return found;
}

/** A question about the file's text, asked once per file and set of names. */
function answeredPerFile(answers: PerFileAnswers, context: AnalysisContext, names: ReadonlySet<string>, ask: () => boolean): boolean {
  const program = context.sourceCode.ast;
  let byFile = answers.get(program);
  if (byFile === undefined) {
    byFile = new Map();
    answers.set(program, byFile);
  }
  let answer = byFile.get(names);
  if (answer === undefined) {
    answer = ask();
    byFile.set(names, answer);
  }
  return answer;
}

/**
 * Whether a call can reach a function whose last name is one of `names`, decided without scope
 * analysis: a file that never writes one of the names cannot call it (an alias is declared with
 * the original name: `import { exec as run }`, `const { execSync: sh } = ...`), and a member
 * call must name it (`x.createHash(...)`). Bare calls may be aliases: those may reach it. Rules
 * ask this before `resolveCallee`, so scope analysis runs only for plausible calls.
 */
export function mayCallNamed(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression, names: ReadonlySet<string>): boolean {
  if (!answeredPerFile(namesWritten, context, names, () => [...names].some((name) => writesName(context, name)))) return false;
  const callee = calledExpression(call);
  if (callee.type === 'MemberExpression') {
    const name = staticPropertyName(callee);
    return name !== undefined && names.has(name);
  }
  // A bare call reaches a wanted function by its own name or through a name bound to it.
  return callee.type === 'Identifier' && (names.has(callee.name) || mayBindName(context, callee.name));
}

/** The function expression a call calls: `(0, cp.exec)(...)`, a bundler's idiom, calls `cp.exec`. */
function calledExpression(call: TSESTree.CallExpression | TSESTree.NewExpression): Node {
  const callee = skipWrappers(call.callee);
  return callee.type === 'SequenceExpression' ? skipWrappers(callee.expressions[callee.expressions.length - 1] ?? callee) : callee;
}

/**
 * Whether the file writes both ends of one of the wanted names: `child_process` and `exec` for
 * `child_process.exec` (a module is imported or required by its name, a global is written by its
 * name). A file full of `re.exec(s)` that never names `child_process` needs no resolution.
 */
function fileMayReach(context: AnalysisContext, wanted: ReadonlySet<string>): boolean {
  return answeredPerFile(qualifiedNamesWritten, context, wanted, () =>
    [...wanted].some((name) => {
      const dot = name.indexOf('.');
      return writesName(context, name.slice(name.lastIndexOf('.') + 1)) && (dot < 0 || writesName(context, name.slice(0, dot)));
    }),
  );
}

/**
 * `resolveCallee`, answered only when the call can reach one of `wanted` (see `mayCallNamed`
 * and `fileMayReach`). A module name built at run time (`require('child_' + 'process')`) is
 * not followed here.
 */
export function resolveCalleeAmong(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression, wanted: ReadonlySet<string>): string | undefined {
  if (!fileMayReach(context, wanted) || !mayCallNamed(context, call, tails(wanted))) return undefined;
  const resolved = resolveReference(context, calledExpression(call));
  return resolved !== undefined && resolved !== GLOBAL_OBJECT && wanted.has(resolved) ? resolved : undefined;
}
