import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, getStaticValue, isRequestDerived, resolveCallee } from '../../src/analysis/index.js';
import { propertiesReadFrom } from '../../src/analysis/crypto-flow.js';
import { enclosingFunctions, jsonwebtokenMember } from '../../src/analysis/crypto-values.js';

/** Decoders that read claims without checking the signature, as resolved callees. */
const DECODERS = new Set(['jose.decodeJwt']);
/** jwt-decode is meant for browsers reading their own token; on a server (token from the request) it is a missing verify. */
const CLIENT_DECODERS = new Set(['jwt-decode', 'jwt-decode.jwtDecode', 'jwt-decode.default']);
/** Calls that check a signature: a function that makes one is taken to verify the token it decodes. */
const VERIFIERS = new Set(['jose.jwtVerify', 'jose.compactVerify', 'jose.flattenedVerify', 'jose.generalVerify', 'jose.jwtDecrypt']);
const VERIFY_METHODS = new Set(['verify', 'verifyAsync', 'jwtVerify', 'verifyToken', 'verifyJwt', 'verifyJWT', 'verifyIdToken', 'verifyAccessToken']);
/** Claims a client may read from an unverified token: when to refresh it, which key signed it. */
const HARMLESS_CLAIMS = new Set(['header', 'exp', 'iat', 'nbf', 'kid', 'alg', 'typ', 'iss']);

export default defineRule({
  id: 'TSB413',
  name: 'jwt-decode-without-verify',
  title: 'JWT claims read with decode() in code that never verifies the signature',
  cwe: [345, 347],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    decodeWithoutVerify: '`{{callee}}` reads the token without checking its signature, and nothing here verifies it: anyone can forge these claims; use `jwt.verify` (or jose `jwtVerify`) and trust only its result.',
    noVerifyFlag: '`{{callee}}` is called with signature verification turned off; drop the `noVerify` argument.',
  },
  docs: {
    why: "`jwt.decode()` (jsonwebtoken), `decodeJwt()` (jose) and `jwtDecode()` (jwt-decode) only base64-decode the payload: they do not check the signature. A server that takes the user id, roles or tenant from a decoded token accepts any token an attacker writes. The rule reports a decode in a function that makes no verify call (jsonwebtoken `verify`, jose `jwtVerify`, or a `verify*` method), unless the result is used only for its header or timing claims (`kid`, `exp`). jwt-decode is reported only when the token comes from the request (server code); reading your own token in a browser is fine.",
    fix: 'Use `jwt.verify(token, key, { algorithms: [...] })` or `await jwtVerify(token, key)` and read claims from its result. `decode` is fine for reading the header (`kid`) before verifying, or for client-side display.',
    examples: {
      flagged: `import jwt from 'jsonwebtoken';\nimport type { Request } from 'express';\nexport function currentUser(req: Request) {\n  const claims = jwt.decode(String(req.headers.authorization).slice(7)) as { sub: string; role: string };\n  return { id: claims.sub, admin: claims.role === 'admin' };\n}`,
      safe: `import jwt from 'jsonwebtoken';\nimport type { Request } from 'express';\nexport function currentUser(req: Request) {\n  const claims = jwt.verify(String(req.headers.authorization).slice(7), process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] }) as { sub: string; role: string };\n  return { id: claims.sub, admin: claims.role === 'admin' };\n}`,
    },
    references: [
      'https://github.com/auth0/node-jsonwebtoken#jwtdecodetoken--options',
      'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
    ],
  },
  create(context) {
    const decodes: { node: TSESTree.CallExpression; callee: string; fromRequest: boolean }[] = [];
    const verifyingFunctions = new Set<Node>();

    /** True when the decoded value is used only for harmless claims: `jwt.decode(t).exp`, `const { header } = jwt.decode(t, { complete: true })`. */
    const onlyHarmlessClaims = (call: Node): boolean => propertiesReadFrom(context, call)?.every((name) => HARMLESS_CLAIMS.has(name)) === true;

    return {
      CallExpression(node) {
        // Only calls named like a token decoder or verifier can matter: skip resolution (scope analysis) for the rest.
        const method = calleeWrittenName(node);
        if (method === undefined || !/decode|verify|jwt/i.test(method)) return;
        const callee = resolveCallee(context, node);
        const jsonwebtoken = jsonwebtokenMember(callee);
        if (jsonwebtoken === 'verify' || (callee !== undefined && VERIFIERS.has(callee)) || (method !== undefined && VERIFY_METHODS.has(method))) {
          for (const fn of enclosingFunctions(node)) verifyingFunctions.add(fn);
          return;
        }
        if (callee === 'jwt-simple.decode') {
          // jwt.decode(token, secret, noVerify = true)
          const noVerify = argumentAt(node, 2);
          if (noVerify !== undefined && getStaticValue(context, noVerify)?.value === true) context.report({ node, messageId: 'noVerifyFlag', data: { callee }, confidence: 'high' });
          else for (const fn of enclosingFunctions(node)) verifyingFunctions.add(fn);
          return;
        }
        const token = argumentAt(node, 0);
        if (token === undefined) return;
        // Tracing the token's origin is the costly part: only for calls that are decoders.
        const fromRequest = (): boolean => isRequestDerived(context, token);
        if (jsonwebtoken === 'decode' || (callee !== undefined && DECODERS.has(callee))) {
          decodes.push({ node, callee: callee!, fromRequest: fromRequest() });
          return;
        }
        if (callee !== undefined && CLIENT_DECODERS.has(callee)) {
          if (fromRequest()) decodes.push({ node, callee, fromRequest: true });
          return;
        }
        // NestJS: this.jwtService.decode(token)
        if (method === 'decode' && callee === undefined && node.callee.type === 'MemberExpression' && /jwt/i.test(context.sourceCode.getText(node.callee.object))) {
          decodes.push({ node, callee: `${context.sourceCode.getText(node.callee.object).replace(/^this\./, '')}.decode`, fromRequest: fromRequest() });
        }
      },
      'Program:exit'() {
        for (const { node, callee, fromRequest } of decodes) {
          if (enclosingFunctions(node).some((fn) => verifyingFunctions.has(fn))) continue;
          if (onlyHarmlessClaims(node)) continue;
          context.report({ node, messageId: 'decodeWithoutVerify', data: { callee }, confidence: fromRequest ? 'high' : undefined });
        }
      },
    };
  },
});
