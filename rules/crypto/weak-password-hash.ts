import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, mayCallNamed, resolveCallee, resolveReference, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import {
  algorithmNames, bindingInitializer, constantNumber, constantString, cryptoJsMember, fixedBytes, forgeMember, isPasswordName, objectLiteralOf, propertyNamed, subtleMethod, valueNames,
} from '../../src/analysis/crypto-values.js';

/** OWASP's floors (Password Storage Cheat Sheet): PBKDF2 iterations, scrypt cost, bcrypt work factor, argon2 memory (KiB). */
const MIN_PBKDF2_ITERATIONS = 100_000;
const MIN_SCRYPT_COST = 16_384;
const MIN_SCRYPT_BLOCK_SIZE = 8;
const MIN_BCRYPT_ROUNDS = 10;
const SUGGESTED_BCRYPT_ROUNDS = 12;
const MIN_ARGON2_MEMORY_KIB = 19_456;
const MIN_ARGON2_TIME = 2;

const WEAK_KDF_DIGESTS = new Set(['sha1', 'sha-1', 'md5', 'md4', 'ripemd160', 'rmd160']);

const NODE_PBKDF2 = new Set(['crypto.pbkdf2', 'crypto.pbkdf2Sync']);
const NODE_SCRYPT = new Set(['crypto.scrypt', 'crypto.scryptSync']);
const BCRYPT_MODULES = new Set(['bcrypt', 'bcryptjs', 'bcrypt-nodejs', '@node-rs/bcrypt']);
const ARGON2_HASH = new Set(['argon2.hash', '@node-rs/argon2.hash']);
/** Fast hashes that take the data directly, by resolved callee (crypto-js is matched separately). */
const ONE_SHOT_HASHES = new Set([
  'crypto.hash', 'md5', 'blueimp-md5', 'js-md5', 'js-md5.md5', 'sha1', 'js-sha1', 'js-sha1.sha1', 'js-sha256', 'js-sha256.sha256',
  'js-sha256.sha224', 'js-sha512', 'js-sha512.sha512', 'js-sha3.sha3_256', 'hash-wasm.sha256', 'hash-wasm.sha512', 'hash-wasm.md5', 'hash-wasm.sha1',
]);
/** The argument holding the data, by callee (defaults to the first). */
const DATA_INDEX: ReadonlyMap<string, number> = new Map([['crypto.hash', 1]]);
const CRYPTO_JS_FAST = /^(MD5|SHA1|SHA224|SHA256|SHA384|SHA512|SHA3|RIPEMD160)$/;
/** The last names of the calls this rule resolves (KDFs, bcrypt, argon2, crypto-js, forge, Web Crypto, one-shot hashes): others are skipped before callee resolution. */
const CALLED_NAMES: ReadonlySet<string> = new Set([
  ...[...NODE_PBKDF2, ...NODE_SCRYPT, ...ARGON2_HASH, ...ONE_SHOT_HASHES].map((name) => name.slice(name.lastIndexOf('.') + 1)),
  ...BCRYPT_MODULES,
  ...['hashSync', 'genSalt', 'genSaltSync', 'PBKDF2', 'pbkdf2', 'deriveBits', 'deriveKey', 'digest'],
  ...['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3', 'RIPEMD160'],
]);

