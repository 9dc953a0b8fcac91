import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, findTaintFlow, findVariable, resolveCallee, singleDeclarator, skipWrappers, staticPropertyName, stringParts } from '../../src/analysis/index.js';

/** Browser worker constructors (not worker_threads, whose `eval: true` TSB112 covers). */
const WORKERS = new Set(['Worker', 'SharedWorker']);
const CREATE_OBJECT_URL = new Set(['URL.createObjectURL', 'webkitURL.createObjectURL']);

export default defineRule({
  id: 'TSB812',
  name: 'worker-from-code',
  title: 'Web Worker started from a data: or blob: URL holding code built at run time',
  cwe: [94],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    dynamicWorkerCode: '`new {{worker}}` runs code assembled at run time ({{how}}) with this page\'s origin: like eval, text from a URL, a message or storage becomes script. Load the worker from a constant script URL and send it data with postMessage.',
  },
  docs: {
    why: 'A worker created from a `blob:` URL runs with the page\'s origin: it can call the same APIs with the user\'s cookies, read IndexedDB and post results back. Building its source from strings that include data (a URL parameter, a message, a server response) is `eval` by another name, and bypasses a Content-Security-Policy that forbids `unsafe-eval` when `worker-src blob:` is allowed.',
    fix: 'Start workers from a constant script (`new Worker(new URL("./worker.js", import.meta.url))`) and pass values with `postMessage`. Inlining a local function with `fn.toString()` is not reported.',
    examples: {
      flagged: `export function runFormula(formula: string) {\n  const blob = new Blob([\`postMessage(\${formula});\`], { type: 'text/javascript' });\n  return new Worker(URL.createObjectURL(blob));\n}`,
      safe: `export function runFormula(formula: string) {\n  const worker = new Worker(new URL('./formula-worker.js', import.meta.url));\n  worker.postMessage({ formula });\n  return worker;\n}`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/API/Worker/Worker', 'https://w3c.github.io/webappsec-csp/#directive-worker-src'],
  },
  create(context) {
    /** Follows a local `const` to its initialiser (a few hops). */
    const valueOf = (raw: TSESTree.Node): TSESTree.Node => {
      let node = skipWrappers(raw);
      for (let i = 0; i < 3 && node.type === 'Identifier'; i++) {
        const variable = findVariable(context, node);
        const declarator = variable === undefined ? undefined : singleDeclarator(variable);
        if (declarator?.init == null || declarator.id.type !== 'Identifier') break;
        node = skipWrappers(declarator.init);
      }
      return node;
    };
    /** `fn.toString()`, `String(fn)`, `` `(${fn})()` `` of a local function: inlining code, not data. */
    const isFunctionSource = (raw: TSESTree.Node): boolean => {
      let node = skipWrappers(raw);
      if (node.type === 'CallExpression') {
        const callee = skipWrappers(node.callee);
        if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'toString') node = skipWrappers(callee.object);
        else if (callee.type === 'Identifier' && callee.name === 'String' && node.arguments[0] !== undefined) node = skipWrappers(node.arguments[0]);
      }
      const value = valueOf(node);
      if (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression' || value.type === 'FunctionDeclaration') return true;
      if (node.type === 'Identifier') {
        const def = findVariable(context, node)?.defs[0];
        // A function declaration, or an imported module's text (`import code from './worker.js?raw'`).
        return def?.type === 'FunctionName' || def?.type === 'ImportBinding';
      }
      return false;
    };
    const dynamicParts = (pieces: readonly TSESTree.Node[]): TSESTree.Node[] =>
      pieces.flatMap((piece) => stringParts(context, piece).dynamicParts).filter((part) => !isFunctionSource(part));

    const blobParts = (raw: TSESTree.Node): TSESTree.Node[] | undefined => {
      const blob = valueOf(raw);
      if (blob.type !== 'NewExpression' || calleeWrittenName(blob) !== 'Blob') return undefined;
      const list = argumentAt(blob, 0);
      const array = list === undefined ? undefined : valueOf(list);
      if (array?.type !== 'ArrayExpression') return undefined;
      return array.elements.filter((e): e is TSESTree.Expression => e !== null && e.type !== 'SpreadElement');
    };

    return {
      NewExpression(node) {
        const worker = calleeWrittenName(node);
        if (worker === undefined || !WORKERS.has(worker)) return;
        const resolved = resolveCallee(context, node);
        if (resolved === undefined || !WORKERS.has(resolved)) return;
        const script = argumentAt(node, 0);
        if (script === undefined) return;
        const url = valueOf(script);
        let parts: TSESTree.Node[] = [];
        let how: string;
        if (url.type === 'CallExpression' && CREATE_OBJECT_URL.has(resolveCallee(context, url) ?? '')) {
          const blob = argumentAt(url, 0);
          const pieces = blob === undefined ? undefined : blobParts(blob);
          if (pieces === undefined) return;
          parts = dynamicParts(pieces);
          how = 'a Blob of built source';
        } else {
          const { constantText } = stringParts(context, script);
          if (!/^\s*data:/i.test(constantText)) return;
          parts = dynamicParts([script]);
          how = 'a data: URL';
        }
        if (parts.length === 0) return;
        const flow = parts.map((part) => findTaintFlow(context, part)).find((f) => f !== undefined);
        context.report({ node, messageId: 'dynamicWorkerCode', data: { worker, how }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
