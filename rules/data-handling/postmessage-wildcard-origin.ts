import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, getStaticValue, isConstantString, isNumericOrBoolean, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';

/** Data that is visibly sensitive: names of credentials and personal data. */
const SENSITIVE = /token|secret|password|passwd|session|auth|cookie|credential|apikey|api_key|jwt|email|ssn/i;

export default defineRule({
  id: 'TSB809',
  name: 'postmessage-wildcard-origin',
  title: 'window.postMessage sends non-constant data to any origin ("*")',
  cwe: [346, 200],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 5.3,
  recommended: true,
  messages: {
    wildcardTarget: '`postMessage(..., "*")` delivers this data to whatever page is loaded in the target window, even after it navigated elsewhere: pass the expected origin (`"https://app.example.com"`).',
  },
  docs: {
    why: 'The second argument of `window.postMessage` is the origin the receiving window must have for the message to be delivered. With `"*"`, a frame or popup that has been navigated to an attacker\'s page (or an attacker page that opened this one) receives the data: tokens, user details, anything sent.',
    fix: 'Pass the exact origin of the intended receiver (`iframe.contentWindow.postMessage(data, "https://widget.example.com")`), or `location.origin` for same-origin messaging. Workers and MessagePorts take no origin and are not reported.',
    examples: {
      flagged: `export function sendToken(frame: HTMLIFrameElement, token: string) {\n  frame.contentWindow?.postMessage({ type: 'auth', token }, '*');\n}`,
      safe: `export function sendToken(frame: HTMLIFrameElement, token: string) {\n  frame.contentWindow?.postMessage({ type: 'auth', token }, 'https://widget.example.com');\n}`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/API/Window/postMessage#security_concerns'],
    sources: ['eslint-plugin-no-wildcard-postmessage', 'semgrep:javascript.browser.security.wildcard-postmessage-configuration'],
  },
  create(context) {
    /** A message made only of constants (`'ready'`, `{ type: 'resize' }`) leaks nothing. */
    const isConstantMessage = (raw: TSESTree.Node, depth = 0): boolean => {
      const node = skipWrappers(raw);
      if (isConstantString(context, node) || (node.type === 'Literal' && typeof node.value !== 'object')) return true;
      if (depth > 3) return false;
      if (node.type === 'ObjectExpression') {
        return node.properties.every((p) => p.type === 'Property' && !SENSITIVE.test(staticKeyName(p) ?? '') && (isConstantMessage(p.value, depth + 1) || isNumericOrBoolean(context, p.value)));
      }
      if (node.type === 'ArrayExpression') return node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isConstantMessage(e, depth + 1));
      return false;
    };
    const isWildcard = (raw: TSESTree.Node | undefined): boolean => {
      if (raw === undefined) return false;
      const node = skipWrappers(raw);
      if (node.type === 'ObjectExpression') {
        const target = node.properties.find((p) => p.type === 'Property' && staticKeyName(p) === 'targetOrigin');
        return target?.type === 'Property' && getStaticValue(context, target.value)?.value === '*';
      }
      return getStaticValue(context, node)?.value === '*';
    };
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        const name = callee.type === 'MemberExpression' ? staticPropertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
        if (name !== 'postMessage') return;
        // Workers and MessagePorts take (message, transfer): only a Window takes a target origin.
        if (!isWildcard(argumentAt(node, 1))) return;
        const message = argumentAt(node, 0);
        if (message === undefined || isConstantMessage(message)) return;
        const sensitive = SENSITIVE.test(context.sourceCode.getText(message));
        context.report({ node, messageId: 'wildcardTarget', confidence: sensitive ? 'high' : undefined });
      },
    };
  },
});
