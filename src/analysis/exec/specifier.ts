import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import type { AnalysisContext } from '../scope.js';
import { stringParts } from '../string-parts.js';
import { isTrustedListEntry } from './trusted.js';

/**
 * What a module specifier (`require(x)`, `import(x)`, `fork(x)`) is built from. Locations the
 * program itself decides (`__dirname`, `process.cwd()`, `import.meta.url`) are not input, so
 * `require(path.join(__dirname, 'config.json'))` is constant for this question while
 * `require(path.join(__dirname, 'plugins', name))` has one dynamic part, `name`.
 */
export interface SpecifierParts {
  /** Parts that may carry run-time text chosen outside the program. */
  readonly dynamicParts: readonly Node[];
  /** True when the specifier starts with a constant relative path (`./locales/`, `../pages/`) or a fixed directory. */
  readonly anchored: boolean;
}

const MAX_DEPTH = 6;

/** Path and URL helpers whose result is built from their arguments. */
const PATH_BUILDERS = new Set(['path.join', 'path.resolve', 'path.normalize', 'path.dirname', 'path.posix.join', 'path.posix.resolve', 'path.win32.join', 'path.win32.resolve', 'url.pathToFileURL', 'url.fileURLToPath', 'URL']);
/** Globals naming where the program lives, not what a user typed. */
const PROGRAM_LOCATIONS = new Set(['__dirname', '__filename', 'process.cwd', 'process.execPath']);
const IMPORT_META_LOCATIONS = new Set(['url', 'dirname', 'filename', 'resolve']);

function isProgramLocation(context: AnalysisContext, node: Node): boolean {
  if (node.type === 'Identifier' && (node.name === '__dirname' || node.name === '__filename')) return resolveReference(context, node) === node.name;
  if (node.type === 'MemberExpression' && node.object.type === 'MetaProperty') return IMPORT_META_LOCATIONS.has(staticPropertyName(node) ?? '');
  if (node.type === 'CallExpression') {
    const callee = skipWrappers(node.callee);
    // import.meta.resolve('./x'), process.cwd(), require.resolve('./x')
    if (callee.type === 'MemberExpression' && callee.object.type === 'MetaProperty') return true;
    const resolved = resolveReference(context, callee);
    return resolved !== undefined && PROGRAM_LOCATIONS.has(resolved);
  }
  const resolved = resolveReference(context, node);
  return resolved !== undefined && PROGRAM_LOCATIONS.has(resolved);
}

/** `path.join(a, b)`, `new URL(a, base)`, `pathToFileURL(a).href`: the arguments the path is built from. */
function builtFrom(context: AnalysisContext, node: Node): Node[] | undefined {
  let current = node;
  // new URL(...).href, pathToFileURL(x).href, pathToFileURL(x).toString()
  if (current.type === 'MemberExpression' && (staticPropertyName(current) === 'href' || staticPropertyName(current) === 'pathname')) current = skipWrappers(current.object);
  if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && staticPropertyName(current.callee) === 'toString' && current.arguments.length === 0) current = skipWrappers(current.callee.object);
  if (current.type !== 'CallExpression' && current.type !== 'NewExpression') return undefined;
  if (current.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  const resolved = resolveReference(context, current.callee);
  return resolved !== undefined && PATH_BUILDERS.has(resolved) ? (current.arguments as Node[]) : undefined;
}

export function specifierParts(context: AnalysisContext, node: Node): SpecifierParts {
  const dynamicParts: Node[] = [];
  let anchored = false;
  let first = true;
  const visit = (raw: Node, depth: number): void => {
    const parts = stringParts(context, raw);
    if (first) {
      first = false;
      anchored = /^\s*(?:\.{1,2}\/|\/|[A-Za-z]:\\|@?[\w.-]+\/)/.test(parts.constantText) && parts.constantText.trim() !== '';
    }
    for (const part of parts.dynamicParts) {
      const inner = skipWrappers(part);
      if (isProgramLocation(context, inner)) continue;
      // require(path.join(__dirname, 'routes', file)) for each file of fs.readdirSync(path.join(__dirname, 'routes'))
      if (depth < MAX_DEPTH && isTrustedListEntry(context, inner, (path) => specifierParts(context, path).dynamicParts.length === 0)) continue;
      const pieces = depth < MAX_DEPTH ? builtFrom(context, inner) : undefined;
      if (pieces === undefined) {
        dynamicParts.push(inner);
        continue;
      }
      const [head] = pieces;
      if (head !== undefined && isProgramLocation(context, skipWrappers(head))) anchored = true;
      for (const piece of pieces) visit(piece, depth + 1);
    }
  };
  visit(node, 0);
  return { dynamicParts, anchored };
}

/** How sure a finding on a dynamic specifier is: a visible flow from input, an open specifier, or one anchored under a fixed directory. */
export function specifierConfidence(parts: SpecifierParts, tainted: boolean): 'high' | 'medium' | 'low' {
  if (tainted) return 'high';
  return parts.anchored ? 'low' : 'medium';
}
