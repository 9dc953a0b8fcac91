import { defineRule } from '../../src/rule/index.js';
import { argumentAt, possibleStaticValues, resolveCalleeAmong } from '../../src/analysis/index.js';

/** Node's crypto calls whose first argument names a hash algorithm. */
const HASH_FACTORIES = new Set(['crypto.createHash', 'crypto.hash', 'crypto.subtle.digest', 'crypto.webcrypto.subtle.digest']);

/** Broken or collision-prone digests, as OpenSSL spells them (lower-cased), with how sure we are it matters. */
const WEAK_DIGESTS: ReadonlyMap<string, 'high' | 'medium'> = new Map([
  ['md4', 'high'], ['md5', 'high'], ['rsa-md4', 'high'], ['rsa-md5', 'high'], ['md5-sha1', 'high'],
  ['md5withrsaencryption', 'high'], ['ripemd', 'medium'], ['ripemd160', 'medium'], ['rmd160', 'medium'], ['ripemd-160', 'medium'],
  // SHA-1 is often used for non-security checksums (ETags, git-style ids): less sure it is a weakness.
  ['sha1', 'medium'], ['sha-1', 'medium'], ['rsa-sha1', 'medium'], ['rsa-sha1-2', 'medium'], ['sha1withrsaencryption', 'medium'],
]);

export default defineRule({
  id: 'TSB401',
  name: 'weak-hash',
  title: 'Weak hash algorithm (MD4, MD5, SHA-1, RIPEMD-160) passed to crypto.createHash',
  cwe: [328, 327],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 5.9,
  recommended: true,
  hasSuggestions: true,
  messages: {
    weakDigest: '`{{callee}}` uses {{algorithm}}, which has practical collision attacks; use SHA-256 or stronger (for passwords: scrypt or argon2).',
    useSha256: "Replace the algorithm with 'sha256'.",
  },
  docs: {
    why: 'MD5 and SHA-1 collisions can be computed cheaply (SHAttered, chosen-prefix attacks), so they cannot protect integrity, signatures or unique identifiers against an adversary; MD4 and RIPEMD-160 are weaker still. Fast hashes are also unfit for passwords.',
    fix: "Use `createHash('sha256')` (or sha384/sha512/sha3-256) for integrity. For passwords use `scrypt`, argon2 or bcrypt. If the digest only names a cache entry and cannot be attacked, document it with a suppression.",
    examples: {
      flagged: `import { createHash } from 'node:crypto';\nexport const checksum = (data: Buffer) => createHash('md5').update(data).digest('hex');`,
      safe: `import { createHash } from 'node:crypto';\nexport const checksum = (data: Buffer) => createHash('sha256').update(data).digest('hex');`,
    },
    references: ['https://csrc.nist.gov/projects/hash-functions/policy-on-hash-functions'],
    sources: ['bandit:B324', 'eslint-plugin-security:detect-insecure-hash'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = resolveCalleeAmong(context, node, HASH_FACTORIES);
        if (callee === undefined) return;
        const algorithmNode = argumentAt(node, 0);
        if (algorithmNode === undefined) return;
        // Every value the argument can take: `legacy ? 'md5' : 'sha256'` is weak on one path.
        const weak = (possibleStaticValues(context, algorithmNode) ?? [])
          .map(({ value }) => (typeof value === 'string' ? value : ''))
          .find((value) => WEAK_DIGESTS.has(value.toLowerCase()));
        if (weak === undefined) return;
        const isLiteral = algorithmNode.type === 'Literal';
        context.report({
          node: algorithmNode,
          messageId: 'weakDigest',
          data: { callee, algorithm: weak.toUpperCase() },
          confidence: WEAK_DIGESTS.get(weak.toLowerCase()),
          suggest: isLiteral ? [{ messageId: 'useSha256', fix: (fixer) => fixer.replaceText(algorithmNode, "'sha256'") }] : [],
        });
      },
    };
  },
});
