import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findVariable, getStaticValue, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { htmlFlow, unsafeHtmlParts } from '../../src/analysis/html/values.js';
import { ensureParents } from '../../src/analysis/taint/tree.js';
import type { Node } from '../../src/rule/types.js';

/** MIME types for which DOMParser builds elements that can run script once inserted. */
const ACTIVE_TYPES = new Set(['text/html', 'image/svg+xml', 'application/xhtml+xml']);
/** DOM methods that move nodes into a document. */
const INSERTING_METHODS = new Set(['append', 'appendChild', 'prepend', 'replaceWith', 'replaceChildren', 'insertBefore', 'replaceChild', 'after', 'before', 'adoptNode', 'importNode', 'insertAdjacentElement']);
/** Reads that turn the parsed document into text: the usual "strip the tags" idiom. */
const TEXT_READS = new Set(['textContent', 'innerText', 'nodeValue', 'title']);

type Context = Parameters<typeof findVariable>[0];

/**
 * True when the parsed document (or nodes reached from it: `.body.firstChild`, `.body.childNodes`,
 * `querySelector(...)`) is passed to a DOM insertion method, directly or through a local variable.
 */
function reachesDocument(context: Context, start: Node, depth: number): boolean {
  if (depth > 2) return false;
  let node: Node = start;
  for (let parent = node.parent; parent != null; node = parent, parent = parent.parent) {
    if (parent.type === 'MemberExpression' && parent.object === node) {
      const name = staticPropertyName(parent);
      if (name !== undefined && TEXT_READS.has(name)) return false;
      continue;
    }
    if (parent.type === 'CallExpression' && parent.callee === node) continue; // doc.querySelector('x') → element
    if (parent.type === 'SpreadElement' || parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'ChainExpression') continue;
    if (parent.type === 'CallExpression' && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
      // Array.from(doc.body.childNodes), [...nodes]: still the parsed nodes.
      const callee = skipWrappers(parent.callee);
      const method = callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
      if (method !== undefined && INSERTING_METHODS.has(method)) return true;
      if (method === 'from') continue;
      return false;
    }
    if (parent.type === 'ArrayExpression') continue;
    if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') {
      const variable = findVariable(context, parent.id);
      return variable !== undefined && variable.references.some((reference) => reference.init !== true && reachesDocument(context, reference.identifier as Node, depth + 1));
    }
    return false;
  }
  return false;
}

export default defineRule({
  id: 'TSB313',
  name: 'dom-parser-html-insertion',
  title: 'DOMParser.parseFromString on non-constant HTML whose nodes are inserted into the page',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    inserted: '`parseFromString(…, \'{{type}}\')` parses HTML built from non-constant values and its nodes are inserted into the page, where their event handlers run; sanitize with DOMPurify first.',
  },
  docs: {
    why: 'DOMParser builds inert nodes, but moving them into the page (append, replaceChildren, importNode) makes their `onerror`/`onload` handlers, `javascript:` links and SVG scripts live: the same XSS as innerHTML.',
    fix: 'Sanitize the markup with `DOMPurify.sanitize` (it can return a DOM fragment with `RETURN_DOM_FRAGMENT`) before parsing, or build the nodes with `createElement` and `textContent`. Reading `.textContent` of the parsed document is fine.',
    examples: {
      flagged: `export function showSnippet(target: HTMLElement, snippet: string) {\n  const doc = new DOMParser().parseFromString(snippet, 'text/html');\n  target.replaceChildren(...doc.body.childNodes);\n}`,
      safe: `export function plainText(snippet: string) {\n  return new DOMParser().parseFromString(snippet, 'text/html').body.textContent ?? '';\n}`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/API/DOMParser/parseFromString#security_considerations'],
    sources: ['eslint-plugin-no-unsanitized:method'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'parseFromString') return;
        const typeNode = argumentAt(node, 1);
        const type = typeNode === undefined ? undefined : getStaticValue(context, typeNode)?.value;
        if (typeof type !== 'string' || !ACTIVE_TYPES.has(type)) return;
        const html = argumentAt(node, 0);
        if (html === undefined) return;
        const parts = unsafeHtmlParts(context, html);
        if (parts.length === 0) return;
        ensureParents(context.sourceCode.ast);
        if (!reachesDocument(context, node, 0)) return;
        const flow = htmlFlow(context, parts);
        context.report({ node, messageId: 'inserted', data: { type }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
