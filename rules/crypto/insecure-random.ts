import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, mayCallNamed, resolveCallee, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { valueDestinations, type Destination } from '../../src/analysis/crypto-flow.js';
import { constantString, enclosingStatement, functionName, isSecurityName } from '../../src/analysis/crypto-values.js';
import type { Node } from '../../src/rule/types.js';

/** Generators that are not cryptographically secure, as resolved callees. */
const WEAK_GENERATORS = new Set([
  'Math.random',
  'lodash.random', 'lodash.sample', 'lodash.sampleSize', 'lodash.shuffle', '_.random', '_.sample', '_.sampleSize', '_.shuffle',
  'lodash/random', 'lodash/sampleSize', 'lodash-es.random', 'lodash-es.sampleSize', 'underscore.random', 'underscore.sample',
  'nanoid/non-secure.nanoid', 'nanoid/non-secure.customAlphabet',
]);
/** Deprecated aliases of `randomBytes` that never promised unpredictability. */
const PSEUDO_RANDOM_BYTES = new Set(['crypto.pseudoRandomBytes', 'crypto.prng', 'crypto.rng']);
/** The last names of the generators: other calls are skipped before callee resolution. */
const GENERATOR_NAMES: ReadonlySet<string> = new Set([...WEAK_GENERATORS, ...PSEUDO_RANDOM_BYTES].map((name) => name.slice(name.lastIndexOf('.') + 1)));
/** Arguments of cryptographic calls that must be unpredictable (keys, IVs, salts, secrets), by resolved callee. */
const SECRET_ARGUMENTS: ReadonlyMap<string, readonly number[]> = new Map([
  ['crypto.createCipheriv', [1, 2]], ['crypto.createDecipheriv', [1, 2]], ['crypto.createHmac', [1]], ['crypto.createSecretKey', [0]],
  ['crypto.pbkdf2', [1]], ['crypto.pbkdf2Sync', [1]], ['crypto.scrypt', [1]], ['crypto.scryptSync', [1]], ['crypto.hkdf', [2]], ['crypto.hkdfSync', [2]],
  ['jsonwebtoken.sign', [1]], ['jwt.sign', [1]], ['bcrypt.hash', [1]], ['bcryptjs.hash', [1]], ['bcrypt.hashSync', [1]], ['bcryptjs.hashSync', [1]],
]);
/** Methods that store a value under a name given as the first argument: `localStorage.setItem('token', v)`. */
const KEYED_SETTERS = new Set(['setItem', 'set', 'setHeader', 'header', 'append', 'setCookie']);

