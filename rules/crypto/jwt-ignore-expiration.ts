import { defineRule } from '../../src/rule/index.js';
import { getStaticValue, skipWrappers, staticKeyName } from '../../src/analysis/index.js';

export default defineRule({
  id: 'TSB414',
  name: 'jwt-ignore-expiration',
  title: 'JWT verification told to accept expired tokens (ignoreExpiration: true)',
  cwe: [613, 324],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 5.4,
  recommended: true,
  hasSuggestions: true,
  messages: {
    ignoreExpiration: '`ignoreExpiration: true` accepts expired tokens, so a leaked or revoked token works forever; remove it (allow small clock skew with `clockTolerance`).',
    checkExpiration: 'Set `ignoreExpiration` to false.',
  },
  docs: {
    why: "Expiry is what limits the damage of a stolen token: JWTs are usually not revocable, so `exp` is the only thing that ends a leaked token's life. `ignoreExpiration: true` (jsonwebtoken, passport-jwt, express-jwt, koa-jwt options) makes every token valid forever.",
    fix: 'Remove `ignoreExpiration` (it defaults to false). To tolerate clock skew use `clockTolerance: 30`; to refresh sessions, issue a new token from a separate refresh flow instead of accepting expired ones.',
    examples: {
      flagged: `import jwt from 'jsonwebtoken';\nexport const readUser = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: true });`,
      safe: `import jwt from 'jsonwebtoken';\nexport const readUser = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256'], clockTolerance: 30 });`,
    },
    references: [
      'https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback',
      'https://www.rfc-editor.org/rfc/rfc8725',
    ],
  },
  create(context) {
    return {
      Property(node) {
        if (staticKeyName(node) !== 'ignoreExpiration' || node.parent?.type !== 'ObjectExpression') return;
        const value = getStaticValue(context, node.value);
        if (value === undefined || value.value !== true) return;
        const literal = skipWrappers(node.value);
        context.report({
          node,
          messageId: 'ignoreExpiration',
          suggest: literal.type === 'Literal' ? [{ messageId: 'checkExpiration', fix: (fixer) => fixer.replaceText(literal, 'false') }] : [],
        });
      },
    };
  },
});
