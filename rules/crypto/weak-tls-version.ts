import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { resolveReference, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';
import { constantString } from '../../src/analysis/crypto-values.js';

/** OpenSSL method names that pin SSLv2/SSLv3/TLS 1.0/TLS 1.1. */
const WEAK_SECURE_PROTOCOL = /^(SSLv2|SSLv3|TLSv1|TLSv1_1)_(client_|server_)?method$/;
/** `minVersion` / `maxVersion` / `tls.DEFAULT_MIN_VERSION` values below TLS 1.2. */
const WEAK_VERSIONS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
/** Cipher-list tokens that enable broken suites: no encryption, no authentication, export grade, RC4, DES/3DES, MD5. */
const WEAK_CIPHER_WORDS = new Set(['ALL', 'LOW', 'EXPORT', 'EXP', 'NULL', 'ENULL', 'ANULL', 'COMPLEMENTOFALL', 'COMPLEMENTOFDEFAULT', 'RC4', 'DES', '3DES', 'MD5', 'ADH', 'AECDH', 'RC2', 'IDEA', 'SEED', 'PSK-NULL']);
const VERSION_DEFAULTS: Readonly<Record<string, 'minVersion' | 'maxVersion' | 'ciphers'>> = {
  'tls.DEFAULT_MIN_VERSION': 'minVersion',
  'tls.DEFAULT_MAX_VERSION': 'maxVersion',
  'tls.DEFAULT_CIPHERS': 'ciphers',
};

/** The first enabled cipher-list entry that turns on a weak suite (`'RC4-SHA'`, `'ALL'`, `'@SECLEVEL=0'`), if any. */
function weakCipherEntry(list: string): string | undefined {
  return list
    .split(/[:,\s]+/)
    .filter((entry) => entry !== '' && !entry.startsWith('!') && !entry.startsWith('-'))
    .find((entry) => {
      const clean = entry.replace(/^\+/, '').toUpperCase();
      if (clean === '@SECLEVEL=0') return true;
      return clean.split(/[-_]/).some((part) => WEAK_CIPHER_WORDS.has(part)) || WEAK_CIPHER_WORDS.has(clean);
    });
}

export default defineRule({
  id: 'TSB409',
  name: 'weak-tls-version',
  title: 'TLS configured to allow SSLv3, TLS 1.0 or TLS 1.1, or a cipher list enabling broken suites',
  cwe: [757, 326, 327],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 5.9,
  recommended: true,
  hasSuggestions: true,
  messages: {
    weakProtocol: '`{{option}}: {{value}}` allows {{version}}, which is deprecated (RFC 8996) and open to downgrade attacks (POODLE, BEAST); require TLS 1.2 or later with `minVersion: \'TLSv1.2\'`.',
    weakCiphers: '`{{option}}` enables `{{entry}}`, a broken cipher suite; use Node\'s default list or only ECDHE with AES-GCM/ChaCha20-Poly1305.',
    useTls12: "Replace with `{{replacement}}`.",
  },
  docs: {
    why: 'SSLv3, TLS 1.0 and TLS 1.1 lack modern AEAD suites, rely on MD5/SHA-1 in the handshake and have practical attacks (POODLE, BEAST, Lucky 13); RFC 8996 deprecates them. Allowing them lets an attacker on the path downgrade connections. Cipher lists that enable `NULL`, `EXPORT`, `RC4`, `DES`/`3DES` or anonymous suites (`aNULL`, `ADH`) remove encryption or authentication.',
    fix: "Leave Node's defaults (TLS 1.2+ and a vetted cipher list), or set `minVersion: 'TLSv1.2'` (`'TLSv1.3'` where clients allow). Do not set `secureProtocol` to a fixed old method. Keep cipher lists to ECDHE with AES-GCM or ChaCha20-Poly1305, and exclude weak classes with `!`.",
    examples: {
      flagged: `import tls from 'node:tls';\nexport const socket = tls.connect({ host: 'api.example.com', port: 443, minVersion: 'TLSv1' });`,
      safe: `import tls from 'node:tls';\nexport const socket = tls.connect({ host: 'api.example.com', port: 443, minVersion: 'TLSv1.2' });`,
    },
    references: [
      'https://www.rfc-editor.org/rfc/rfc8996',
      'https://nodejs.org/api/tls.html#tlscreatesecurecontextoptions',
      'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html',
    ],
    sources: ['bandit:B502', 'bandit:B503', 'bandit:B504'],
  },
  create(context) {
    const check = (at: Node, option: string, kind: 'secureProtocol' | 'minVersion' | 'maxVersion' | 'ciphers', valueNode: Node): void => {
      const value = constantString(context, valueNode);
      if (value === undefined) return;
      const literal = skipWrappers(valueNode);
      const quote = literal.type === 'Literal' ? literal.raw.charAt(0) : "'";
      if (kind === 'ciphers') {
        const entry = weakCipherEntry(value);
        if (entry !== undefined) context.report({ node: at, messageId: 'weakCiphers', data: { option, entry } });
        return;
      }
      if (kind === 'secureProtocol') {
        const match = WEAK_SECURE_PROTOCOL.exec(value);
        if (match === null) return;
        const version = (match[1] ?? '').replace('TLSv1_1', 'TLS 1.1').replace('TLSv1', 'TLS 1.0').replace('SSLv', 'SSL ');
        const replacement = `minVersion: ${quote}TLSv1.2${quote}`;
        // The property becomes a minimum version: Node then negotiates the best version both sides support.
        const fixable = at.type === 'Property';
        context.report({
          node: at,
          messageId: 'weakProtocol',
          data: { option, value, version },
          suggest: fixable ? [{ messageId: 'useTls12', data: { replacement }, fix: (fixer) => fixer.replaceText(at, replacement) }] : [],
        });
        return;
      }
      if (!WEAK_VERSIONS.has(value)) return;
      const replacement = kind === 'minVersion' ? 'TLSv1.2' : 'TLSv1.3';
      context.report({
        node: at,
        messageId: 'weakProtocol',
        data: { option, value, version: value.replace('TLSv1.1', 'TLS 1.1').replace(/^TLSv1$/, 'TLS 1.0').replace('SSLv3', 'SSL 3.0') },
        suggest: literal.type === 'Literal' ? [{ messageId: 'useTls12', data: { replacement: `${quote}${replacement}${quote}` }, fix: (fixer) => fixer.replaceText(literal, `${quote}${replacement}${quote}`) }] : [],
      });
    };

    return {
      Property(node) {
        const key = staticKeyName(node);
        if (node.parent?.type !== 'ObjectExpression') return;
        if (key === 'secureProtocol' || key === 'minVersion' || key === 'maxVersion' || key === 'ciphers') check(node, key, key, node.value);
      },
      AssignmentExpression(node) {
        // Only `….DEFAULT_MIN_VERSION = …` and the like are resolved (a scope analysis).
        if (node.left.type !== 'MemberExpression' || !/^DEFAULT_(MIN_VERSION|MAX_VERSION|CIPHERS)$/.test(staticPropertyName(node.left) ?? '')) return;
        const target = resolveReference(context, node.left);
        const kind = target === undefined ? undefined : VERSION_DEFAULTS[target];
        if (target !== undefined && kind !== undefined) check(node, target, kind, node.right);
      },
    };
  },
});
