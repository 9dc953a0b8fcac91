import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, mayCallNamed, resolveCallee, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';
import { cryptoJsMember, fixedBytes, forgeMember, objectLiteralOf, propertyNamed, subtleMethod } from '../../src/analysis/crypto-values.js';

const NODE_CIPHERS = new Set(['crypto.createCipheriv', 'crypto.createDecipheriv']);
const WEB_CRYPTO_OPERATIONS: ReadonlyMap<string, number> = new Map([['encrypt', 0], ['decrypt', 0], ['wrapKey', 3], ['unwrapKey', 3]]);
/** Web Crypto parameter names that carry the IV or counter block. */
/** The last names of the calls this rule looks at: others are skipped before callee resolution. */
const CALLED_NAMES: ReadonlySet<string> = new Set([...[...NODE_CIPHERS].map((name) => name.slice('crypto.'.length)), ...WEB_CRYPTO_OPERATIONS.keys(), 'start']);
const WEB_CRYPTO_IV_KEYS = ['iv', 'counter'];
/** What node-forge's `cipher.start()` takes: an object of only these keys is a cipher's parameters. */
const FORGE_START_KEYS = new Set(['iv', 'additionalData', 'tagLength', 'tag', 'output']);

export default defineRule({
  id: 'TSB403',
  name: 'static-iv',
  title: 'Cipher IV or nonce that is constant, zero-filled, read from configuration, or equal to the key',
  cwe: [329, 1204, 323],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 7.4,
  recommended: true,
  messages: {
    staticIv: 'The IV given to `{{callee}}` is the same on every call (a constant or zero-filled buffer); generate a fresh random IV per message (`randomBytes`, `getRandomValues`) and store it beside the ciphertext.',
    configuredIv: 'The IV given to `{{callee}}` comes from configuration, so every message reuses it; generate a fresh random IV per message and store it beside the ciphertext.',
    keyAsIv: 'The IV given to `{{callee}}` is derived from the key; generate a fresh random IV per message and store it beside the ciphertext.',
  },
  docs: {
    why: 'An IV (nonce) must differ for every message encrypted under one key. With a fixed IV, CBC encrypts equal prefixes to equal ciphertext, and CTR and GCM reuse their keystream: XOR-ing two ciphertexts gives the XOR of the plaintexts, and in GCM one repeat lets an attacker forge authentication tags. An IV taken from configuration, or equal to the key, is as fixed as a literal (and a key-derived IV leaks the key in CBC).',
    fix: "Generate the IV at random for each encryption (`randomBytes(12)` for GCM, `randomBytes(16)` for CBC/CTR, `crypto.getRandomValues(new Uint8Array(12))` in browsers), send or store it with the ciphertext (it is not secret), and read it back from there to decrypt.",
    examples: {
      flagged: `import { createCipheriv } from 'node:crypto';\nconst IV = Buffer.alloc(12);\nexport function encrypt(key: Buffer, data: string) {\n  const cipher = createCipheriv('aes-256-gcm', key, IV);\n  return Buffer.concat([cipher.update(data, 'utf8'), cipher.final(), cipher.getAuthTag()]);\n}`,
      safe: `import { createCipheriv, randomBytes } from 'node:crypto';\nexport function encrypt(key: Buffer, data: string) {\n  const iv = randomBytes(12);\n  const cipher = createCipheriv('aes-256-gcm', key, iv);\n  return Buffer.concat([iv, cipher.update(data, 'utf8'), cipher.final(), cipher.getAuthTag()]);\n}`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
      'https://csrc.nist.gov/pubs/sp/800/38/d/final',
    ],
  },
  create(context) {
    const reported = new Set<Node>();

    const check = (at: Node, iv: Node | undefined, callee: string, key?: Node): void => {
      if (iv === undefined || reported.has(at)) return;
      const unwrapped = skipWrappers(iv);
      if (unwrapped.type === 'Literal' && unwrapped.value === null) return; // ECB and stream ciphers take no IV
      if (unwrapped.type === 'Identifier' && unwrapped.name === 'undefined') return;
      const fixed = fixedBytes(context, iv);
      const fromKey = key !== undefined && isDerivedFromKey(unwrapped, key);
      if (fixed === undefined && !fromKey) return;
      reported.add(at);
      context.report({
        node: at,
        messageId: fromKey ? 'keyAsIv' : fixed === 'environment' ? 'configuredIv' : 'staticIv',
        data: { callee },
        confidence: fixed === 'environment' ? 'medium' : undefined,
      });
    };

    /** `createCipheriv(alg, key, key)`, `createCipheriv(alg, key, key.subarray(0, 16))`. */
    const isDerivedFromKey = (iv: Node, key: Node): boolean => {
      const keyText = context.sourceCode.getText(skipWrappers(key));
      let current: Node = iv;
      while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && ['slice', 'subarray', 'substring', 'substr'].includes(staticPropertyName(current.callee) ?? '')) {
        current = skipWrappers(current.callee.object);
      }
      return context.sourceCode.getText(current) === keyText && (current.type === 'Identifier' || current.type === 'MemberExpression');
    };

    const checkOptions = (options: Node | undefined, keys: readonly string[], callee: string): void => {
      const object = objectLiteralOf(context, options);
      if (object === undefined) return;
      for (const name of keys) {
        const property = propertyNamed(object, name);
        if (property !== undefined) check(property, property.value, callee);
      }
    };

    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!mayCallNamed(context, node, CALLED_NAMES)) return;
        const callee = resolveCallee(context, node);
        if (callee !== undefined && NODE_CIPHERS.has(callee)) {
          check(node, argumentAt(node, 2), callee, argumentAt(node, 1));
          return;
        }
        const subtle = subtleMethod(callee);
        const index = subtle === undefined ? undefined : WEB_CRYPTO_OPERATIONS.get(subtle);
        if (index !== undefined && callee !== undefined) {
          checkOptions(argumentAt(node, index), WEB_CRYPTO_IV_KEYS, callee);
          return;
        }
        const cryptoJs = cryptoJsMember(callee);
        if (cryptoJs !== undefined && callee !== undefined) {
          if (/\.(encrypt|decrypt)$/.test(cryptoJs)) checkOptions(argumentAt(node, 2), ['iv'], callee);
          return;
        }
        // node-forge: cipher.start({ iv }) on a cipher from forge.cipher.createCipher (a run-time object).
        if (calleeWrittenName(node) === 'start' && forgeMember(callee) === undefined) {
          const object = objectLiteralOf(context, argumentAt(node, 0));
          const iv = object === undefined ? undefined : propertyNamed(object, 'iv');
          const onlyCipherParameters = object?.properties.every((p) => p.type === 'Property' && FORGE_START_KEYS.has(staticKeyName(p) ?? ''));
          if (iv !== undefined && onlyCipherParameters === true) check(iv, iv.value, 'cipher.start');
        }
      },
    };
  },
});
