import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, mayCallNamed, resolveCallee, staticKeyName } from '../../src/analysis/index.js';
import { constantArrayStrings, constantString, jsonwebtokenMember, objectLiteralOf, propertyNamed } from '../../src/analysis/crypto-values.js';

const isNone = (value: unknown): boolean => typeof value === 'string' && value.toLowerCase() === 'none';

/** The last names of the calls this rule resolves (jsonwebtoken `sign`, jose `UnsecuredJWT.decode`, `new UnsecuredJWT`). */
const CALLED_NAMES: ReadonlySet<string> = new Set(['sign', 'decode']);
const CONSTRUCTED_NAMES: ReadonlySet<string> = new Set(['UnsecuredJWT']);

export default defineRule({
  id: 'TSB412',
  name: 'jwt-none-algorithm',
  title: "JWT signed or accepted with the 'none' algorithm (unsigned tokens)",
  cwe: [347, 327],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 8.1,
  recommended: true,
  messages: {
    acceptsNone: "`algorithms` lists 'none', so unsigned tokens with any claims are accepted; list only the algorithm your issuer signs with.",
    signsNone: "`{{callee}}` creates an unsigned token (algorithm 'none'): anyone can change its claims; sign with HS256/RS256/ES256.",
    unsecuredJwt: '`{{callee}}` handles unsecured (unsigned) JWTs, whose claims anyone can forge; use `SignJWT` / `jwtVerify`.',
  },
  docs: {
    why: "A JWT with `alg: none` carries no signature. A verifier that accepts `none` accepts any token an attacker writes (admin: true, another user's id), and a service that issues `none` tokens lets clients edit their own claims. The rule checks `algorithms` lists (jsonwebtoken, express-jwt, koa-jwt, passport-jwt, jose), jsonwebtoken `sign` with `algorithm: 'none'` or a `none` header, jose `setProtectedHeader({ alg: 'none' })` and jose `UnsecuredJWT`.",
    fix: "Sign with a real algorithm (`{ algorithm: 'RS256' }` or `'HS256'` with a strong secret) and verify with `algorithms` listing only that algorithm.",
    examples: {
      flagged: `import jwt from 'jsonwebtoken';\nexport const readUser = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256', 'none'] });`,
      safe: `import jwt from 'jsonwebtoken';\nexport const readUser = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256'] });`,
    },
    references: [
      'https://auth0.com/blog/critical-vulnerabilities-in-json-web-token-libraries/',
      'https://www.rfc-editor.org/rfc/rfc8725#section-3.1',
    ],
  },
  create(context) {
    const reported = new Set<Node>();
    const once = (node: Node, report: () => void): void => {
      if (reported.has(node)) return;
      reported.add(node);
      report();
    };

    /** `{ algorithm: 'none' }` or `{ header: { alg: 'none' } }` in sign options: the offending property. */
    const noneInSignOptions = (options: Node | undefined): TSESTree.Property | undefined => {
      const object = objectLiteralOf(context, options);
      if (object === undefined) return undefined;
      const algorithm = propertyNamed(object, 'algorithm');
      if (algorithm !== undefined && isNone(constantString(context, algorithm.value))) return algorithm;
      const header = objectLiteralOf(context, propertyNamed(object, 'header')?.value);
      const alg = header === undefined ? undefined : propertyNamed(header, 'alg');
      return alg !== undefined && isNone(constantString(context, alg.value)) ? alg : undefined;
    };

    return {
      Property(node) {
        if (staticKeyName(node) !== 'algorithms' || node.parent?.type !== 'ObjectExpression') return;
        if (constantArrayStrings(context, node.value)?.some(isNone) === true) once(node, () => context.report({ node, messageId: 'acceptsNone' }));
      },
      CallExpression(node) {
        const callee = mayCallNamed(context, node, CALLED_NAMES) ? resolveCallee(context, node) : undefined;
        if (jsonwebtokenMember(callee) === 'sign' && callee !== undefined) {
          const property = noneInSignOptions(argumentAt(node, 2));
          if (property !== undefined) once(property, () => context.report({ node: property, messageId: 'signsNone', data: { callee } }));
          return;
        }
        if (callee === 'jose.UnsecuredJWT.decode') {
          once(node, () => context.report({ node, messageId: 'unsecuredJwt', data: { callee } }));
          return;
        }
        // new SignJWT(claims).setProtectedHeader({ alg: 'none' })
        if (calleeWrittenName(node) === 'setProtectedHeader') {
          const header = objectLiteralOf(context, argumentAt(node, 0));
          const alg = header === undefined ? undefined : propertyNamed(header, 'alg');
          if (alg !== undefined && isNone(constantString(context, alg.value))) once(alg, () => context.report({ node: alg, messageId: 'signsNone', data: { callee: 'setProtectedHeader' } }));
        }
      },
      NewExpression(node) {
        if (!mayCallNamed(context, node, CONSTRUCTED_NAMES)) return;
        const callee = resolveCallee(context, node);
        if (callee === 'jose.UnsecuredJWT') once(node, () => context.report({ node, messageId: 'unsecuredJwt', data: { callee: 'new UnsecuredJWT' } }));
      },
    };
  },
});
