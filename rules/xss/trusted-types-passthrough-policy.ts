import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, getStaticValue, localFunction, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';
import { isUrlSanitized } from '../../src/analysis/sanitizers.js';
import { isSafeUrlValue, localObjectLiteral, unsafeHtmlParts } from '../../src/analysis/html/values.js';
import { isFunction, returnedExpressions, type FunctionNode } from '../../src/analysis/taint/tree.js';

/** Policy callbacks and what their result is trusted as. */
const POLICY_CALLBACKS: ReadonlyMap<string, 'html' | 'script' | 'url'> = new Map([['createHTML', 'html'], ['createScript', 'script'], ['createScriptURL', 'url']]);

/** True when the callback checks or rejects its input somewhere (`if`, `throw`, `?:`): an allow-list policy. */
function checksInput(fn: FunctionNode, text: string): boolean {
  return fn.body.type === 'BlockStatement' && /\b(?:if|throw|switch)\b|\?/.test(text);
}

export default defineRule({
  id: 'TSB314',
  name: 'trusted-types-passthrough-policy',
  title: 'Trusted Types policy whose createHTML/createScript/createScriptURL returns its input unsanitized',
  cwe: [79],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.2,
  recommended: true,
  messages: {
    passthrough: 'Policy `{{policy}}` has a `{{callback}}` that returns its input without sanitizing or checking it, so every sink it feeds stays injectable; sanitize (DOMPurify) or allow-list in the callback.',
  },
  docs: {
    why: 'Trusted Types only protect a page if each policy sanitizes or checks what it converts. A pass-through `createHTML: (s) => s` (especially the `default` policy) silently re-opens every innerHTML and script sink to XSS.',
    fix: 'Sanitize in `createHTML` (`DOMPurify.sanitize(input, { RETURN_TRUSTED_TYPE: false })`), allow-list origins in `createScriptURL`, and reject in `createScript` unless the input is a known constant.',
    examples: {
      flagged: `export const policy = window.trustedTypes!.createPolicy('default', {\n  createHTML: (input: string) => input,\n});`,
      safe: `import DOMPurify from 'dompurify';\nexport const policy = window.trustedTypes!.createPolicy('default', {\n  createHTML: (input: string) => DOMPurify.sanitize(input),\n});`,
    },
    references: ['https://web.dev/articles/trusted-types', 'https://developer.mozilla.org/en-US/docs/Web/API/TrustedTypePolicyFactory/createPolicy'],
  },
  create(context) {
    const unsafeReturn = (fn: FunctionNode, kind: 'html' | 'script' | 'url'): boolean => {
      if (checksInput(fn, context.sourceCode.getText(fn.body))) return false;
      const param = fn.params[0];
      if (param?.type !== 'Identifier') return false;
      return returnedExpressions(fn).some((returned) => {
        if (kind === 'url') return !isSafeUrlValue(context, returned) && !isUrlSanitized(context, returned);
        return unsafeHtmlParts(context, returned).length > 0;
      });
    };
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'createPolicy') return;
        const nameNode = argumentAt(node, 0);
        const optionsNode = argumentAt(node, 1);
        const options = optionsNode === undefined ? undefined : localObjectLiteral(context, optionsNode);
        if (options === undefined) return;
        const policyName = nameNode === undefined ? undefined : getStaticValue(context, nameNode)?.value;
        const policy = typeof policyName === 'string' ? policyName : '(dynamic)';
        for (const property of options.properties) {
          if (property.type !== 'Property') continue;
          const callback = staticKeyName(property);
          const kind = callback === undefined ? undefined : POLICY_CALLBACKS.get(callback);
          if (callback === undefined || kind === undefined) continue;
          const value = skipWrappers(property.value);
          const fn = property.method || isFunction(value) ? (value as FunctionNode) : localFunction(context, value as TSESTree.Node);
          if (fn === undefined || !unsafeReturn(fn, kind)) continue;
          context.report({ node: property, messageId: 'passthrough', data: { policy, callback }, confidence: policy === 'default' ? 'high' : undefined });
        }
      },
    };
  },
});
