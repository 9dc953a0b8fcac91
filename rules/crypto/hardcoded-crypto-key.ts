import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, mayCallNamed, resolveCallee, skipWrappers } from '../../src/analysis/index.js';
import { constantString, cryptoJsMember, fixedBytes, forgeMember, objectLiteralOf, propertyNamed, subtleMethod } from '../../src/analysis/crypto-values.js';

/** Calls taking a symmetric key, and the index of that key. */
const NODE_KEY_ARGUMENT: ReadonlyMap<string, number> = new Map([
  ['crypto.createCipheriv', 1], ['crypto.createDecipheriv', 1], ['crypto.createSecretKey', 0],
]);
const FORGE_KEY_ARGUMENT: ReadonlyMap<string, number> = new Map([['cipher.createCipher', 1], ['cipher.createDecipher', 1]]);
/** The last names of the calls this rule looks at: others are skipped before callee resolution. */
const CALLED_NAMES: ReadonlySet<string> = new Set([...[...NODE_KEY_ARGUMENT.keys(), ...FORGE_KEY_ARGUMENT.keys()].map((name) => name.slice(name.indexOf('.') + 1)), 'importKey', 'encrypt', 'decrypt']);

/** The string literal a key is written as in the call: `'k3y'`, `Buffer.from('k3y')`, `enc.Utf8.parse('k3y')`. */
function inlineLiteral(rawNode: Node): Node | undefined {
  const node = skipWrappers(rawNode);
  if (node.type === 'Literal' || node.type === 'TemplateLiteral') return node;
  const first = node.type === 'CallExpression' ? node.arguments[0] : undefined;
  return first === undefined || first.type === 'SpreadElement' ? undefined : inlineLiteral(first);
}

export default defineRule({
  id: 'TSB404',
  name: 'hardcoded-crypto-key',
  title: 'Encryption key fixed in the source code (literal, constant buffer, or derived from a constant password)',
  cwe: [321, 798],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    constantKey: 'The key given to `{{callee}}` is fixed in the source code; load it from a secret store or environment, or derive it from a user secret.',
  },
  docs: {
    why: 'A key written in the code (or derived from a password written in the code) is shared by every installation and every copy of the repository, cannot be rotated without a release, and decrypts everything ever encrypted with it once the source or a build leaks. The rule checks the key of Node `createCipheriv`/`createDecipheriv`/`createSecretKey`, Web Crypto `importKey`, crypto-js and node-forge ciphers, following constants, `Buffer.from`, `TextEncoder.encode` and `scryptSync`/`pbkdf2Sync` of a constant password.',
    fix: 'Read the key from a secret manager or an environment variable at start-up (`Buffer.from(process.env.DATA_KEY, \'base64\')`), or derive it with scrypt/HKDF from a secret that is not in the code. Keep keys per environment and plan rotation (a key id stored beside the ciphertext).',
    examples: {
      flagged: `import { createCipheriv, randomBytes } from 'node:crypto';\nconst KEY = Buffer.from('0123456789abcdef0123456789abcdef');\nexport function encrypt(data: string) {\n  const iv = randomBytes(12);\n  const cipher = createCipheriv('aes-256-gcm', KEY, iv);\n  return Buffer.concat([iv, cipher.update(data, 'utf8'), cipher.final(), cipher.getAuthTag()]);\n}`,
      safe: `import { createCipheriv, randomBytes } from 'node:crypto';\nconst KEY = Buffer.from(process.env.DATA_KEY ?? '', 'base64');\nexport function encrypt(data: string) {\n  const iv = randomBytes(12);\n  const cipher = createCipheriv('aes-256-gcm', KEY, iv);\n  return Buffer.concat([iv, cipher.update(data, 'utf8'), cipher.final(), cipher.getAuthTag()]);\n}`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Key_Management_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/321.html',
    ],
  },
  create(context) {
    const check = (call: TSESTree.CallExpression, key: Node | undefined, callee: string): void => {
      if (key === undefined || fixedBytes(context, key) !== 'constant') return;
      // A literal written in the call is the secret itself: report it, so its text is masked in snippets.
      const literal = inlineLiteral(key);
      context.report({ node: literal ?? call, messageId: 'constantKey', data: { callee }, secret: literal !== undefined });
    };

    return {
      CallExpression(node) {
        if (!mayCallNamed(context, node, CALLED_NAMES)) return;
        const callee = resolveCallee(context, node);
        if (callee === undefined) return;
        const nodeIndex = NODE_KEY_ARGUMENT.get(callee);
        if (nodeIndex !== undefined) {
          check(node, argumentAt(node, nodeIndex), callee);
          return;
        }
        if (subtleMethod(callee) === 'importKey') {
          const format = constantString(context, argumentAt(node, 0));
          const keyData = argumentAt(node, 1);
          if (format === 'jwk') {
            // { kty: 'oct', k: '...' }: the k member is the key.
            const jwk = objectLiteralOf(context, keyData);
            const k = jwk === undefined ? undefined : propertyNamed(jwk, 'k');
            if (k !== undefined) check(node, k.value, callee);
          } else if (format === 'raw') {
            check(node, keyData, callee);
          }
          return;
        }
        const cryptoJs = cryptoJsMember(callee);
        if (cryptoJs !== undefined && /^(AES|DES|TripleDES|RC4|RC4Drop|Rabbit|RabbitLegacy)\.(encrypt|decrypt)$/.test(cryptoJs)) {
          check(node, argumentAt(node, 1), callee);
          return;
        }
        const forgeIndex = FORGE_KEY_ARGUMENT.get(forgeMember(callee) ?? '');
        if (forgeIndex !== undefined) check(node, argumentAt(node, forgeIndex), callee);
      },
    };
  },
});
