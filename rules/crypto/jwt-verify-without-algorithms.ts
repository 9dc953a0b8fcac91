import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, mayCallNamed, resolveCallee, skipWrappers } from '../../src/analysis/index.js';
import { constantArrayStrings, hasSpread, isFunctionNode, jsonwebtokenMember, objectLiteralOf, propertyNamed } from '../../src/analysis/crypto-values.js';

/** JWT middleware that verifies with jsonwebtoken and takes its options as the first argument. */
const MIDDLEWARE = new Set(['express-jwt', 'express-jwt.expressjwt', 'express-jwt.default', 'koa-jwt', 'koa-jwt.default']);
/** The last names of the calls this rule resolves (`jwt.verify`, the middleware factories, whose default import the file names by module). */
const CALLED_NAMES: ReadonlySet<string> = new Set(['verify', 'expressjwt', 'default', 'express-jwt', 'koa-jwt']);
const HMAC = /^HS\d+$/i;
const PUBLIC_KEY = /^(RS|PS|ES)\d+$|^EdDSA$/i;

export default defineRule({
  id: 'TSB411',
  name: 'jwt-verify-without-algorithms',
  title: 'JWT verified without pinning the accepted algorithms, or accepting both HMAC and public-key algorithms',
  cwe: [347, 327],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 6.5,
  recommended: true,
  messages: {
    missingAlgorithms: '`{{callee}}` does not pin `algorithms`, so the token header picks the algorithm; pass `{ algorithms: [\'RS256\'] }` (the one your issuer uses).',
    mixedAlgorithms: '`{{callee}}` accepts both HMAC and public-key algorithms ({{algorithms}}): a token signed with HMAC using the public key as the secret verifies; accept one family only.',
  },
  docs: {
    why: 'A JWT names its own algorithm in its header. If the verifier does not fix the list it accepts, the attacker chooses: with a public key configured, a token signed with HS256 using that (public) key as the HMAC secret verifies (algorithm confusion, CVE-2015-9235, CVE-2016-10555), and older libraries accepted `none`. express-jwt before 6.0 had this flaw by default (CVE-2020-15084). Newer jsonwebtoken versions infer a safe default from the key type, but pinning the algorithm is still the documented and portable protection.',
    fix: "Always pass the algorithm your issuer uses: `jwt.verify(token, publicKey, { algorithms: ['RS256'] })`, `expressjwt({ secret, algorithms: ['HS256'] })`. Never list HMAC and RSA/ECDSA algorithms together for one key.",
    examples: {
      flagged: `import jwt from 'jsonwebtoken';\nexport const readUser = (token: string, publicKey: string) => jwt.verify(token, publicKey);`,
      safe: `import jwt from 'jsonwebtoken';\nexport const readUser = (token: string, publicKey: string) => jwt.verify(token, publicKey, { algorithms: ['RS256'] });`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
      'https://auth0.com/blog/critical-vulnerabilities-in-json-web-token-libraries/',
      'https://github.com/auth0/express-jwt/security/advisories/GHSA-6g6m-m6h5-w9gf',
    ],
  },
  create(context) {
    /** Reports options that lack `algorithms` (when the object is fully visible) or mix algorithm families. */
    const checkOptions = (call: TSESTree.CallExpression, callee: string, options: Node | undefined): void => {
      if (options !== undefined && isFunctionNode(skipWrappers(options))) options = undefined; // verify(token, key, callback)
      if (options === undefined) {
        context.report({ node: call, messageId: 'missingAlgorithms', data: { callee } });
        return;
      }
      const object = objectLiteralOf(context, options);
      if (object === undefined) return; // options built elsewhere: unknown
      const algorithms = propertyNamed(object, 'algorithms');
      if (algorithms === undefined) {
        if (!hasSpread(object)) context.report({ node: call, messageId: 'missingAlgorithms', data: { callee } });
        return;
      }
      const names = constantArrayStrings(context, algorithms.value);
      if (names === undefined) return;
      // 'none' is jwt-none-algorithm's finding.
      if (names.some((name) => name.toLowerCase() === 'none')) return;
      if (names.some((name) => HMAC.test(name)) && names.some((name) => PUBLIC_KEY.test(name))) {
        context.report({ node: algorithms, messageId: 'mixedAlgorithms', data: { callee, algorithms: names.join(', ') } });
      }
    };

    return {
      CallExpression(node) {
        if (!mayCallNamed(context, node, CALLED_NAMES)) return;
        const callee = resolveCallee(context, node);
        if (callee === undefined) return;
        if (jsonwebtokenMember(callee) === 'verify') {
          if (node.arguments.length < 2 || node.arguments.some((a) => a.type === 'SpreadElement')) return;
          checkOptions(node, callee, argumentAt(node, 2));
          return;
        }
        if (MIDDLEWARE.has(callee)) {
          const options = argumentAt(node, 0);
          if (options !== undefined && objectLiteralOf(context, options) !== undefined) checkOptions(node, callee, options);
        }
      },
    };
  },
});
