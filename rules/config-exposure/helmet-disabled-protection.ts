import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, getStaticValue, resolveCalleeAmong, staticKeyName, fileMentions } from '../../src/analysis/index.js';
import { objectLiteralOf } from '../../src/analysis/crypto-values.js';

/** helmet options that turn off a protection worth having, with what it protects against. */
const PROTECTIONS: ReadonlyMap<string, string> = new Map([
  ['contentSecurityPolicy', 'Content-Security-Policy (limits injected scripts)'],
  ['frameguard', 'X-Frame-Options (clickjacking)'],
  ['xFrameOptions', 'X-Frame-Options (clickjacking)'],
  ['hsts', 'Strict-Transport-Security (HTTPS downgrade)'],
  ['strictTransportSecurity', 'Strict-Transport-Security (HTTPS downgrade)'],
  ['noSniff', 'X-Content-Type-Options (MIME sniffing)'],
  ['xContentTypeOptions', 'X-Content-Type-Options (MIME sniffing)'],
  ['hidePoweredBy', 'the removal of X-Powered-By'],
  ['xPoweredBy', 'the removal of X-Powered-By'],
]);
const HELMET = new Set(['helmet', 'koa-helmet', '@fastify/helmet', 'fastify-helmet']);

export default defineRule({
  id: 'TSB707',
  name: 'helmet-disabled-protection',
  title: 'helmet configured with a security header turned off',
  cwe: [693, 1021],
  severity: 'low',
  confidence: 'high',
  securitySeverity: 3.7,
  recommended: false,
  messages: {
    disabled: '`helmet` is configured with `{{option}}: false`, which removes {{what}}; configure it instead of turning it off.',
  },
  docs: {
    why: 'helmet sets headers that limit what a successful injection or a hostile page can do: a Content-Security-Policy that blocks injected scripts, X-Frame-Options against clickjacking, HSTS against HTTPS downgrades, `nosniff` against MIME confusion. Turning one off (often to silence a console error during development) leaves that protection off in production.',
    fix: 'Configure the header instead: add the sources you need to the CSP directives (`scriptSrc`, `connectSrc`...), use `frameguard: { action: \'sameorigin\' }`, and disable HSTS only on hosts that never serve HTTPS.',
    examples: {
      flagged: `import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet({ contentSecurityPolicy: false }));`,
      safe: `import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", 'https://cdn.example.com'] } } }));`,
    },
    references: ['https://helmetjs.github.io/', 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html'],
    sources: ['njsscan:helmet_feature_disabled'],
  },
  create(context) {
    const check = (options: TSESTree.ObjectExpression): void => {
      for (const property of options.properties) {
        if (property.type !== 'Property') continue;
        const option = staticKeyName(property);
        const what = option === undefined ? undefined : PROTECTIONS.get(option);
        if (option === undefined || what === undefined || getStaticValue(context, property.value)?.value !== false) continue;
        context.report({ node: property, messageId: 'disabled', data: { option, what } });
      }
    };
    const mentionsHelmet = fileMentions(context, 'elmet');
    return {
      CallExpression(node) {
        if (!mentionsHelmet()) return;
        const callee = resolveCalleeAmong(context, node, HELMET);
        if (callee !== undefined) {
          const options = objectLiteralOf(context, argumentAt(node, 0));
          if (options !== undefined) check(options);
          return;
        }
        // fastify.register(helmet, { contentSecurityPolicy: false })
        if (node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier' || node.callee.property.name !== 'register') return;
        const plugin = argumentAt(node, 0);
        if (plugin?.type !== 'Identifier' || !/helmet/i.test(plugin.name)) return;
        const options = objectLiteralOf(context, argumentAt(node, 1));
        if (options !== undefined) check(options);
      },
    };
  },
});
