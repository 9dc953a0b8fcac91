import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findVariable, getStaticValue, singleDeclarator, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { isFunction, type FunctionNode } from '../../src/analysis/taint/tree.js';

/** Receivers whose `message` events come from other windows: the page's own window. */
const WINDOW_NAMES = new Set(['window', 'globalThis', 'top']);
/** Source text of a worker script: there, `message` events come from the page that started it. */
const WORKER_FILE = /\bimportScripts\s*\(|\bWorkerGlobalScope\b|\bself\.postMessage\s*\(|\bregisterServiceWorker\b|\bclients\.claim\s*\(/;
const CHECKS_SENDER = /\borigin\b|\.source\b|\bsource\s*[!=]==?|\{[^}]*\bsource\b[^}]*\}\s*=/;

export default defineRule({
  id: 'TSB810',
  name: 'message-listener-origin-check',
  title: 'Window message listener uses event.data without checking event.origin',
  cwe: [346],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 6.1,
  recommended: true,
  messages: {
    noOriginCheck: 'This `message` listener reads `{{param}}.data` without checking `{{param}}.origin`: any page that can get a reference to this window (a frame, an opener, a popup) can send it messages. Compare the origin with an allow-list first.',
  },
  docs: {
    why: 'Any window can call `postMessage` on a window it holds a reference to: a page that opens yours in a popup or frames it. A listener that acts on `event.data` without checking `event.origin` (or `event.source`) lets such a page drive it: change state, trigger navigation, inject HTML, or receive replies with secrets.',
    fix: 'Start the listener with `if (event.origin !== "https://trusted.example.com") return;` (or check an allow-list, or compare `event.source` with the frame you expect), then validate `event.data`. Workers\' own message handlers are not reported.',
    examples: {
      flagged: `window.addEventListener('message', (event) => {\n  document.title = String(event.data.title);\n});`,
      safe: `window.addEventListener('message', (event) => {\n  if (event.origin !== 'https://app.example.com') return;\n  document.title = String(event.data.title);\n});`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/API/Window/postMessage#security_concerns', 'https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#web-messaging'],
    sources: ['semgrep:javascript.browser.security.insufficient-postmessage-origin-validation'],
  },
  create(context) {
    let workerFile: boolean | undefined;
    const isWorkerFile = (): boolean => (workerFile ??= /worker/i.test(context.filename) || WORKER_FILE.test(context.sourceCode.text));

    /** The listener function: inline, or a local function or const referenced by name. */
    const listenerOf = (raw: TSESTree.Node | undefined): FunctionNode | undefined => {
      if (raw === undefined) return undefined;
      const node = skipWrappers(raw);
      if (isFunction(node)) return node;
      if (node.type !== 'Identifier') return undefined;
      const variable = findVariable(context, node);
      const def = variable?.defs[0];
      if (variable === undefined || def === undefined) return undefined;
      if (def.type === 'FunctionName' && isFunction(def.node as TSESTree.Node)) return def.node as FunctionNode;
      const declarator = singleDeclarator(variable);
      const init = declarator?.init == null ? undefined : skipWrappers(declarator.init);
      return isFunction(init) ? init : undefined;
    };

    const check = (report: TSESTree.Node, handler: TSESTree.Node | undefined): void => {
      if (isWorkerFile()) return;
      const fn = listenerOf(handler);
      if (fn === undefined) return;
      const param = fn.params[0];
      if (param === undefined) return;
      const body = context.sourceCode.getText(fn.body);
      if (param.type === 'ObjectPattern') {
        const names = param.properties.map((p) => (p.type === 'Property' && p.key.type === 'Identifier' ? p.key.name : ''));
        if (!names.includes('data') || names.includes('origin') || names.includes('source')) return;
        if (CHECKS_SENDER.test(body)) return;
        context.report({ node: report, messageId: 'noOriginCheck', data: { param: 'event' } });
        return;
      }
      const name = param.type === 'Identifier' ? param.name : undefined;
      if (name === undefined) return;
      const escaped = name.replace(/\$/g, '\\$');
      const readsData = new RegExp(`\\b${escaped}\\s*(?:\\?\\.|\\.)\\s*data\\b|\\{[^}]*\\bdata\\b[^}]*\\}\\s*=\\s*${escaped}\\b`).test(body);
      if (!readsData || CHECKS_SENDER.test(body)) return;
      context.report({ node: report, messageId: 'noOriginCheck', data: { param: name } });
    };

    const isWindowReceiver = (raw: TSESTree.Node): boolean => {
      const node = skipWrappers(raw);
      return node.type === 'Identifier' && WINDOW_NAMES.has(node.name) && findVariable(context, node) === undefined;
    };

    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        const method = callee.type === 'MemberExpression' ? staticPropertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
        if (method !== 'addEventListener') return;
        if (callee.type === 'MemberExpression' && !isWindowReceiver(callee.object)) return;
        if (callee.type === 'Identifier' && findVariable(context, callee) !== undefined) return;
        const type = argumentAt(node, 0);
        if (type === undefined || getStaticValue(context, type)?.value !== 'message') return;
        check(node, argumentAt(node, 1));
      },
      AssignmentExpression(node) {
        if (node.operator !== '=') return;
        const left = node.left;
        if (left.type === 'MemberExpression' ? staticPropertyName(left) !== 'onmessage' || !isWindowReceiver(left.object) : left.type !== 'Identifier' || left.name !== 'onmessage' || findVariable(context, left) !== undefined) return;
        check(node, node.right);
      },
    };
  },
});
