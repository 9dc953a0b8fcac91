import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { calleeWrittenName, skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import { findVariable, singleDeclarator, type AnalysisContext } from '../scope.js';
import { checkCallName, constantText, isAllowListChoice, isCheckedAt, mentions, type Subject, isMembershipTest, methodOn, regexTestOn } from './guards.js';

/** Calls that reduce a value to a bare file name: no directory part can survive them. */
const FILE_NAME_SANITIZERS = new Set([
  'path.basename', 'path.posix.basename', 'path.win32.basename', 'sanitize-filename', 'filenamify', 'slugify', 'slug', 'uuid.v4', 'crypto.randomUUID',
]);
/** Calls that normalise a path, after which a prefix check is meaningful. */
const NORMALISERS = new Set(['resolve', 'join', 'normalize', 'realpath', 'realpathSync', 'relative']);
/** Names of helper functions that check containment: `isPathInside(child, parent)`, `isSafePath(p)`, `isWithin(root, p)`. */
const CONTAINMENT_NAME = /inside|within|contain|subpath|underroot|underdir|safepath|issafe|isallowed|isvalid|validpath|validatepath|resolvesafe|saferesolve/;
/** Upload middleware fields that hold server-chosen paths (multer, express-fileupload, formidable). */
const SERVER_CHOSEN_FILE_FIELDS = new Set(['path', 'filepath', 'tempFilePath', 'destination', 'filename', 'newFilename', 'md5', 'size']);

/** True when the variable is only ever given normalised paths (`path.resolve(...)`, `fs.realpathSync(...)`). */
function isNormalised(context: AnalysisContext, variable: Subject): boolean {
  if ('text' in variable) return false;
  const values: Node[] = [];
  for (const def of variable.defs) {
    if (def.type === 'Variable' && (def.node as TSESTree.VariableDeclarator).init != null) values.push((def.node as TSESTree.VariableDeclarator).init as Node);
  }
  for (const reference of variable.references) if (reference.writeExpr != null && reference.init !== true) values.push(reference.writeExpr as Node);
  return values.length > 0 && values.every((raw) => {
    let value = skipWrappers(raw);
    if (value.type === 'AwaitExpression') value = skipWrappers(value.argument);
    return value.type === 'CallExpression' && NORMALISERS.has(calleeWrittenName(value) ?? '');
  });
}

/**
 * A check that keeps a path inside its directory: a prefix test of a normalised path
 * (`target.startsWith(ROOT + path.sep)`, `target.indexOf(root) === 0`), a `..` test
 * (`name.includes('..')`, `rel.startsWith('..')`, `/\.\./.test(name)`), a containment helper
 * (`isPathInside(target, root)`), or an allow-list lookup.
 */
export function isPathCheck(context: AnalysisContext, node: Node, variable: Subject): boolean {
  const method = methodOn(context, node, variable);
  if (method !== undefined) {
    const argument = constantText(context, method.argument);
    if ((method.method === 'includes' || method.method === 'indexOf' || method.method === 'startsWith' || method.method === 'match') && argument !== undefined && argument.includes('..')) return true;
    // name.includes('/'), name.includes(path.sep): no separator, no way out of the directory.
    if ((method.method === 'includes' || method.method === 'indexOf') && (argument === '/' || argument === '\\' || (method.argument !== undefined && context.sourceCode.getText(method.argument) === 'path.sep'))) return true;
    if (method.method === 'match' && method.argument !== undefined) {
      const pattern = skipWrappers(method.argument);
      if (pattern.type === 'Literal' && 'regex' in pattern && pattern.regex?.pattern.includes('\\.\\.')) return true;
    }
    if ((method.method === 'startsWith' || method.method === 'indexOf') && argument !== '' && argument !== '/' && isNormalised(context, variable)) return true;
  }
  if (isRelativeEscapeTest(context, node, variable)) return true;
  const comparison = skipWrappers(node);
  // name !== path.basename(name)
  if (comparison.type === 'BinaryExpression' && comparison.left.type !== 'PrivateIdentifier'
    && [comparison.left, comparison.right].some((side) => checkCallName(side) === 'basename' && mentions(context, side, variable))) return true;
  if (comparison.type === 'BinaryExpression' && comparison.left.type !== 'PrivateIdentifier') {
    for (const side of [comparison.left, comparison.right]) {
      const inner = methodOn(context, side, variable);
      if (inner?.method === 'indexOf' && (constantText(context, inner.argument)?.includes('..') === true || isNormalised(context, variable))) return true;
    }
  }
  const pattern = regexTestOn(context, node, variable);
  if (pattern !== undefined && (pattern.includes('\\.\\.') || /^\^.*\$$/.test(pattern))) return true;
  const name = checkCallName(node);
  if (name !== undefined && CONTAINMENT_NAME.test(name)) {
    const call = skipWrappers(node) as TSESTree.CallExpression;
    if (call.arguments.some((argument) => argument.type !== 'SpreadElement' && mentions(context, argument, variable))) return true;
  }
  return isMembershipTest(context, node, variable);
}

/** `rel.startsWith('..')` where `const rel = path.relative(ROOT, target)`: a containment check of `target`. */
function isRelativeEscapeTest(context: AnalysisContext, node: Node, variable: Subject): boolean {
  const call = skipWrappers(node);
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return false;
  const receiver = skipWrappers(call.callee.object);
  if (receiver.type !== 'Identifier' || !constantText(context, call.arguments[0] as Node | undefined)?.includes('..')) return false;
  const relative = findVariable(context, receiver);
  const init = relative === undefined ? undefined : singleDeclarator(relative)?.init;
  const value = init == null ? undefined : skipWrappers(init);
  return value?.type === 'CallExpression' && calleeWrittenName(value) === 'relative'
    && value.arguments.some((argument) => argument.type !== 'SpreadElement' && mentions(context, argument, variable));
}


/** `req.file.path`, `req.files.avatar.tempFilePath`, `upload.filepath`: where the upload middleware stored the file. */
function isServerChosenUploadPath(context: AnalysisContext, node: TSESTree.MemberExpression): boolean {
  const field = staticPropertyName(node);
  if (field === undefined || !SERVER_CHOSEN_FILE_FIELDS.has(field)) return false;
  const text = context.sourceCode.getText(node.object);
  if (/\b(query|body|params|headers|cookies)\b/.test(text)) return false;
  return /\bfiles?\b|upload|attachment|avatar|image|document|\bf\b/i.test(text);
}

/**
 * The path-specific sanitizers for `traceTaint`: a value reduced to a file name, a server-chosen
 * upload path, or a variable whose use is guarded by a containment check.
 */
export function isPathSanitized(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return false;
      const name = calleeWrittenName(node);
      if (name === 'basename' || name === 'randomUUID') return true;
      const resolved = resolveReference(context, callee);
      if (resolved !== undefined && FILE_NAME_SANITIZERS.has(resolved)) return true;
      // path.normalize(p).replace(/^(\.\.(\/|\\|$))+/, ''): leading `..` removed after normalising.
      if ((name === 'replace' || name === 'replaceAll') && callee.type === 'MemberExpression') {
        const receiver = skipWrappers(callee.object);
        const pattern = node.arguments[0] === undefined ? undefined : skipWrappers(node.arguments[0]);
        if (receiver.type === 'CallExpression' && calleeWrittenName(receiver) === 'normalize' && pattern?.type === 'Literal' && 'regex' in pattern && pattern.regex?.pattern.includes('\\.\\.')) return true;
      }
      // name.replace(/[^a-z0-9_-]/gi, ''): every separator removed.
      if (name === 'replace' || name === 'replaceAll') {
        const pattern = node.arguments[0] === undefined ? undefined : skipWrappers(node.arguments[0]);
        const replacement = node.arguments[1] === undefined ? undefined : constantText(context, node.arguments[1]);
        if (pattern?.type === 'Literal' && 'regex' in pattern && pattern.regex !== undefined && /^\[\^[^\]]*\]\+?$/.test(pattern.regex.pattern)
          && !/\/|\\\\|\\[WSD]/.test(pattern.regex.pattern.slice(2)) && replacement !== undefined && !/[./\\]/.test(replacement)) {
          return pattern.regex.flags.includes('g') || name === 'replaceAll';
        }
      }
      return false;
    }
    case 'MemberExpression':
      return isServerChosenUploadPath(context, node) || isCheckedAt(context, node, isPathCheck);
    case 'Identifier':
      return isCheckedAt(context, node, isPathCheck);
    case 'ConditionalExpression':
      return isAllowListChoice(context, node);
    default:
      return false;
  }
}
