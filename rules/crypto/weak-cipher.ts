import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, mayCallNamed, resolveCallee, resolveReference, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { algorithmNames, constantNumber, constantString, cryptoJsMember, forgeMember, objectLiteralOf, propertyNamed, subtleMethod } from '../../src/analysis/crypto-values.js';

/** Node's cipher factories, whose first argument is an OpenSSL cipher name. */
const NODE_CIPHERIV = new Set(['crypto.createCipheriv', 'crypto.createDecipheriv']);
/** Deprecated (removed in Node 22): key from one MD5 pass over a password, IV derived from it. */
const NODE_NO_IV = new Set(['crypto.createCipher', 'crypto.createDecipher']);
/** node-forge cipher factories taking a cipher name, and its legacy per-algorithm ciphers. */
const FORGE_CIPHER_FACTORIES = new Set(['cipher.createCipher', 'cipher.createDecipher']);
const FORGE_BROKEN = /^(des|rc2)\.(createEncryptionCipher|createDecryptionCipher|startEncrypting|startDecrypting)$/;
/** crypto-js ciphers that are broken whatever the mode. */
const CRYPTO_JS_BROKEN = /^(DES|TripleDES|RC4|RC4Drop)\.(encrypt|decrypt)$/;
/** Web Crypto operations and the index of their algorithm argument. */
const WEB_CRYPTO_CIPHER_OPERATIONS: ReadonlyMap<string, number> = new Map([['encrypt', 0], ['decrypt', 0], ['wrapKey', 3], ['unwrapKey', 3]]);
/** RSA encryption entry points where PKCS#1 v1.5 padding is a padding oracle (signing-style calls are not). */
const RSA_ENCRYPTION = new Set(['crypto.publicEncrypt', 'crypto.privateDecrypt']);
/** What produces a MAC: a file with one of these is taken to authenticate its CBC ciphertext. */
const MAC_CALLS = new Set(['crypto.createHmac']);

/**
 * The last names of every call this rule looks at (Node, Web Crypto, crypto-js, node-forge): a
 * call written with none of them is skipped before callee resolution. node-forge's
 * `forge.hmac.create()` is recognised by its written `hmac.create`, since `create` alone is everywhere.
 */
const CALLED_NAMES: ReadonlySet<string> = new Set([
  ...[...NODE_CIPHERIV, ...NODE_NO_IV, ...RSA_ENCRYPTION, ...MAC_CALLS].map((name) => name.slice('crypto.'.length)),
  ...WEB_CRYPTO_CIPHER_OPERATIONS.keys(),
  'sign',
  'importKey',
  'generateKey',
  'createEncryptionCipher',
  'createDecryptionCipher',
  'startEncrypting',
  'startDecrypting',
  ...['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3', 'RIPEMD160'].map((hash) => `Hmac${hash}`),
]);

/** `forge.hmac.create()`, `hmac.create()`. */
function isWrittenHmacCreate(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'create') return false;
  const owner = skipWrappers(callee.object);
  return owner.type === 'Identifier' ? owner.name === 'hmac' : owner.type === 'MemberExpression' && staticPropertyName(owner) === 'hmac';
}

/** DES, 3DES, RC2, RC4, Blowfish, CAST, IDEA: broken or 64-bit blocks (Sweet32). */
const BROKEN_CIPHER = /^(des|des3|3des|desx|des-ede3?|tripledes|rc2|rc4|rc5|bf|blowfish|cast|cast5|cast-cbc|idea)(-|$)/i;

type Weakness = 'broken' | 'ecb' | 'cbc';

function classify(algorithm: string): Weakness | undefined {
  const name = algorithm.toLowerCase();
  if (BROKEN_CIPHER.test(name)) return 'broken';
  if (/(^|-)ecb$/.test(name)) return 'ecb';
  if (/-cbc$/.test(name) || /^aes-?(128|192|256)$/.test(name)) return 'cbc';
  return undefined;
}

