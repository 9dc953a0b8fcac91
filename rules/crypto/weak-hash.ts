import { defineRule } from '../../src/rule/index.js';
import type { Confidence, Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, getStaticValue, resolveCallee, resolveReference, fileMentions, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';
import { HEADER_SETTERS } from '../../src/analysis/http.js';
import { algorithmNames, cryptoJsMember, enclosingFunctions, forgeMember, functionName, identifierWords, isPasswordName, isSecurityName, objectLiteralOf, propertyNamed, subtleMethod, valueNames } from '../../src/analysis/crypto-values.js';

type Use = 'hash' | 'hmac' | 'signature';

/** Node's crypto calls whose first argument names a digest, and what the digest is for. */
const NODE_DIGEST_CALLS: ReadonlyMap<string, Use> = new Map([
  ['crypto.createHash', 'hash'], ['crypto.hash', 'hash'],
  ['crypto.createHmac', 'hmac'],
  ['crypto.createSign', 'signature'], ['crypto.createVerify', 'signature'], ['crypto.sign', 'signature'], ['crypto.verify', 'signature'],
]);

/** Broken or collision-prone digests, as OpenSSL and Web Crypto spell them (lower-cased). */
const WEAK_DIGESTS: ReadonlyMap<string, 'md5' | 'sha1' | 'ripemd'> = new Map([
  ['md4', 'md5'], ['md5', 'md5'], ['rsa-md4', 'md5'], ['rsa-md5', 'md5'], ['md5-sha1', 'md5'], ['md5withrsaencryption', 'md5'],
  ['md4withrsaencryption', 'md5'], ['ripemd', 'ripemd'], ['ripemd160', 'ripemd'], ['rmd160', 'ripemd'], ['ripemd-160', 'ripemd'],
  ['rsa-ripemd160', 'ripemd'], ['sha1', 'sha1'], ['sha-1', 'sha1'], ['rsa-sha1', 'sha1'], ['rsa-sha1-2', 'sha1'], ['sha1withrsaencryption', 'sha1'],
  ['ecdsa-with-sha1', 'sha1'], ['dsa-sha1', 'sha1'], ['dsawithsha1', 'sha1'], ['dsa-sha', 'sha1'], ['dsa', 'sha1'],
]);

/**
 * How sure we are the digest is a weakness, by use. SHA-1 is often a non-security checksum
 * (ETags, cache keys), and HMAC does not rely on collision resistance, so those are less sure.
 */
const CONFIDENCE: Readonly<Record<Use, Readonly<Record<'md5' | 'sha1' | 'ripemd', Confidence>>>> = {
  hash: { md5: 'high', sha1: 'medium', ripemd: 'medium' },
  hmac: { md5: 'medium', sha1: 'low', ripemd: 'low' },
  signature: { md5: 'high', sha1: 'high', ripemd: 'medium' },
};

/**
 * Words in the name a plain digest is stored under, returned as, or computed in, that say it
 * only identifies content: an HTTP validator, a cache entry, the MD5 Gravatar requires, a colour
 * or a bucket picked from a string. The finding stays (a collision still swaps two entries) at low confidence.
 */
const IDENTITY_WORDS = new Set(['etag', 'etags', 'cache', 'gravatar', 'avatar', 'color', 'colour', 'bucket', 'shard', 'partition', 'dedupe', 'dedup']);
/** Methods of a hash object or of its hex string that carry the digest on: `createHash('md5').update(x).digest('hex').slice(0, 8)`. */
const DIGEST_CHAIN_METHODS = new Set(['update', 'digest', 'toString', 'toUpperCase', 'toLowerCase', 'slice', 'substring', 'substr', 'padStart']);

/** crypto-js functions and hashers that compute a weak digest. */
const CRYPTO_JS_WEAK: ReadonlyMap<string, [Use, string]> = new Map([
  ['MD5', ['hash', 'MD5']], ['SHA1', ['hash', 'SHA1']], ['RIPEMD160', ['hash', 'RIPEMD160']],
  ['algo.MD5.create', ['hash', 'MD5']], ['algo.SHA1.create', ['hash', 'SHA1']], ['algo.RIPEMD160.create', ['hash', 'RIPEMD160']],
  ['HmacMD5', ['hmac', 'MD5']], ['HmacSHA1', ['hmac', 'SHA1']], ['HmacRIPEMD160', ['hmac', 'RIPEMD160']],
  ['algo.HMAC.create', ['hmac', '']],
]);
const CRYPTO_JS_STRONGER: Readonly<Record<string, string>> = { MD5: 'SHA256', SHA1: 'SHA256', RIPEMD160: 'SHA256', HmacMD5: 'HmacSHA256', HmacSHA1: 'HmacSHA256', HmacRIPEMD160: 'HmacSHA256' };

/** Packages (or their members) whose call computes MD5 or SHA-1. */
const WEAK_HASH_PACKAGES: ReadonlyMap<string, string> = new Map([
  ['md5', 'MD5'], ['blueimp-md5', 'MD5'], ['js-md5', 'MD5'], ['js-md5.md5', 'MD5'], ['md5-hex', 'MD5'], ['md5-file', 'MD5'], ['md5-file.sync', 'MD5'],
  ['spark-md5.hash', 'MD5'], ['spark-md5.ArrayBuffer.hash', 'MD5'], ['hash-wasm.md5', 'MD5'], ['hash-wasm.md4', 'MD4'], ['hash-wasm.sha1', 'SHA1'],
  ['sha1', 'SHA1'], ['js-sha1', 'SHA1'], ['js-sha1.sha1', 'SHA1'], ['hash.js.sha1', 'SHA1'], ['hash.js.ripemd160', 'RIPEMD160'],
]);

/** Hashing helpers taking `{ algorithm }` options, with the index of the options argument. */
const ALGORITHM_OPTION_CALLS: ReadonlyMap<string, number> = new Map([
  ['hasha', 1], ['hasha.sync', 1], ['hasha.async', 1], ['hasha.fromFile', 1], ['hasha.fromFileSync', 1], ['hasha.fromStream', 1], ['hasha.hash', 1], ['hasha.hashSync', 1],
  ['object-hash', 1], ['object-hash.default', 1],
]);

/** node-forge message digests. */
const FORGE_WEAK: ReadonlyMap<string, string> = new Map([
  ['md.md5.create', 'MD5'], ['md5.create', 'MD5'], ['md.sha1.create', 'SHA1'], ['sha1.create', 'SHA1'],
]);

/** Web Crypto algorithms whose `hash` member is a signature or MAC digest (RSA-OAEP's is a padding detail: not flagged). */
const WEB_CRYPTO_HASH_USES: ReadonlyMap<string, Use> = new Map([
  ['RSASSA-PKCS1-V1_5', 'signature'], ['RSA-PSS', 'signature'], ['ECDSA', 'signature'], ['HMAC', 'hmac'],
]);
const WEB_CRYPTO_WITH_ALGORITHM: ReadonlyMap<string, number> = new Map([['generateKey', 0], ['importKey', 2], ['sign', 0], ['verify', 0], ['unwrapKey', 4]]);

/** What to write instead of a weak spelling, keeping its style: `'RSA-SHA1'` → `'RSA-SHA256'`. */
function strongerSpelling(weak: string): string | undefined {
  const lower = weak.toLowerCase();
  if (['md4', 'md5', 'sha1', 'ripemd160', 'rmd160', 'ripemd'].includes(lower)) return weak === weak.toUpperCase() ? 'SHA256' : 'sha256';
  if (lower === 'sha-1') return 'SHA-256';
  if (['rsa-md5', 'rsa-md4', 'rsa-sha1', 'rsa-ripemd160'].includes(lower)) return 'RSA-SHA256';
  if (['sha1withrsaencryption', 'md5withrsaencryption'].includes(lower)) return 'sha256WithRSAEncryption';
  if (lower === 'ecdsa-with-sha1') return 'ecdsa-with-SHA256';
  return undefined;
}

export default defineRule({
  id: 'TSB401',
  name: 'weak-hash',
  title: 'Weak hash algorithm (MD4, MD5, SHA-1, RIPEMD-160) used for a digest, an HMAC or a signature',
  cwe: [328, 327],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 5.9,
  recommended: true,
  hasSuggestions: true,
  messages: {
    weakDigest: '`{{callee}}` uses {{algorithm}}, which has practical collision attacks; use SHA-256 or stronger (for passwords: scrypt or argon2).',
    weakHmac: '`{{callee}}` computes an HMAC with {{algorithm}}; use HMAC-SHA256 or stronger.',
    weakSignature: '`{{callee}}` signs or verifies with {{algorithm}}, whose collisions make signatures forgeable; use SHA-256 or stronger.',
    useStronger: "Replace the algorithm with '{{replacement}}'.",
    useStrongerFunction: 'Call `{{replacement}}` instead.',
  },
  docs: {
    why: 'MD5 and SHA-1 collisions can be computed cheaply (SHAttered, chosen-prefix attacks), so they cannot protect integrity, signatures or unique identifiers against an adversary; MD4 and RIPEMD-160 are weaker still. A signature over a SHA-1 digest can be transplanted onto a colliding document. HMAC-MD5 and HMAC-SHA1 are not broken the same way but are deprecated. Fast hashes are also unfit for passwords. The rule checks Node `crypto` (`createHash`, `hash`, `createHmac`, `createSign`, `createVerify`, `sign`, `verify`), Web Crypto (`subtle.digest` and the `hash` of RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA and HMAC keys), crypto-js, node-forge and the `md5`/`sha1` npm packages. Confidence follows the use: a plain digest of a password or another secret is high whatever the algorithm; one stored, returned or sent under a name that says it only identifies content (an ETag, a cache key, the MD5 Gravatar requires) is low.',
    fix: "Use `createHash('sha256')` (or sha384/sha512/sha3-256) for integrity, `RSA-SHA256` or `sha256` for signatures, `createHmac('sha256', key)` for MACs. For passwords use `scrypt`, argon2 or bcrypt. If the digest only names a cache entry and cannot be attacked, document it with a suppression.",
    examples: {
      flagged: `import { createHash } from 'node:crypto';\nexport const checksum = (data: Buffer) => createHash('md5').update(data).digest('hex');`,
      safe: `import { createHash } from 'node:crypto';\nexport const checksum = (data: Buffer) => createHash('sha256').update(data).digest('hex');`,
    },
    references: [
      'https://csrc.nist.gov/projects/hash-functions/policy-on-hash-functions',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
      'https://shattered.io/',
    ],
    sources: ['bandit:B303', 'bandit:B324', 'eslint-plugin-security:detect-insecure-hash'],
  },
  create(context) {
    const reported = new Set<Node>();
    const report = (node: Node, use: Use, callee: string, algorithm: string, weakness: 'md5' | 'sha1' | 'ripemd', replace?: { target: Node; text: string; kind: 'literal' | 'function' }): void => {
      if (reported.has(node)) return;
      reported.add(node);
      const messageId = use === 'hash' ? 'weakDigest' : use === 'hmac' ? 'weakHmac' : 'weakSignature';
      context.report({
        node,
        messageId,
        data: { callee, algorithm: algorithm.toUpperCase() },
        confidence: use === 'hash' ? digestConfidence(node, weakness) : CONFIDENCE[use][weakness],
        suggest:
          replace === undefined
            ? []
            : [{
                messageId: replace.kind === 'literal' ? 'useStronger' : 'useStrongerFunction',
                data: { replacement: replace.text.replace(/^['"`]|['"`]$/g, '') },
                fix: (fixer) => fixer.replaceText(replace.target, replace.text),
              }],
      });
    };

    /**
     * How sure a plain digest is a weakness: high whatever the algorithm when it hashes a password
     * or another secret (by the names the data is read from), low when the names around it say it
     * only identifies content, else the algorithm's default.
     */
    const digestConfidence = (call: Node, weakness: 'md5' | 'sha1' | 'ripemd'): Confidence => {
      // The data hashed: the call's own arguments but the algorithm, and what `.update()` feeds it.
      const isAlgorithm = (argument: Node): boolean => algorithmNames(context, argument).some((name) => WEAK_DIGESTS.has(name.toLowerCase()));
      const data: Node[] = call.type === 'CallExpression' ? call.arguments.filter((argument) => argument.type !== 'SpreadElement' && !isAlgorithm(argument)) : [];
      let top = call;
      for (;;) {
        const parent = top.parent;
        if (parent?.type === 'AwaitExpression' || parent?.type === 'ChainExpression' || parent?.type === 'TSNonNullExpression') {
          top = parent;
          continue;
        }
        const chained = parent?.parent;
        if (parent?.type !== 'MemberExpression' || parent.object !== top || chained?.type !== 'CallExpression' || chained.callee !== parent) break;
        const method = staticPropertyName(parent);
        if (method === undefined || !DIGEST_CHAIN_METHODS.has(method)) break;
        if (method === 'update' && chained.arguments[0] !== undefined) data.push(chained.arguments[0]);
        top = chained;
      }
      if (data.some((value) => valueNames(context, value).some((name) => isPasswordName(name) || isSecurityName(name)))) return 'high';
      const names = [...destinationNames(top), ...enclosingFunctions(call).slice(0, 2).map(functionName)];
      // `ETag` and `getETag` are one word, not `e` and `tag`.
      if (names.some((name) => name !== undefined && identifierWords(name.replace(/ETag/g, 'Etag')).some((word) => IDENTITY_WORDS.has(word)))) return 'low';
      return CONFIDENCE.hash[weakness];
    };

    /** The names a digest is stored under or sent as: a variable, a property, an `ETag` header; through templates and `+`. */
    const destinationNames = (start: Node): (string | undefined)[] => {
      let current = start;
      let parent = current.parent;
      while (parent?.type === 'TemplateLiteral' || (parent?.type === 'BinaryExpression' && parent.operator === '+') || parent?.type === 'AwaitExpression') {
        current = parent;
        parent = current.parent;
      }
      switch (parent?.type) {
        case 'VariableDeclarator':
          return [parent.id.type === 'Identifier' ? parent.id.name : undefined];
        case 'AssignmentExpression':
          return [parent.left.type === 'Identifier' ? parent.left.name : parent.left.type === 'MemberExpression' ? staticPropertyName(parent.left) : undefined];
        case 'Property':
        case 'PropertyDefinition':
          return [staticKeyName(parent)];
        case 'CallExpression': {
          const written = calleeWrittenName(parent);
          const header = parent.arguments[0] === current || parent.arguments[0] === undefined ? undefined : getStaticValue(context, skipWrappers(parent.arguments[0]))?.value;
          return written !== undefined && HEADER_SETTERS.has(written) && typeof header === 'string' ? [header] : [];
        }
        default:
          return [];
      }
    };

    /** Checks an algorithm argument (a string, or a Web Crypto `{ name }` object) and reports on `at`. */
    const checkAlgorithm = (at: Node, algorithmNode: Node, use: Use, callee: string): void => {
      const weak = algorithmNames(context, algorithmNode).find((value) => WEAK_DIGESTS.has(value.toLowerCase()));
      if (weak === undefined) return;
      const replacement = strongerSpelling(weak);
      const literal = algorithmNode.type === 'Literal' && typeof algorithmNode.value === 'string' ? algorithmNode : undefined;
      const quote = literal?.raw.charAt(0) ?? "'";
      report(at, use, callee, weak, WEAK_DIGESTS.get(weak.toLowerCase())!, literal !== undefined && replacement !== undefined ? { target: literal, text: `${quote}${replacement}${quote}`, kind: 'literal' } : undefined);
    };

    /** A Web Crypto algorithm object `{ name: 'HMAC', hash: 'SHA-1' }`: reports on its `hash` property. */
    const checkWebCryptoHash = (algorithmNode: Node, callee: string): void => {
      const object = objectLiteralOf(context, algorithmNode);
      if (object === undefined) return;
      const use = algorithmNames(context, object).map((name) => WEB_CRYPTO_HASH_USES.get(name.toUpperCase())).find((u) => u !== undefined);
      const hash = propertyNamed(object, 'hash');
      if (use === undefined || hash === undefined) return;
      checkAlgorithm(hash, hash.value, use, callee);
    };

    // Every weak digest this rule knows is named in the file (`'md5'`, `'SHA-1'`, `CryptoJS.MD5`,
    // the `sha1` package, `RIPEMD160`): without one, no call needs resolving (a scope analysis).
    const mentionsWeakDigest = fileMentions(context, /md5|sha-?1|ripemd/i);

    return {
      CallExpression(node) {
        if (!mentionsWeakDigest()) return;
        const callee = resolveCallee(context, node);
        if (callee === undefined) return;
        const nodeUse = NODE_DIGEST_CALLS.get(callee);
        const first = argumentAt(node, 0);
        if (nodeUse !== undefined) {
          if (first !== undefined) checkAlgorithm(node, first, nodeUse, callee);
          return;
        }
        const subtle = subtleMethod(callee);
        if (subtle !== undefined) {
          if (subtle === 'digest' && first !== undefined) checkAlgorithm(node, first, 'hash', callee);
          const index = WEB_CRYPTO_WITH_ALGORITHM.get(subtle);
          const algorithm = index === undefined ? undefined : argumentAt(node, index);
          if (algorithm !== undefined) checkWebCryptoHash(algorithm, callee);
          return;
        }
        const cryptoJs = cryptoJsMember(callee);
        const cryptoJsWeak = cryptoJs === undefined ? undefined : CRYPTO_JS_WEAK.get(cryptoJs);
        if (cryptoJs !== undefined && cryptoJsWeak !== undefined) {
          const [use, algorithm] = cryptoJsWeak;
          // CryptoJS.algo.HMAC.create(CryptoJS.algo.SHA1, key): the hasher is an argument.
          if (algorithm === '') {
            const hasher = cryptoJsMember(first === undefined ? undefined : resolveReference(context, first));
            const weak = hasher === undefined ? undefined : /^algo\.(MD5|SHA1|RIPEMD160)$/.exec(hasher)?.[1];
            if (weak !== undefined) report(node, 'hmac', callee, weak, weak === 'MD5' ? 'md5' : weak === 'SHA1' ? 'sha1' : 'ripemd');
            return;
          }
          const stronger = CRYPTO_JS_STRONGER[cryptoJs];
          const property = node.callee.type === 'MemberExpression' && !node.callee.computed ? node.callee.property : undefined;
          report(node, use, callee, algorithm, algorithm === 'SHA1' ? 'sha1' : algorithm === 'RIPEMD160' ? 'ripemd' : 'md5', property !== undefined && stronger !== undefined ? { target: property, text: stronger, kind: 'function' } : undefined);
          return;
        }
        const optionsIndex = ALGORITHM_OPTION_CALLS.get(callee);
        if (optionsIndex !== undefined) {
          const options = objectLiteralOf(context, argumentAt(node, optionsIndex));
          const algorithm = options === undefined ? undefined : propertyNamed(options, 'algorithm');
          if (algorithm !== undefined) checkAlgorithm(algorithm, algorithm.value, 'hash', callee);
          return;
        }
        const forge = FORGE_WEAK.get(forgeMember(callee) ?? '');
        const packaged = forge ?? WEAK_HASH_PACKAGES.get(callee);
        if (packaged !== undefined) report(node, 'hash', callee, packaged, packaged === 'SHA1' ? 'sha1' : packaged === 'RIPEMD160' ? 'ripemd' : 'md5');
      },
    };
  },
});
