import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, skipWrappers } from '../../src/analysis/index.js';
import type { Confidence } from '../../src/rule/types.js';
import { objectLiteral, propertyValue } from '../../src/analysis/exec/command.js';
import { dynamicTextEvidence, isBuiltDynamicString, isDeclaredString } from '../../src/analysis/exec/evidence.js';
import { fileMentions } from '../../src/analysis/file-text.js';

/** Electron's script injection into a page (`webContents`, `<webview>`, `webFrame`): distinctive names. */
const EXECUTE_JAVASCRIPT = new Set(['executeJavaScript', 'executeJavaScriptInIsolatedWorld']);
/** Puppeteer/Playwright page and frame evaluation: a string argument is compiled in the page. */
const PAGE_EVALUATE = new Set(['evaluate', 'evaluateHandle', 'evaluateOnNewDocument', 'addInitScript']);
/** Receivers that by convention hold a Puppeteer/Playwright page or frame. */
const PAGE_RECEIVER = /(?:^|[._])(?:page|frame|mainFrame|popup|tab|target)s?$/i;

function receiverText(context: { sourceCode: { getText(node: TSESTree.Node): string } }, call: TSESTree.CallExpression): string | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const receiver = skipWrappers(callee.object);
  const text = context.sourceCode.getText(receiver);
  return text.length > 80 ? undefined : text.replace(/\(\)$/, '');
}

export default defineRule({
  id: 'TSB114',
  name: 'webview-script-injection',
  title: 'Script built at run time injected into a page (Electron executeJavaScript, Puppeteer evaluate)',
  cwe: [94, 95],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    dynamicPageScript: '`{{callee}}` compiles a script built at run time inside the page; pass a function and hand values to it as arguments.',
  },
  docs: {
    why: "Electron's `executeJavaScript` and Puppeteer/Playwright's `page.evaluate` with a string compile that string as script in the page. Values pasted into it (a file name, a title from a remote API, a user's input) can close the string literal and run their own code: in Electron renderers with Node.js integration that is code execution on the user's machine, and in a scraping or testing browser it runs in the page's origin with its cookies.",
    fix: "Pass a function and its arguments instead of source text: `page.evaluate((sel) => document.querySelector(sel)?.textContent, selector)`. In Electron, expose a narrow API through a preload script and `contextBridge`, and send data with IPC.",
    examples: {
      flagged: `import type { BrowserWindow } from 'electron';\nexport function showUser(win: BrowserWindow, name: string) {\n  return win.webContents.executeJavaScript(\`renderUser("\${name}")\`);\n}`,
      safe: `import type { BrowserWindow } from 'electron';\nexport function showUser(win: BrowserWindow, name: string) {\n  win.webContents.send('show-user', name);\n}`,
    },
    references: ['https://www.electronjs.org/docs/latest/tutorial/security', 'https://pptr.dev/api/puppeteer.page.evaluate'],
  },
  create(context) {
    const mentions = fileMentions(context, 'executeJavaScript', 'evaluate', 'addInitScript');
    return {
      CallExpression(node) {
        if (!mentions()) return;
        const method = calleeWrittenName(node);
        if (method === undefined) return;
        let code: TSESTree.Node | undefined;
        let confidence: Confidence | undefined;
        if (EXECUTE_JAVASCRIPT.has(method)) {
          code = argumentAt(node, method === 'executeJavaScript' ? 0 : 1);
          // executeJavaScriptInIsolatedWorld(worldId, [{ code }])
          if (method !== 'executeJavaScript' && code !== undefined && skipWrappers(code).type === 'ArrayExpression') {
            const first = (skipWrappers(code) as TSESTree.ArrayExpression).elements[0];
            const source = first === null || first === undefined || first.type === 'SpreadElement' ? undefined : objectLiteral(context, first);
            code = source === undefined ? undefined : propertyValue(source, 'code');
          }
        } else if (PAGE_EVALUATE.has(method)) {
          const receiver = receiverText(context, node);
          if (receiver === undefined || !PAGE_RECEIVER.test(receiver)) return;
          code = argumentAt(node, 0);
          // addInitScript({ content }) / evaluateOnNewDocument(source)
          const options = code === undefined ? undefined : objectLiteral(context, code);
          if (options !== undefined) code = propertyValue(options, 'content');
          // Matched by the receiver's name: lower unless input visibly reaches it.
          confidence = 'low';
        } else {
          return;
        }
        if (code === undefined) return;
        const value = skipWrappers(code);
        if (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') return;
        const evidence = dynamicTextEvidence(context, [code], confidence);
        if (evidence === undefined) return;
        // evaluate() also takes functions (page.evaluate(getTitle)): there, only built strings, strings or input are reported.
        if (PAGE_EVALUATE.has(method) && evidence.flow === undefined && !isBuiltDynamicString(context, value) && !isDeclaredString(context, code)) return;
        context.report({ node, messageId: 'dynamicPageScript', data: { callee: method }, confidence: evidence.confidence, flow: evidence.flow });
      },
    };
  },
});