export default defineRule({
  id: 'TSB407',
  name: 'insecure-random',
  title: 'Math.random() (or another non-cryptographic generator) used for a token, secret, password, salt, nonce or session id',
  cwe: [338, 330],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 6.8,
  recommended: true,
  hasSuggestions: true,
  messages: {
    predictableValue: '`{{source}}` is predictable, and its value becomes {{target}}; use `crypto.randomBytes`, `crypto.randomInt`, `crypto.randomUUID` or `crypto.getRandomValues`.',
    pseudoRandomBytes: '`{{source}}` is a deprecated alias that never promised unpredictable output; use `crypto.randomBytes`.',
    useRandomBytes: 'Call `randomBytes` instead.',
  },
  docs: {
    why: '`Math.random()` (and lodash `random`/`sampleSize`, `nanoid/non-secure`) come from a fast PRNG (xorshift128+ in V8) whose internal state can be recovered from a few outputs; every later (and earlier) value is then known. A password-reset token, session id, OTP, CSRF token, salt or nonce made from it can be predicted by an attacker who sees a handful of others. The rule reports such a value only when it flows into something named like a secret, a cookie, a security header, or a function named so (`generateToken()`): `Math.random()` for animation, jitter, sampling or shuffling is not reported.',
    fix: "Use the platform CSPRNG: `crypto.randomBytes(32).toString('base64url')` for tokens, `crypto.randomInt(0, 1_000_000)` for numeric codes, `crypto.randomUUID()` for ids, `crypto.getRandomValues(new Uint8Array(32))` in browsers, or `nanoid()` (the secure default export).",
    examples: {
      flagged: `export function createResetToken(): string {\n  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);\n}`,
      safe: `import { randomBytes } from 'node:crypto';\nexport function createResetToken(): string {\n  return randomBytes(32).toString('base64url');\n}`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html#secure-random-number-generation',
      'https://v8.dev/blog/math-random',
    ],
    sources: ['bandit:B311', 'eslint-plugin-security:detect-pseudoRandomBytes', '@microsoft/eslint-plugin-sdl:no-insecure-random'],
  },
  create(context) {
    const candidates: { node: TSESTree.CallExpression; source: string }[] = [];

    /** How a destination is a security value, for the message; undefined when it is not one. */
    const securityTarget = (destination: Destination): string | undefined => {
      switch (destination.kind) {
        case 'name':
          if (destination.name === 'document cookie') return 'a cookie value';
          return isSecurityName(destination.name) ? `\`${destination.name.replace(' ', '.')}\`` : undefined;
        case 'return': {
          const name = functionName(destination.fn);
          return name !== undefined && isSecurityName(name) ? `the result of \`${name}()\`` : undefined;
        }
        case 'argument': {
          const { call, index } = destination;
          const resolved = resolveCallee(context, call);
          if (resolved !== undefined && SECRET_ARGUMENTS.get(resolved)?.includes(index) === true) return `a secret argument of \`${resolved}\``;
          const method = call.type === 'CallExpression' ? calleeWrittenName(call) : undefined;
          if (method === undefined) return undefined;
          if (method === 'cookie' && index === 1) return 'a cookie value';
          const receiver = call.callee.type === 'MemberExpression' ? skipWrappers(call.callee.object) : undefined;
          const receiverName = receiver?.type === 'Identifier' ? receiver.name : receiver?.type === 'MemberExpression' ? staticPropertyName(receiver) : undefined;
          if (method === 'set' && index === 1 && receiverName === 'cookies') return 'a cookie value';
          if (KEYED_SETTERS.has(method) && index === 1) {
            const key = constantString(context, argumentAt(call, 0));
            if (key !== undefined && isSecurityName(key.replace(/^x-/i, ''))) return `\`${key}\``;
          }
          return isSecurityName(method) ? `an argument of \`${method}()\`` : undefined;
        }
      }
    };

    return {
      CallExpression(node) {
        if (!mayCallNamed(context, node, GENERATOR_NAMES)) return;
        const callee = resolveCallee(context, node);
        if (callee === undefined) return;
        if (PSEUDO_RANDOM_BYTES.has(callee)) {
          const property = node.callee.type === 'MemberExpression' && !node.callee.computed ? node.callee.property : undefined;
          context.report({
            node,
            messageId: 'pseudoRandomBytes',
            data: { source: callee },
            confidence: 'high',
            suggest: property === undefined ? [] : [{ messageId: 'useRandomBytes', fix: (fixer) => fixer.replaceText(property, 'randomBytes') }],
          });
          return;
        }
        if (WEAK_GENERATORS.has(callee)) candidates.push({ node, source: callee });
      },
      // Where a value goes is known only once every parent link is set: decide at the end of the file.
      'Program:exit'() {
        // `Math.random().toString(36) + Math.random().toString(36)` is one weak token: one finding per statement.
        const statements = new Set<Node>();
        for (const { node, source } of candidates) {
          const target = valueDestinations(context, node).map(securityTarget).find((t) => t !== undefined);
          if (target === undefined) continue;
          const statement = enclosingStatement(node);
          if (statements.has(statement)) continue;
          statements.add(statement);
          context.report({ node, messageId: 'predictableValue', data: { source: `${source}()`, target } });
        }
      },
    };
  },
});
