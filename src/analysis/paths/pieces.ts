import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import { isNumericOrBoolean } from '../numeric.js';
import { findVariable, singleDeclarator, type AnalysisContext } from '../scope.js';
import { getStaticValue } from '../static-value.js';

/** A piece of a URL or path expression: text the code fixes, or a value decided at run time. */
export type Piece = { readonly text: string } | { readonly value: Node };

const MAX_DEPTH = 8;

/** `path.join`-like functions: their arguments are joined with `/`. */
const PATH_JOINERS = new Set(['path.join', 'path.resolve', 'path.posix.join', 'path.posix.resolve', 'path.win32.join', 'path.win32.resolve', 'upath.join']);

/**
 * Splits a URL or path expression into constant text and run-time values, in order: through
 * concatenation, template literals, never-reassigned local bindings, `path.join`/`resolve`,
 * `new URL(path, base)`, `String(x)`, `x.toString()` and `x.href`. Numbers and booleans are
 * kept as values (`isNumericOrBoolean` tells them apart).
 */
export function pieces(context: AnalysisContext, node: Node, depth = 0, keep?: (node: Node) => boolean): Piece[] {
  const part = skipWrappers(node);
  const value = getStaticValue(context, part);
  if (value !== undefined && (typeof value.value === 'string' || typeof value.value === 'number')) return [{ text: String(value.value) }];
  if (depth > MAX_DEPTH) return [{ value: part }];
  switch (part.type) {
    case 'TemplateLiteral': {
      const out: Piece[] = [];
      part.quasis.forEach((quasi, i) => {
        const text = quasi.value.cooked ?? quasi.value.raw;
        if (text !== '') out.push({ text });
        const expression = part.expressions[i];
        if (expression !== undefined) out.push(...pieces(context, expression, depth + 1, keep));
      });
      return out;
    }
    case 'BinaryExpression':
      if (part.operator === '+' && !isNumericOrBoolean(context, part)) {
        return [...pieces(context, part.left, depth + 1, keep), ...pieces(context, part.right, depth + 1, keep)];
      }
      break;
    case 'Identifier': {
      // A use the caller treats as checked stays a value: the check is on this use, not on the initialiser.
      if (keep?.(part) === true) break;
      const variable = findVariable(context, part);
      const declarator = variable === undefined ? undefined : singleDeclarator(variable);
      if (declarator?.init != null && declarator.id.type === 'Identifier') return pieces(context, declarator.init, depth + 1, keep);
      break;
    }
    case 'MemberExpression':
      if (staticPropertyName(part) === 'href' && isUrlObject(context, part.object)) return pieces(context, part.object, depth + 1, keep);
      break;
    case 'NewExpression':
      if (resolveReference(context, part.callee) === 'URL') return urlConstructorPieces(context, part, depth, keep);
      break;
    case 'CallExpression': {
      const callee = skipWrappers(part.callee);
      if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'toString' && part.arguments.length === 0) return pieces(context, callee.object, depth + 1, keep);
      const resolved = callee.type === 'Identifier' || callee.type === 'MemberExpression' ? resolveReference(context, callee) : undefined;
      if (resolved === 'String' && part.arguments[0] !== undefined && part.arguments[0].type !== 'SpreadElement') return pieces(context, part.arguments[0], depth + 1, keep);
      if (resolved !== undefined && PATH_JOINERS.has(resolved)) {
        const out: Piece[] = [];
        part.arguments.forEach((argument, i) => {
          if (i > 0) out.push({ text: '/' });
          out.push(...(argument.type === 'SpreadElement' ? [{ value: argument }] : pieces(context, argument, depth + 1, keep)));
        });
        return out;
      }
      break;
    }
    default:
      break;
  }
  return [{ value: part }];
}

function isUrlObject(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'NewExpression') return resolveReference(context, node.callee) === 'URL';
  if (node.type !== 'Identifier') return false;
  const variable = findVariable(context, node);
  const init = variable === undefined ? undefined : singleDeclarator(variable)?.init;
  return init != null && isUrlObject(context, init);
}

/** `new URL(path, base)`: a constant absolute `path` wins; a path starting with one `/` keeps the base's origin. */
function urlConstructorPieces(context: AnalysisContext, node: TSESTree.NewExpression, depth: number, keep: ((node: Node) => boolean) | undefined): Piece[] {
  const [relative, base] = node.arguments;
  if (relative === undefined || relative.type === 'SpreadElement') return [{ value: node }];
  const relativePieces = pieces(context, relative, depth + 1, keep);
  if (base === undefined || base.type === 'SpreadElement') return relativePieces;
  const head = relativePieces[0];
  const headText = head !== undefined && 'text' in head ? head.text : '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(headText)) return relativePieces;
  // new URL('/login', req.url): a constant path under the base's own origin.
  if (relativePieces.every((piece) => 'text' in piece) && /^[/\\](?![/\\])/.test(headText)) return relativePieces;
  // '/path' (not '//host') resolves under the base's origin; so does 'path' and '?query'.
  if (headText.length > 0 && !/^[/\\]{2}/.test(headText) && (headText[0] !== '/' || headText.length > 1 || relativePieces.length === 1)) {
    return [...pieces(context, base, depth + 1, keep), ...relativePieces];
  }
  return [{ value: node }];
}

/** Where a run-time value sits in a URL: in the scheme or host, in the path, or in the query or fragment. */
export type UrlPosition = 'origin' | 'path' | 'query';

export interface PlacedValue {
  readonly node: Node;
  readonly position: UrlPosition;
}

/**
 * The run-time values of a URL expression with where each sits. A value can change the origin
 * when nothing before it fixes one: no constant `scheme://host/`, no `/path` start, and no
 * earlier value followed by a `/` (`${API_BASE}/users/${id}` fixes the origin to API_BASE's).
 */
export function placeUrlValues(context: AnalysisContext, node: Node, relativeIsPath = true, keep?: (node: Node) => boolean): PlacedValue[] {
  const placed: PlacedValue[] = [];
  let prefix = '';
  for (const piece of pieces(context, node, 0, keep)) {
    if ('text' in piece) {
      prefix += piece.text;
      continue;
    }
    placed.push({ node: piece.value, position: positionAfter(prefix, relativeIsPath) });
    prefix += '\u0000';
  }
  return placed;
}

function positionAfter(prefix: string, relativeIsPath: boolean): UrlPosition {
  let rest: string | undefined;
  const absolute = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/?#\\]*([/?#\\].*)?$/is.exec(prefix);
  if (absolute !== null) {
    rest = absolute[1];
    if (rest === undefined) return 'origin';
  } else if (/^[a-z][a-z0-9+.-]*:\/?$/i.test(prefix) || prefix === '' || prefix === '/' || prefix === '\\') {
    return 'origin';
  } else if (prefix.startsWith('\u0000')) {
    // An earlier value is the base: a separator after it fixes the origin.
    const separator = /^\u0000[^/?#]*([/?#].*)$/s.exec(prefix);
    if (separator === null) return 'origin';
    rest = separator[1] ?? '';
  } else if (/^[/\\]/.test(prefix) && !/^[/\\]{2}/.test(prefix)) {
    rest = prefix;
  } else if (relativeIsPath && !prefix.includes(':')) {
    rest = prefix;
  } else {
    return 'origin';
  }
  return /[?#]/.test(rest ?? '') ? 'query' : 'path';
}
