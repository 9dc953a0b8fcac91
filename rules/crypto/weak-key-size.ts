import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, mayCallNamed, resolveCallee, skipWrappers } from '../../src/analysis/index.js';
import { algorithmNames, constantNumber, constantString, forgeMember, objectLiteralOf, propertyNamed, subtleMethod } from '../../src/analysis/crypto-values.js';

/** NIST SP 800-57 / 800-131A floors: 2048-bit RSA, DSA and finite-field Diffie-Hellman; 224-bit curves are below 128-bit security. */
const MIN_RSA_BITS = 2048;
const MIN_CURVE_BITS = 256;
const MIN_HMAC_BITS = 128;
const SUGGESTED_RSA_BITS = 3072;

const NODE_KEY_PAIR = new Set(['crypto.generateKeyPair', 'crypto.generateKeyPairSync']);
const NODE_SECRET_KEY = new Set(['crypto.generateKey', 'crypto.generateKeySync']);
/** RFC 2409/3526 MODP groups below 2048 bits. */
/** The last names of the calls this rule looks at (Node, Web Crypto, node-forge, keypair): others are skipped before callee resolution. */
const CALLED_NAMES: ReadonlySet<string> = new Set([
  ...[...NODE_KEY_PAIR, ...NODE_SECRET_KEY].map((name) => name.slice('crypto.'.length)),
  'createDiffieHellman',
  'createDiffieHellmanGroup',
  'getDiffieHellman',
  'createECDH',
  'keypair',
]);
/** `new NodeRSA(...)`: the class is a default import, so the file names its module. */
const CONSTRUCTED_NAMES: ReadonlySet<string> = new Set(['node-rsa']);
const WEAK_MODP_GROUPS: ReadonlyMap<string, number> = new Map([['modp1', 768], ['modp2', 1024], ['modp5', 1536]]);
const WEB_CRYPTO_RSA = /^(RSA-OAEP|RSASSA-PKCS1-v1_5|RSA-PSS)$/i;

/** The strength in bits of a named curve, when it is below P-256 (`secp192k1` → 192, `P-224` → 224). */
function weakCurveBits(curve: string): number | undefined {
  const name = curve.toLowerCase();
  const match = /^(?:secp|sect|prime|p-|c2pnb|c2tnb|brainpoolp|wap-wsg-idm-ecid-wtls|x9\.62 prime)(\d+)/.exec(name) ?? /^(?:ansip|nistp)(\d+)/.exec(name);
  const bits = match === null ? undefined : Number(match[1]);
  return bits !== undefined && bits < MIN_CURVE_BITS ? bits : undefined;
}

