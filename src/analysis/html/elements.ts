import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { findVariable, singleDeclarator, type AnalysisContext } from '../scope.js';
import { getStaticValue } from '../static-value.js';
import { ensureParents } from '../taint/tree.js';

/** DOM interface names and the tag they stand for. */
const INTERFACE_TAGS: ReadonlyMap<string, string> = new Map([
  ['HTMLAnchorElement', 'a'], ['HTMLAreaElement', 'area'], ['HTMLIFrameElement', 'iframe'], ['HTMLFrameElement', 'frame'],
  ['HTMLScriptElement', 'script'], ['HTMLEmbedElement', 'embed'], ['HTMLObjectElement', 'object'], ['HTMLFormElement', 'form'],
  ['HTMLBaseElement', 'base'], ['HTMLLinkElement', 'link'], ['HTMLImageElement', 'img'], ['HTMLButtonElement', 'button'],
]);

/** How sure we are of an element's tag: from code (`createElement('a')`, a type) or only from its variable's name. */
export interface ElementTag {
  readonly tag: string;
  readonly byName: boolean;
}

const NAME_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/iframe/i, 'iframe'],
  [/^(?:script|scriptEl|scriptElement|scriptTag|.+Script(?:El|Element|Tag)?)$/i, 'script'],
  [/^(?:a|anchor|link|.+(?:Anchor|Link))$/, 'a'],
];

const MAX_DEPTH = 6;

/**
 * The HTML tag of the element an expression denotes, when the code says it: `document.createElement('iframe')`,
 * `querySelector('a.download')`, `as HTMLIFrameElement`, a `: HTMLScriptElement` annotation; or, as a last
 * resort, its name (`iframe`, `downloadLink`), marked `byName`.
 */
export function elementTag(context: AnalysisContext, node: Node): ElementTag | undefined {
  return fromCode(context, node, 0) ?? fromName(node);
}

function typeTag(annotation: TSESTree.TypeNode | undefined): string | undefined {
  if (annotation?.type !== 'TSTypeReference' || annotation.typeName.type !== 'Identifier') return undefined;
  return INTERFACE_TAGS.get(annotation.typeName.name);
}

function fromCode(context: AnalysisContext, raw: Node, depth: number): ElementTag | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (raw.type === 'TSAsExpression' || raw.type === 'TSTypeAssertion') {
    const tag = typeTag(raw.typeAnnotation);
    if (tag !== undefined) return { tag, byName: false };
  }
  const node = skipWrappers(raw);
  if (node.type === 'CallExpression') {
    const callee = skipWrappers(node.callee);
    const method = callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
    const first = node.arguments[0];
    const typeArgument = node.typeArguments?.params[0];
    const fromType = typeTag(typeArgument);
    if (fromType !== undefined) return { tag: fromType, byName: false };
    if (first === undefined || first.type === 'SpreadElement') return undefined;
    const text = getStaticValue(context, first)?.value;
    if (typeof text !== 'string') return undefined;
    if (method === 'createElement') return { tag: text.toLowerCase(), byName: false };
    if (method === 'querySelector' || method === 'closest') {
      const tag = /^\s*([a-z][a-z0-9-]*)/i.exec(text)?.[1];
      return tag === undefined ? undefined : { tag: tag.toLowerCase(), byName: false };
    }
    return undefined;
  }
  if (node.type !== 'Identifier') return undefined;
  const variable = findVariable(context, node);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined) return undefined;
  const name = def.name as TSESTree.Identifier;
  const annotated = typeTag(name.typeAnnotation?.typeAnnotation);
  if (annotated !== undefined) return { tag: annotated, byName: false };
  const declarator = singleDeclarator(variable);
  if (declarator === undefined || declarator.id.type !== 'Identifier' || declarator.init === null) return undefined;
  return fromCode(context, declarator.init, depth + 1);
}

function fromName(raw: Node): ElementTag | undefined {
  const node = skipWrappers(raw);
  const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' ? staticPropertyName(node) : undefined;
  if (name === undefined) return undefined;
  for (const [pattern, tag] of NAME_PATTERNS) if (pattern.test(name)) return { tag, byName: true };
  return undefined;
}

/** What a detached anchor is read for when it only parses a URL. */
const URL_PARTS = new Set(['href', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin', 'username', 'password']);

/**
 * `const a = document.createElement('a'); a.href = url; return a.pathname`: an anchor made only
 * to resolve or split a URL. It never enters the document and is never clicked, so a
 * `javascript:` URL in it runs nothing. True when every other use of the variable reads a URL
 * part of it; any other use (appended, clicked, passed along, returned) keeps the sink.
 */
export function isUrlParsingAnchor(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  if (node.type !== 'Identifier') return false;
  const variable = findVariable(context, node);
  const def = variable?.defs[0];
  if (variable === undefined || variable.defs.length !== 1 || def?.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  if (init == null || fromCode(context, init, 0)?.tag !== 'a') return false;
  // Later uses of the variable lie ahead of the walk: their parent links are not set yet.
  ensureParents(context.sourceCode.ast);
  return variable.references.every((reference) => {
    if (reference.init === true) return true;
    const member = reference.identifier.parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) return false;
    const property = staticPropertyName(member);
    if (property === undefined || !URL_PARTS.has(property)) return false;
    // Reading a part, or writing the URL itself (`a.href = url`, the assignment being checked).
    const parent = member.parent;
    return !(parent?.type === 'AssignmentExpression' && parent.left === member && property !== 'href') && !(parent?.type === 'UpdateExpression');
  });
}
