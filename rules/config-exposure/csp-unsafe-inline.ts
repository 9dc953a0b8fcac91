import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, getStaticValue, skipWrappers, staticKeyName, stringParts } from '../../src/analysis/index.js';
import { objectLiteralOf } from '../../src/analysis/crypto-values.js';
import { HEADER_SETTERS } from '../../src/analysis/http.js';

/** Directives that govern scripts, in helmet's camelCase and in header form. */
const SCRIPT_DIRECTIVES = new Map([
  ['scriptSrc', 'script-src'], ['script-src', 'script-src'], ['scriptSrcElem', 'script-src-elem'], ['script-src-elem', 'script-src-elem'],
  ['scriptSrcAttr', 'script-src-attr'], ['script-src-attr', 'script-src-attr'],
]);
const DEFAULT_DIRECTIVES = new Set(['defaultSrc', 'default-src']);
const CSP_HEADER = 'content-security-policy';
/** A nonce, a hash or 'strict-dynamic' make browsers ignore 'unsafe-inline' (it remains only for CSP1 browsers). */
const NEUTRALISES_INLINE = /nonce-|'sha(256|384|512)-|strict-dynamic/i;

export default defineRule({
  id: 'TSB709',
  name: 'csp-unsafe-inline',
  title: "Content-Security-Policy allows 'unsafe-inline' or 'unsafe-eval' scripts",
  cwe: [693, 79],
  severity: 'low',
  confidence: 'high',
  securitySeverity: 3.9,
  recommended: false,
  messages: {
    unsafeSource: "The Content-Security-Policy's `{{directive}}` allows {{keyword}}: an injected script runs despite the policy; use nonces or hashes (and 'strict-dynamic') instead.",
  },
  docs: {
    why: "A Content-Security-Policy is the last line of defence against XSS: it keeps injected markup from running script. `'unsafe-inline'` in `script-src` (or in `default-src` without a `script-src`) lets any inline `<script>` and `onclick=` attribute run, which is exactly what an injection adds; `'unsafe-eval'` lets injected strings reach `eval`, `new Function` and string timers. The policy then only limits where external scripts come from.",
    fix: "Move inline scripts to files, or give them a per-response nonce (`'nonce-...'`) or a hash and add `'strict-dynamic'`; replace code that needs `eval`. `'unsafe-inline'` alongside a nonce or hash is ignored by current browsers and is not reported.",
    examples: {
      flagged: `import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", "'unsafe-inline'"] } } }));`,
      safe: `import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", 'https://cdn.example.com'] } } }));`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src', 'https://csp.withgoogle.com/docs/strict-csp.html'],
    sources: ['csp-evaluator'],
  },
  create(context) {
    // Every reported policy contains one of the two keywords.
    if (!/unsafe-(inline|eval)/.test(context.sourceCode.text ?? '')) return {};
    const textOf = (node: Node): string => stringParts(context, node).constantText;
    /** The keyword a script directive's sources allow, if one is unsafe. */
    const unsafeKeyword = (sources: string): string | undefined => {
      if (/'?unsafe-eval'?/i.test(sources)) return "'unsafe-eval'";
      if (/'?unsafe-inline'?/i.test(sources) && !NEUTRALISES_INLINE.test(sources)) return "'unsafe-inline'";
      return undefined;
    };
    /** helmet-style `directives: { scriptSrc: [...] }`. */
    const checkDirectives = (directives: TSESTree.ObjectExpression): void => {
      const entries = directives.properties.flatMap((p) => (p.type === 'Property' && staticKeyName(p) !== undefined ? [{ key: staticKeyName(p) ?? '', property: p }] : []));
      const hasScriptSrc = entries.some(({ key }) => SCRIPT_DIRECTIVES.get(key) === 'script-src');
      for (const { key, property } of entries) {
        const directive = SCRIPT_DIRECTIVES.get(key) ?? (DEFAULT_DIRECTIVES.has(key) && !hasScriptSrc ? 'default-src' : undefined);
        if (directive === undefined) continue;
        const value = skipWrappers(property.value);
        const sources = value.type === 'ArrayExpression'
          ? value.elements.map((element) => (element === null || element.type === 'SpreadElement' ? '' : element.type === 'Literal' || element.type === 'TemplateLiteral' || element.type === 'Identifier' ? textOf(element) : context.sourceCode.getText(element))).join(' ')
          : textOf(value);
        const keyword = unsafeKeyword(sources);
        if (keyword !== undefined) context.report({ node: property, messageId: 'unsafeSource', data: { directive, keyword } });
      }
    };
    /** A header value: `default-src 'self'; script-src 'self' 'unsafe-inline'`. */
    const checkPolicy = (node: Node): void => {
      const policy = textOf(node);
      const directives = policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0] !== undefined && d[0] !== '');
      const hasScriptSrc = directives.some((d) => d[0]?.toLowerCase() === 'script-src');
      for (const [name = '', ...sources] of directives) {
        const lower = name.toLowerCase();
        if (!(SCRIPT_DIRECTIVES.has(lower) || (lower === 'default-src' && !hasScriptSrc))) continue;
        const keyword = unsafeKeyword(sources.join(' '));
        if (keyword !== undefined) {
          context.report({ node, messageId: 'unsafeSource', data: { directive: lower, keyword } });
          return;
        }
      }
    };
    const isCspName = (node: Node | undefined): boolean => {
      if (node === undefined) return false;
      const value = getStaticValue(context, node)?.value;
      return typeof value === 'string' && value.toLowerCase() === CSP_HEADER;
    };
    return {
      Property(node) {
        const key = staticKeyName(node);
        if (key === 'directives') {
          const directives = objectLiteralOf(context, node.value);
          if (directives !== undefined) checkDirectives(directives);
          return;
        }
        // { 'Content-Security-Policy': policy } header objects
        if (key !== undefined && key.toLowerCase() === CSP_HEADER) {
          checkPolicy(node.value);
          return;
        }
        // Next.js headers(): { key: 'Content-Security-Policy', value: policy }
        if (key === 'value' && node.parent?.type === 'ObjectExpression') {
          const name = node.parent.properties.find((p) => p.type === 'Property' && staticKeyName(p) === 'key');
          if (name?.type === 'Property' && isCspName(name.value)) checkPolicy(node.value);
        }
      },
      CallExpression(node) {
        const method = calleeWrittenName(node);
        if (method === undefined || !HEADER_SETTERS.has(method) || !isCspName(argumentAt(node, 0))) return;
        const value = argumentAt(node, 1);
        if (value !== undefined) checkPolicy(value);
      },
      JSXAttribute(node) {
        // <meta httpEquiv="Content-Security-Policy" content="..." />
        if (node.name.type !== 'JSXIdentifier' || node.name.name !== 'content' || node.value?.type !== 'Literal') return;
        const element = node.parent;
        if (element?.type !== 'JSXOpeningElement') return;
        const equiv = element.attributes.find((a) => a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && /^http-?equiv$/i.test(a.name.name));
        if (equiv?.type === 'JSXAttribute' && equiv.value?.type === 'Literal' && String(equiv.value.value).toLowerCase() === CSP_HEADER) checkPolicy(node.value);
      },
    };
  },
});