export default defineRule({
  id: 'TSB405',
  name: 'weak-password-hash',
  title: 'Password hashed with a fast hash, or a password KDF with too few iterations, low cost or a constant salt',
  cwe: [916, 759, 760],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 6.5,
  recommended: true,
  hasSuggestions: true,
  messages: {
    fastHash: '`{{callee}}` hashes a password with a fast hash that GPUs try billions of times a second; use scrypt, argon2id or bcrypt with a per-user random salt.',
    weakKdf: '`{{callee}}` {{problems}}; use at least {{minimum}} with a random per-user salt.',
    raiseCost: 'Use {{value}} instead.',
  },
  docs: {
    why: 'A stolen password database is attacked offline: every guess costs the attacker one hash. SHA-256 or MD5 of a password (even salted) lets a GPU test billions of guesses per second; PBKDF2 with a few thousand iterations, scrypt with a small cost or bcrypt below 10 rounds are not much slower. A constant salt lets one precomputed table crack every user at once, and PBKDF2 with SHA-1 or MD5 gives attackers the cheapest hardware path.',
    fix: "Hash passwords with argon2id (`argon2.hash(password)`), scrypt (`crypto.scrypt(password, randomBytes(16), 64)` with the default or higher cost) or bcrypt with 12 rounds; PBKDF2 only with SHA-256 and at least 600,000 iterations. Generate a random salt per password and store it with the hash.",
    examples: {
      flagged: `import { pbkdf2Sync, randomBytes } from 'node:crypto';\nexport function hashPassword(password: string) {\n  const salt = randomBytes(16);\n  return { salt, hash: pbkdf2Sync(password, salt, 1000, 64, 'sha1') };\n}`,
      safe: `import { pbkdf2Sync, randomBytes } from 'node:crypto';\nexport function hashPassword(password: string) {\n  const salt = randomBytes(16);\n  return { salt, hash: pbkdf2Sync(password, salt, 600_000, 64, 'sha256') };\n}`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
      'https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback',
    ],
  },
  create(context) {
    type Problem = { text: string; at?: Node; suggestion?: { target: Node; value: number } };

    const reportProblems = (call: TSESTree.CallExpression, callee: string, problems: Problem[], minimum: string): void => {
      if (problems.length === 0) return;
      // Problems all found in one options object are reported on the first such property.
      const node = problems.every((p) => p.at !== undefined) ? problems[0]!.at! : call;
      const suggestion = problems.find((p) => p.suggestion !== undefined)?.suggestion;
      context.report({
        node,
        messageId: 'weakKdf',
        data: { callee, problems: problems.map((p) => p.text).join(', '), minimum },
        suggest: suggestion === undefined ? [] : [{ messageId: 'raiseCost', data: { value: String(suggestion.value) }, fix: (fixer) => fixer.replaceText(suggestion.target, String(suggestion.value)) }],
      });
    };

    // Only for what is visibly a user's password: a KDF turning a configured secret into a key
    // (`scryptSync(process.env.SECRET, 'salt', 32)`) needs no per-user salt, and a constant
    // password is a hard-coded key (TSB404).
    const constantSalt = (password: Node | undefined, salt: Node | undefined): Problem[] =>
      salt !== undefined && isPassword(password) && fixedBytes(context, salt) === 'constant' && fixedBytes(context, password) === undefined ? [{ text: 'uses a constant salt' }] : [];

    const lowNumber = (node: Node | undefined, minimum: number, describe: (n: number) => string, at?: Node, suggested?: number): Problem[] => {
      const value = constantNumber(context, node);
      if (value === undefined || value >= minimum) return [];
      const literal = node !== undefined && skipWrappers(node).type === 'Literal' ? skipWrappers(node) : undefined;
      return [{ text: describe(value), ...(at !== undefined ? { at } : {}), ...(literal !== undefined && suggested !== undefined ? { suggestion: { target: literal, value: suggested } } : {}) }];
    };

    const weakDigest = (node: Node | undefined, at?: Node): Problem[] => {
      const weak = algorithmNames(context, node).find((name) => WEAK_KDF_DIGESTS.has(name.toLowerCase()));
      return weak === undefined ? [] : [{ text: `uses ${weak.toUpperCase()}`, ...(at !== undefined ? { at } : {}) }];
    };

    const optionProblems = (options: Node | undefined, checks: readonly [string[], number, (n: number) => string][]): Problem[] => {
      const object = objectLiteralOf(context, options);
      if (object === undefined) return [];
      return checks.flatMap(([keys, minimum, describe]) =>
        keys.flatMap((key) => {
          const property = propertyNamed(object, key);
          return property === undefined ? [] : lowNumber(property.value, minimum, describe, property);
        }),
      );
    };

    const iterations = (n: number): string => `runs only ${n.toLocaleString('en-US')} iterations`;

    /** The hash a `.update(data)` call feeds: `createHash('sha256').update(password)` or `hash.update(password)` after `const hash = createHash(...)`. */
    const hashFactoryOf = (receiver: Node): string | undefined => {
      let node = skipWrappers(receiver);
      // createHash('sha256').update(salt).update(password)
      while (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && staticPropertyName(node.callee) === 'update') node = skipWrappers(node.callee.object);
      if (node.type === 'Identifier') node = bindingInitializer(context, node) ?? node;
      if (node.type !== 'CallExpression') return undefined;
      const factory = resolveCallee(context, node);
      return factory === 'crypto.createHash' ? factory : undefined;
    };

    const isPassword = (data: Node | undefined): boolean => data !== undefined && valueNames(context, data).some(isPasswordName);

    return {
      CallExpression(node) {
        const written = node.callee.type === 'MemberExpression' ? staticPropertyName(node.callee) : undefined;

        if (written === 'update' && node.callee.type === 'MemberExpression' && isPassword(argumentAt(node, 0))) {
          const factory = hashFactoryOf(node.callee.object);
          if (factory !== undefined) context.report({ node, messageId: 'fastHash', data: { callee: factory } });
          return;
        }
        if (!mayCallNamed(context, node, CALLED_NAMES)) return;
        const callee = resolveCallee(context, node);
        if (callee === undefined) return;

        if (NODE_PBKDF2.has(callee)) {
          const [password, salt, count, , digest] = [0, 1, 2, 3, 4].map((i) => argumentAt(node, i));
          reportProblems(node, callee, [...lowNumber(count, MIN_PBKDF2_ITERATIONS, iterations, undefined, 600_000), ...weakDigest(digest), ...constantSalt(password, salt)], '600,000 iterations of SHA-256');
          return;
        }
        if (NODE_SCRYPT.has(callee)) {
          const [password, salt, , options] = [0, 1, 2, 3].map((i) => argumentAt(node, i));
          const problems = [
            ...constantSalt(password, salt),
            ...optionProblems(options, [
              [['cost', 'N'], MIN_SCRYPT_COST, (n) => `sets cost N=${n}`],
              [['blockSize', 'r'], MIN_SCRYPT_BLOCK_SIZE, (n) => `sets block size r=${n}`],
            ]),
          ];
          reportProblems(node, callee, problems, 'cost N=2^17 (r=8, p=1)');
          return;
        }
        const [module, method] = splitMember(callee);
        if (BCRYPT_MODULES.has(module)) {
          const index = method === 'hash' || method === 'hashSync' ? 1 : method === 'genSalt' || method === 'genSaltSync' ? 0 : -1;
          if (index < 0) return;
          const rounds = argumentAt(node, index);
          const salt = constantString(context, rounds);
          const problems = salt !== undefined && /^\$2[abxy]?\$/.test(salt) ? [{ text: 'uses a constant salt' }] : lowNumber(rounds, MIN_BCRYPT_ROUNDS, (n) => `uses a work factor of ${n}`, undefined, SUGGESTED_BCRYPT_ROUNDS);
          reportProblems(node, callee, problems, 'a work factor of 12');
          return;
        }
        if (ARGON2_HASH.has(callee)) {
          const problems = optionProblems(argumentAt(node, 1), [
            [['memoryCost'], MIN_ARGON2_MEMORY_KIB, (n) => `sets memoryCost=${n} KiB`],
            [['timeCost'], MIN_ARGON2_TIME, (n) => `sets timeCost=${n}`],
          ]);
          reportProblems(node, callee, problems, '19 MiB of memory and 2 passes (argon2id)');
          return;
        }
        const cryptoJs = cryptoJsMember(callee);
        if (cryptoJs === 'PBKDF2') {
          const object = objectLiteralOf(context, argumentAt(node, 2));
          const hasher = object === undefined ? undefined : propertyNamed(object, 'hasher');
          const hasherName = hasher === undefined ? undefined : cryptoJsMember(resolveReference(context, hasher.value));
          const problems = [
            ...optionProblems(argumentAt(node, 2), [[['iterations'], MIN_PBKDF2_ITERATIONS, iterations]]),
            ...(hasher !== undefined && (hasherName === 'algo.SHA1' || hasherName === 'algo.MD5') ? [{ text: `uses ${hasherName.slice(5)}`, at: hasher }] : []),
            ...constantSalt(argumentAt(node, 0), argumentAt(node, 1)),
          ];
          reportProblems(node, callee, problems, '600,000 iterations of SHA-256');
          return;
        }
        if (cryptoJs !== undefined && CRYPTO_JS_FAST.test(cryptoJs)) {
          if (isPassword(argumentAt(node, 0))) context.report({ node, messageId: 'fastHash', data: { callee } });
          return;
        }
        if (forgeMember(callee) === 'pkcs5.pbkdf2') {
          const [password, salt, count, , md] = [0, 1, 2, 3, 4].map((i) => argumentAt(node, i));
          const mdCall = md === undefined ? undefined : skipWrappers(md);
          const mdName = mdCall === undefined ? 'md.sha1.create' : forgeMember(mdCall.type === 'CallExpression' ? resolveCallee(context, mdCall) : resolveReference(context, mdCall));
          const problems = [
            ...lowNumber(count, MIN_PBKDF2_ITERATIONS, iterations, undefined, 600_000),
            ...(mdName !== undefined && /^md\.(sha1|md5)/.test(mdName) ? [{ text: md === undefined ? 'uses SHA1 (the default)' : `uses ${mdName.split('.')[1]!.toUpperCase()}` }] : []),
            ...constantSalt(password, salt),
          ];
          reportProblems(node, callee, problems, '600,000 iterations of SHA-256');
          return;
        }
        const subtle = subtleMethod(callee);
        if (subtle === 'deriveBits' || subtle === 'deriveKey') {
          const object = objectLiteralOf(context, argumentAt(node, 0));
          if (object === undefined || !algorithmNames(context, object).some((name) => name.toUpperCase() === 'PBKDF2')) return;
          const hash = propertyNamed(object, 'hash');
          const problems = [...optionProblems(object, [[['iterations'], MIN_PBKDF2_ITERATIONS, iterations]]), ...(hash === undefined ? [] : weakDigest(hash.value, hash))];
          reportProblems(node, callee, problems, '600,000 iterations of SHA-256');
          return;
        }
        if (subtle === 'digest' || ONE_SHOT_HASHES.has(callee)) {
          if (isPassword(argumentAt(node, subtle === 'digest' ? 1 : DATA_INDEX.get(callee) ?? 0))) context.report({ node, messageId: 'fastHash', data: { callee } });
        }
      },
    };
  },
});

/** `bcryptjs.hashSync` → [`bcryptjs`, `hashSync`]; `@node-rs/bcrypt.hash` → [`@node-rs/bcrypt`, `hash`]. */
function splitMember(callee: string): [string, string] {
  const dot = callee.lastIndexOf('.');
  return dot < 0 ? [callee, ''] : [callee.slice(0, dot), callee.slice(dot + 1)];
}