export default defineRule({
  id: 'TSB402',
  name: 'weak-cipher',
  title: 'Broken cipher (DES, 3DES, RC4, Blowfish), ECB mode, createCipher without IV, or unauthenticated CBC',
  cwe: [327, 780],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 7.4,
  recommended: true,
  hasSuggestions: true,
  messages: {
    noIv: '`{{callee}}` is deprecated: it derives the key from a password with a single MD5 pass and a fixed IV; use `createCipheriv` with a scrypt-derived key and a random IV (aes-256-gcm).',
    brokenCipher: '`{{callee}}` uses {{algorithm}}, a broken or 64-bit-block cipher; use AES-256-GCM or ChaCha20-Poly1305.',
    ecbMode: '`{{callee}}` uses ECB mode ({{algorithm}}), which encrypts equal blocks to equal ciphertext; use an authenticated mode such as AES-GCM.',
    unauthenticatedCbc: '`{{callee}}` uses {{algorithm}} and nothing in this file computes a MAC: the ciphertext can be altered (padding oracle); prefer AES-GCM or add an HMAC (encrypt-then-MAC).',
    rsaPkcs1Padding: 'RSA encryption with PKCS#1 v1.5 padding is open to padding-oracle attacks (Bleichenbacher); use OAEP.',
    useOaep: 'Use `{{replacement}}` instead.',
  },
  docs: {
    why: 'DES keys can be searched exhaustively, RC4 output is biased, and 64-bit block ciphers (3DES, Blowfish) leak plaintext after a few gigabytes under one key (Sweet32). ECB encrypts equal blocks to equal ciphertext, so structure shows through. `crypto.createCipher` derives its key with one MD5 pass and no salt, and its IV from the password, so equal messages encrypt alike. CBC without a MAC lets an attacker flip plaintext bits and, with any error signal, decrypt through a padding oracle; PKCS#1 v1.5 RSA encryption has the same problem (Bleichenbacher). Checks Node `crypto`, Web Crypto, crypto-js, node-forge and node-rsa. CBC is reported at low confidence, and not at all when the file also computes an HMAC.',
    fix: 'Encrypt with AES-256-GCM (or ChaCha20-Poly1305): `createCipheriv(\'aes-256-gcm\', key, randomBytes(12))`, store the IV and `getAuthTag()` with the ciphertext and check it with `setAuthTag()` before using the plaintext. Derive keys with scrypt or HKDF, never with createCipher. For RSA encryption use `RSA_PKCS1_OAEP_PADDING`.',
    examples: {
      flagged: `import { createCipheriv, randomBytes } from 'node:crypto';\nexport function encrypt(key: Buffer, data: string) {\n  const iv = randomBytes(8);\n  const cipher = createCipheriv('des-ede3-cbc', key, iv);\n  return Buffer.concat([iv, cipher.update(data, 'utf8'), cipher.final()]);\n}`,
      safe: `import { createCipheriv, randomBytes } from 'node:crypto';\nexport function encrypt(key: Buffer, data: string) {\n  const iv = randomBytes(12);\n  const cipher = createCipheriv('aes-256-gcm', key, iv);\n  const body = Buffer.concat([cipher.update(data, 'utf8'), cipher.final()]);\n  return Buffer.concat([iv, cipher.getAuthTag(), body]);\n}`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
      'https://nodejs.org/api/crypto.html#cryptocreatecipherivalgorithm-key-iv-options',
      'https://sweet32.info/',
    ],
    sources: ['bandit:B304', 'bandit:B305'],
  },
  create(context) {
    const cbcUses: { node: Node; callee: string; algorithm: string }[] = [];
    let computesMac = false;
    const reported = new Set<Node>();

    const checkAlgorithm = (at: Node, algorithmNode: Node | undefined, callee: string): void => {
      if (algorithmNode === undefined) return;
      const names = algorithmNames(context, algorithmNode);
      const weakest = (['broken', 'ecb', 'cbc'] as const)
        .map((weakness) => ({ weakness, algorithm: names.find((name) => classify(name) === weakness) }))
        .find((candidate) => candidate.algorithm !== undefined);
      if (weakest === undefined || weakest.algorithm === undefined) return;
      if (weakest.weakness === 'cbc') {
        cbcUses.push({ node: at, callee, algorithm: weakest.algorithm });
        return;
      }
      report(at, weakest.weakness === 'broken' ? 'brokenCipher' : 'ecbMode', callee, weakest.algorithm);
    };

    const report = (node: Node, messageId: 'brokenCipher' | 'ecbMode' | 'noIv', callee: string, algorithm: string): void => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data: { callee, algorithm: algorithm.toUpperCase() } });
    };

    /** `{ padding: crypto.constants.RSA_PKCS1_PADDING }` (or its value, 1). */
    const checkRsaPadding = (options: Node | undefined): void => {
      const object = objectLiteralOf(context, options);
      const padding = object === undefined ? undefined : propertyNamed(object, 'padding');
      if (padding === undefined || reported.has(padding)) return;
      const constant = resolveReference(context, padding.value);
      const isPkcs1 = constant === 'crypto.constants.RSA_PKCS1_PADDING' || constant === 'constants.RSA_PKCS1_PADDING' || constantNumber(context, padding.value) === 1;
      if (!isPkcs1) return;
      reported.add(padding);
      const value = padding.value;
      const name = value.type === 'MemberExpression' && !value.computed ? value.property : undefined;
      context.report({
        node: padding,
        messageId: 'rsaPkcs1Padding',
        suggest: name === undefined ? [] : [{ messageId: 'useOaep', data: { replacement: 'RSA_PKCS1_OAEP_PADDING' }, fix: (fixer) => fixer.replaceText(name, 'RSA_PKCS1_OAEP_PADDING') }],
      });
    };

    const checkCryptoJsMode = (options: Node | undefined, callee: string): void => {
      const object = objectLiteralOf(context, options);
      const mode = object === undefined ? undefined : propertyNamed(object, 'mode');
      if (mode === undefined) return;
      const member = cryptoJsMember(resolveReference(context, mode.value));
      if (member === 'mode.ECB') report(mode, 'ecbMode', callee, 'ECB');
    };

    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!mayCallNamed(context, node, CALLED_NAMES) && !isWrittenHmacCreate(node)) return;
        const callee = resolveCallee(context, node);
        if (callee === undefined) {
          checkForgeRsaPadding(node);
          return;
        }
        if (MAC_CALLS.has(callee) || /^Hmac/.test(cryptoJsMember(callee) ?? '') || forgeMember(callee) === 'hmac.create') computesMac = true;
        if (NODE_NO_IV.has(callee)) {
          report(node, 'noIv', callee, constantString(context, argumentAt(node, 0)) ?? '');
          return;
        }
        if (NODE_CIPHERIV.has(callee)) {
          checkAlgorithm(node, argumentAt(node, 0), callee);
          return;
        }
        if (RSA_ENCRYPTION.has(callee)) {
          checkRsaPadding(argumentAt(node, 0));
          return;
        }
        const subtle = subtleMethod(callee);
        if (subtle !== undefined) {
          if ((subtle === 'sign' || subtle === 'importKey' || subtle === 'generateKey') && /HMAC/i.test(algorithmNames(context, argumentAt(node, subtle === 'importKey' ? 2 : 0)).join(' '))) computesMac = true;
          const index = WEB_CRYPTO_CIPHER_OPERATIONS.get(subtle);
          if (index !== undefined) checkAlgorithm(node, argumentAt(node, index), callee);
          return;
        }
        const cryptoJs = cryptoJsMember(callee);
        if (cryptoJs !== undefined) {
          if (CRYPTO_JS_BROKEN.test(cryptoJs)) report(node, 'brokenCipher', callee, cryptoJs.split('.')[0] ?? cryptoJs);
          else if (/\.(encrypt|decrypt)$/.test(cryptoJs)) checkCryptoJsMode(argumentAt(node, 2), callee);
          return;
        }
        const forge = forgeMember(callee);
        if (forge !== undefined) {
          if (FORGE_CIPHER_FACTORIES.has(forge)) checkAlgorithm(node, argumentAt(node, 0), callee);
          else if (FORGE_BROKEN.test(forge)) report(node, 'brokenCipher', callee, forge.split('.')[0] ?? forge);
          return;
        }
        checkForgeRsaPadding(node);
      },
      Property(node) {
        // node-rsa: { encryptionScheme: 'pkcs1' }
        if (node.key.type !== 'Identifier' || node.key.name !== 'encryptionScheme' || node.computed) return;
        if (constantString(context, node.value)?.toLowerCase() === 'pkcs1' && !reported.has(node)) {
          reported.add(node);
          context.report({ node, messageId: 'rsaPkcs1Padding' });
        }
      },
      'Program:exit'() {
        if (computesMac) return;
        for (const use of cbcUses) {
          if (reported.has(use.node)) continue;
          reported.add(use.node);
          context.report({ node: use.node, messageId: 'unauthenticatedCbc', data: { callee: use.callee, algorithm: use.algorithm.toUpperCase() }, confidence: 'low' });
        }
      },
    };

    /** node-forge keys: `publicKey.encrypt(data, 'RSAES-PKCS1-V1_5')` (the receiver is a run-time key object). */
    function checkForgeRsaPadding(node: TSESTree.CallExpression): void {
      if (calleeWrittenName(node) !== 'encrypt' && calleeWrittenName(node) !== 'decrypt') return;
      if (constantString(context, argumentAt(node, 1))?.toUpperCase() !== 'RSAES-PKCS1-V1_5' || reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId: 'rsaPkcs1Padding', confidence: 'medium' });
    }
  },
});
