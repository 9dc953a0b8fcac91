import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { calleeWrittenName, skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import { findVariable, type AnalysisContext } from '../scope.js';
import { constInitializer, isConstantString } from '../static-value.js';
import { ensureParents } from '../taint/tree.js';

/**
 * Values the code-execution rules may treat as fixed by the program even though they are not
 * constants: shell-escaped arguments, names listed from the application's own directories,
 * loop values over constant lists, file contents read from fixed paths.
 */

const MAX_DEPTH = 5;

/** Library escapers that make a value one shell word. */
const SHELL_ESCAPERS = new Set(['shell-quote.quote', 'shell-escape', 'shell-escape.default', 'shescape.quote', 'shescape.quoteAll', 'shescape.escape', 'any-shell-escape', 'escape-shell-arg', 'shell-escape-tag']);
/** Written names of local or vendored escapers: `escapeShellArg(x)`, `shellEscape([x])`, `quoteShellArg(x)`. */
const ESCAPER_NAME = /shell.*(?:escape|quote)|(?:escape|quote).*shell|^shescape$|^shq$/i;

/** True when a dynamic part of a command line went through a shell escaper. */
export function isShellEscaped(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  if (node.type !== 'CallExpression') return false;
  const written = calleeWrittenName(node);
  if (written !== undefined && ESCAPER_NAME.test(written)) return true;
  // shescape instances: new Shescape().quote(x)
  if (written === 'quote' || written === 'quoteAll' || written === 'escape') {
    const resolved = resolveReference(context, node.callee);
    if (resolved !== undefined && SHELL_ESCAPERS.has(resolved)) return true;
    const callee = skipWrappers(node.callee);
    const receiver = callee.type === 'MemberExpression' ? skipWrappers(callee.object) : undefined;
    const receiverText = receiver === undefined ? '' : context.sourceCode.getText(receiver);
    return /shescape/i.test(receiverText);
  }
  const resolved = resolveReference(context, node.callee);
  return resolved !== undefined && SHELL_ESCAPERS.has(resolved);
}

/** Directory listings: their entries are names of files the application ships when the directory is fixed. */
const DIRECTORY_LISTINGS = new Set(['fs.readdirSync', 'fs.readdir', 'fs.promises.readdir', 'fs/promises.readdir', 'fs-extra.readdirSync', 'fs-extra.readdir', 'glob.sync', 'glob.globSync', 'fast-glob.sync', 'fast-glob.globSync', 'globby.globbySync', 'globby.sync']);
/** Array methods whose callback's first parameter is an element of the receiver. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'filter', 'flatMap', 'some', 'every', 'find', 'reduce']);
/** Methods returning (part of) the same list: the elements stay entries of it. */
const LIST_PRESERVING = new Set(['filter', 'sort', 'slice', 'reverse', 'map']);
/** String transforms of an entry that keep it a name from the list (`file.replace('.js', '')`). */
const NAME_TRANSFORMS = new Set(['replace', 'slice', 'substring', 'toLowerCase', 'trim', 'split']);
const PATH_NAME_TRANSFORMS = new Set(['path.basename', 'path.parse', 'path.extname']);

/**
 * True when a list is a directory listing of a path fixed by the program
 * (`fs.readdirSync(path.join(__dirname, 'routes'))`), possibly filtered or sorted, or a
 * constant array literal.
 */
function isTrustedList(context: AnalysisContext, raw: Node, isFixedPath: (node: Node) => boolean, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  let node = skipWrappers(raw);
  if (node.type === 'AwaitExpression') node = skipWrappers(node.argument);
  if (node.type === 'Identifier') {
    const init = constInitializer(context, node);
    return init !== undefined && isTrustedList(context, init, isFixedPath, depth + 1);
  }
  if (node.type === 'ArrayExpression') return node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isConstantString(context, e));
  if (node.type !== 'CallExpression') return false;
  const callee = skipWrappers(node.callee);
  if (callee.type === 'MemberExpression' && LIST_PRESERVING.has(staticPropertyName(callee) ?? '')) {
    // files.map((f) => f.replace('.js', '')) still lists the same names; other maps are unknown.
    if (staticPropertyName(callee) === 'map') {
      const callback = node.arguments[0];
      if (callback === undefined || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression')) return false;
      const body = callback.body.type === 'BlockStatement' ? undefined : callback.body;
      const param = callback.params[0];
      if (body === undefined || param?.type !== 'Identifier' || !derivesFrom(context, body, param.name, depth + 1)) return false;
    }
    return isTrustedList(context, callee.object, isFixedPath, depth + 1);
  }
  const resolved = resolveReference(context, callee);
  if (resolved === undefined || !DIRECTORY_LISTINGS.has(resolved)) return false;
  const directory = node.arguments[0];
  return directory !== undefined && directory.type !== 'SpreadElement' && isFixedPath(directory);
}

/** `name`, `name.replace(...)`, `path.basename(name, '.js')`, `path.parse(name).name`: derived from the entry `name` only. */
function derivesFrom(context: AnalysisContext, raw: Node, name: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = skipWrappers(raw);
  if (node.type === 'Identifier') return node.name === name;
  if (node.type === 'MemberExpression') return derivesFrom(context, node.object, name, depth + 1);
  if (node.type === 'TemplateLiteral') return node.expressions.every((e) => derivesFrom(context, e, name, depth + 1) || isConstantString(context, e));
  if (node.type === 'BinaryExpression' && node.operator === '+') return [node.left, node.right].every((e) => derivesFrom(context, e, name, depth + 1) || isConstantString(context, e));
  if (node.type !== 'CallExpression') return false;
  const callee = skipWrappers(node.callee);
  if (callee.type === 'MemberExpression' && NAME_TRANSFORMS.has(staticPropertyName(callee) ?? '')) return derivesFrom(context, callee.object, name, depth + 1);
  const resolved = resolveReference(context, callee);
  const first = node.arguments[0];
  return resolved !== undefined && PATH_NAME_TRANSFORMS.has(resolved) && first !== undefined && first.type !== 'SpreadElement' && derivesFrom(context, first, name, depth + 1);
}

/**
 * True when an identifier holds an entry of a trusted list: a for-of binding or an element
 * callback's parameter over a fixed directory listing or a constant array.
 */
export function isTrustedListEntry(context: AnalysisContext, raw: Node, isFixedPath: (node: Node) => boolean): boolean {
  const node = skipWrappers(raw);
  let root: Node = node;
  // file.replace('.js', ''), path.basename(file, '.js'), path.parse(file).name
  for (let i = 0; i < MAX_DEPTH && root.type !== 'Identifier'; i++) {
    if (root.type === 'MemberExpression') root = skipWrappers(root.object);
    else if (root.type === 'CallExpression') {
      const callee = skipWrappers(root.callee);
      if (callee.type === 'MemberExpression' && NAME_TRANSFORMS.has(staticPropertyName(callee) ?? '')) root = skipWrappers(callee.object);
      else if (root.arguments[0] !== undefined && root.arguments[0].type !== 'SpreadElement' && PATH_NAME_TRANSFORMS.has(resolveReference(context, callee) ?? '')) root = skipWrappers(root.arguments[0]);
      else return false;
    } else return false;
  }
  if (root.type !== 'Identifier' || !derivesFrom(context, node, root.name, 0)) return false;
  const variable = findVariable(context, root);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined || variable.defs.length !== 1) return false;
  ensureParents(context.sourceCode.ast);
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    const loop = declarator.parent?.parent;
    if (loop?.type === 'ForOfStatement' && declarator.id.type === 'Identifier' && variable.references.every((r) => r.init === true || !r.isWrite())) {
      return isTrustedList(context, loop.right, isFixedPath, 0);
    }
    return false;
  }
  if (def.type !== 'Parameter') return false;
  const fn = def.node as Node;
  if ((fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') || fn.params[0] !== def.name) return false;
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn || call.callee.type !== 'MemberExpression') return false;
  if (!ELEMENT_CALLBACKS.has(staticPropertyName(call.callee) ?? '')) return false;
  return isTrustedList(context, call.callee.object, isFixedPath, 0);
}

/** File reads: the content of a file the application ships is not input. */
const FILE_READS = new Set(['fs.readFileSync', 'fs.readFile', 'fs.promises.readFile', 'fs/promises.readFile', 'fs-extra.readFileSync', 'fs-extra.readFile']);

/**
 * The path argument when a value is the content of a file (`fs.readFileSync(p, 'utf8')`,
 * `await readFile(p)`, `.toString()` of it), written in place or held by a constant binding.
 */
export function fileContentPath(context: AnalysisContext, raw: Node, depth = 0): Node | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let node = skipWrappers(raw);
  if (node.type === 'AwaitExpression') node = skipWrappers(node.argument);
  if (node.type === 'Identifier') {
    const init = constInitializer(context, node);
    return init === undefined ? undefined : fileContentPath(context, init, depth + 1);
  }
  if (node.type !== 'CallExpression') return undefined;
  const callee = skipWrappers(node.callee);
  if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'toString') return fileContentPath(context, callee.object, depth + 1);
  const resolved = resolveReference(context, callee);
  const path = node.arguments[0];
  return resolved !== undefined && FILE_READS.has(resolved) && path !== undefined && path.type !== 'SpreadElement' ? path : undefined;
}