export default defineRule({
  id: 'TSB406',
  name: 'weak-key-size',
  title: 'RSA, DSA or Diffie-Hellman key under 2048 bits, elliptic curve weaker than P-256, or short HMAC key',
  cwe: [326],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 6.5,
  recommended: true,
  hasSuggestions: true,
  messages: {
    shortModulus: '`{{callee}}` creates a {{bits}}-bit {{kind}} key; use at least 2048 bits (3072 for use beyond 2030).',
    weakCurve: '`{{callee}}` uses the curve {{curve}} ({{bits}}-bit); use P-256 or stronger, or Ed25519/X25519.',
    shortSecret: '`{{callee}}` creates a {{bits}}-bit HMAC key; use at least 128 bits (256 recommended).',
    useBits: 'Use {{bits}} bits.',
  },
  docs: {
    why: 'RSA-512 and RSA-768 moduli have been factored publicly and 1024-bit RSA, DSA and Diffie-Hellman are within reach of well-funded attackers (Logjam showed precomputation against common 1024-bit groups). Curves under 256 bits give less than 128-bit security. Keys made today often protect data for years, so they need headroom.',
    fix: 'Generate RSA keys with `modulusLength: 3072` (at least 2048), use `namedCurve: \'P-256\'` or stronger (or Ed25519/X25519), Diffie-Hellman groups of at least 2048 bits (`getDiffieHellman(\'modp14\')`, better ECDH), and HMAC keys of at least 256 bits.',
    examples: {
      flagged: `import { generateKeyPairSync } from 'node:crypto';\nexport const keys = generateKeyPairSync('rsa', { modulusLength: 1024 });`,
      safe: `import { generateKeyPairSync } from 'node:crypto';\nexport const keys = generateKeyPairSync('rsa', { modulusLength: 3072 });`,
    },
    references: [
      'https://csrc.nist.gov/pubs/sp/800/131/a/r2/final',
      'https://weakdh.org/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
    ],
    sources: ['bandit:B505'],
  },
  create(context) {
    const reported = new Set<Node>();

    /** Reports a number that is too small, offering the suggested size when it is written as a literal. */
    const reportSize = (at: Node, value: Node, messageId: 'shortModulus' | 'shortSecret', data: Record<string, string>, suggested: number): void => {
      if (reported.has(at)) return;
      reported.add(at);
      const literal = skipWrappers(value);
      context.report({
        node: at,
        messageId,
        data,
        suggest: literal.type === 'Literal' ? [{ messageId: 'useBits', data: { bits: String(suggested) }, fix: (fixer) => fixer.replaceText(literal, String(suggested)) }] : [],
      });
    };

    const checkModulus = (at: Node, value: Node | undefined, callee: string, kind: string): void => {
      const bits = constantNumber(context, value);
      if (value === undefined || bits === undefined || bits >= MIN_RSA_BITS) return;
      reportSize(at, value, 'shortModulus', { callee, bits: String(bits), kind }, SUGGESTED_RSA_BITS);
    };

    const checkCurve = (at: Node, value: Node | undefined, callee: string): void => {
      const curve = constantString(context, value);
      const bits = curve === undefined ? undefined : weakCurveBits(curve);
      if (curve === undefined || bits === undefined || reported.has(at)) return;
      reported.add(at);
      context.report({ node: at, messageId: 'weakCurve', data: { callee, curve, bits: String(bits) } });
    };

    /** `{ modulusLength: 1024 }`, `{ namedCurve: 'secp192k1' }`, `{ primeLength: 1024 }`: reported on the property. */
    const checkOptions = (options: Node | undefined, callee: string, kind: string): void => {
      const object = objectLiteralOf(context, options);
      if (object === undefined) return;
      for (const key of ['modulusLength', 'primeLength']) {
        const property = propertyNamed(object, key);
        if (property !== undefined) checkModulus(property, property.value, callee, key === 'primeLength' ? 'Diffie-Hellman' : kind);
      }
      const curve = propertyNamed(object, 'namedCurve');
      if (curve !== undefined) checkCurve(curve, curve.value, callee);
    };

    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!mayCallNamed(context, node, CALLED_NAMES)) return;
        const callee = resolveCallee(context, node);
        if (callee === undefined) return;
        if (NODE_KEY_PAIR.has(callee)) {
          const type = constantString(context, argumentAt(node, 0))?.toLowerCase();
          checkOptions(argumentAt(node, 1), callee, type === 'dsa' ? 'DSA' : type === 'dh' ? 'Diffie-Hellman' : 'RSA');
          return;
        }
        if (NODE_SECRET_KEY.has(callee)) {
          if (constantString(context, argumentAt(node, 0))?.toLowerCase() !== 'hmac') return;
          const object = objectLiteralOf(context, argumentAt(node, 1));
          const length = object === undefined ? undefined : propertyNamed(object, 'length');
          const bits = constantNumber(context, length?.value);
          if (length !== undefined && bits !== undefined && bits < MIN_HMAC_BITS) reportSize(length, length.value, 'shortSecret', { callee, bits: String(bits) }, 256);
          return;
        }
        if (callee === 'crypto.createDiffieHellman' || callee === 'crypto.createDiffieHellmanGroup' || callee === 'crypto.getDiffieHellman') {
          const first = argumentAt(node, 0);
          const group = WEAK_MODP_GROUPS.get(constantString(context, first) ?? '');
          if (group !== undefined && !reported.has(node)) {
            reported.add(node);
            context.report({ node, messageId: 'shortModulus', data: { callee, bits: String(group), kind: 'Diffie-Hellman' } });
          } else if (typeof constantNumber(context, first) === 'number') {
            checkModulus(node, first, callee, 'Diffie-Hellman');
          }
          return;
        }
        if (callee === 'crypto.createECDH') {
          checkCurve(node, argumentAt(node, 0), callee);
          return;
        }
        if (subtleMethod(callee) === 'generateKey') {
          const algorithm = argumentAt(node, 0);
          if (algorithmNames(context, algorithm).some((name) => WEB_CRYPTO_RSA.test(name))) checkOptions(algorithm, callee, 'RSA');
          return;
        }
        const forge = forgeMember(callee);
        if (forge === 'pki.rsa.generateKeyPair') {
          const first = argumentAt(node, 0);
          const options = objectLiteralOf(context, first);
          const bits = options === undefined ? undefined : propertyNamed(options, 'bits');
          if (bits !== undefined) checkModulus(bits, bits.value, callee, 'RSA');
          else checkModulus(node, first, callee, 'RSA');
          return;
        }
        if (callee === 'keypair') {
          const options = objectLiteralOf(context, argumentAt(node, 0));
          const bits = options === undefined ? undefined : propertyNamed(options, 'bits');
          if (bits !== undefined) checkModulus(bits, bits.value, callee, 'RSA');
        }
      },
      NewExpression(node) {
        // new NodeRSA({ b: 1024 })
        if (!mayCallNamed(context, node, CONSTRUCTED_NAMES) || resolveCallee(context, node) !== 'node-rsa') return;
        const options = objectLiteralOf(context, argumentAt(node, 0));
        const bits = options === undefined ? undefined : propertyNamed(options, 'b');
        if (bits !== undefined) checkModulus(bits, bits.value, 'NodeRSA', 'RSA');
      },
    };
  },
});
