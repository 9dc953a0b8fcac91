import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, findVariable, getStaticValue, resolveCallee, resolveReference, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';
import { isFunctionNode, propertyNamed, type FunctionNode } from '../../src/analysis/crypto-values.js';

/** Options that turn certificate checks off when set to the given value. */
const DISABLING_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ['rejectUnauthorized', false], // Node tls/https, axios/got/node-fetch agents, pg/mysql2/ioredis/nodemailer `tls`/`ssl` options
  ['strictSSL', false], // request, npm registry clients
  ['sslValidate', false], // MongoDB driver 3.x
  ['tlsAllowInvalidCertificates', true], // MongoDB driver 4+
  ['tlsAllowInvalidHostnames', true],
  ['sslAllowInvalidCertificates', true],
  ['sslAllowInvalidHostnames', true],
  ['tlsInsecure', true],
]);
/** Servers whose `rejectUnauthorized` only matters with `requestCert: true` (client certificates). */
const SERVER_FACTORIES = new Set(['https.createServer', 'tls.createServer', 'http2.createSecureServer', 'tls.createSecureContext', 'spdy.createServer']);
const TLS_ENV = 'NODE_TLS_REJECT_UNAUTHORIZED';

/** Node turns verification off only for the exact string '0' (a number is converted on assignment). */
const disablesEnvCheck = (value: unknown): boolean => value === '0' || value === 0;

/** `() => undefined`, `() => {}`, `function () { return null; }`: a checkServerIdentity that accepts any host. */
function acceptsEverything(fn: FunctionNode): boolean {
  if (fn.body.type !== 'BlockStatement') {
    const body = skipWrappers(fn.body);
    return (body.type === 'Identifier' && body.name === 'undefined') || (body.type === 'Literal' && body.value === null) || (body.type === 'UnaryExpression' && body.operator === 'void');
  }
  return fn.body.body.every((statement) => {
    if (statement.type === 'EmptyStatement') return true;
    if (statement.type !== 'ReturnStatement') return false;
    const argument = statement.argument === null ? null : skipWrappers(statement.argument);
    return argument === null || (argument.type === 'Identifier' && argument.name === 'undefined') || (argument.type === 'Literal' && argument.value === null);
  });
}

export default defineRule({
  id: 'TSB408',
  name: 'tls-verification-disabled',
  title: 'TLS certificate or host name verification turned off (rejectUnauthorized: false, NODE_TLS_REJECT_UNAUTHORIZED=0)',
  cwe: [295, 297],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 7.4,
  recommended: true,
  hasSuggestions: true,
  messages: {
    disablingOption: '`{{option}}: {{value}}` turns off TLS certificate verification, so anyone on the network path can impersonate the server; keep verification on and trust a private CA with the `ca` option instead.',
    envDisabled: '`NODE_TLS_REJECT_UNAUTHORIZED=0` turns off certificate verification for every TLS connection of the process; remove it and trust a private CA with `NODE_EXTRA_CA_CERTS` instead.',
    noopIdentityCheck: '`checkServerIdentity` accepts every certificate host name; remove it (Node checks the host by default) or return an Error on mismatch.',
    electronCertificate: 'This handler accepts certificates that failed verification; let Electron reject them (call the callback with `false` / `-2`, or `-3` to use the default verification).',
    verify: 'Set it to `{{value}}`.',
  },
  docs: {
    why: 'Without certificate verification, TLS still encrypts but no longer authenticates: a machine on the network path (Wi-Fi, proxy, compromised router, cloud metadata spoofing) presents its own certificate and reads or changes everything, including credentials and tokens. `NODE_TLS_REJECT_UNAUTHORIZED=0` does this for the whole process, and a `checkServerIdentity` that returns nothing accepts a valid certificate for any other site.',
    fix: "Keep `rejectUnauthorized` at its default (`true`). For self-signed or internal certificates, pass the issuing CA: `new https.Agent({ ca: fs.readFileSync('internal-ca.pem') })`, `ssl: { ca }` for database drivers, or `NODE_EXTRA_CA_CERTS=/path/ca.pem` for the process. For tests, point the client at a test CA rather than disabling checks.",
    examples: {
      flagged: `import https from 'node:https';\nexport const agent = new https.Agent({ rejectUnauthorized: false });`,
      safe: `import https from 'node:https';\nimport { readFileSync } from 'node:fs';\nexport const agent = new https.Agent({ ca: readFileSync('certs/internal-ca.pem') });`,
    },
    references: [
      'https://nodejs.org/api/tls.html#tlsconnectoptions-callback',
      'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
      'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html',
    ],
    sources: ['bandit:B501'],
  },
  create(context) {
    /** A server's `rejectUnauthorized` concerns client certificates, and only with `requestCert: true`. */
    const isServerWithoutClientCertificates = (object: TSESTree.ObjectExpression): boolean => {
      const call = object.parent;
      if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return false;
      const callee = resolveCallee(context, call);
      if (callee === undefined || !SERVER_FACTORIES.has(callee)) return false;
      const requestCert = propertyNamed(object, 'requestCert');
      return requestCert === undefined || getStaticValue(context, requestCert.value)?.value !== true;
    };

    const reportOption = (node: Node, option: string, value: Node, expected: boolean): void => {
      const literal = skipWrappers(value);
      context.report({
        node,
        messageId: 'disablingOption',
        data: { option, value: String(!expected) },
        suggest: literal.type === 'Literal' && typeof literal.value === 'boolean' ? [{ messageId: 'verify', data: { value: String(expected) }, fix: (fixer) => fixer.replaceText(literal, String(expected)) }] : [],
      });
    };

    return {
      Property(node) {
        const key = staticKeyName(node);
        if (key === undefined || node.parent?.type !== 'ObjectExpression') return;
        const disabling = DISABLING_OPTIONS.get(key);
        if (disabling !== undefined) {
          const value = getStaticValue(context, node.value);
          if (value === undefined || Boolean(value.value) !== disabling) return;
          if (key === 'rejectUnauthorized' && isServerWithoutClientCertificates(node.parent)) return;
          reportOption(node, key, node.value, !disabling);
          return;
        }
        if (key === TLS_ENV) {
          if (disablesEnvCheck(getStaticValue(context, node.value)?.value)) context.report({ node, messageId: 'envDisabled' });
          return;
        }
        if (key === 'checkServerIdentity' && isFunctionNode(node.value) && acceptsEverything(node.value)) {
          context.report({ node, messageId: 'noopIdentityCheck' });
        }
      },
      AssignmentExpression(node) {
        if (node.left.type !== 'MemberExpression') return;
        // The property name first: resolving the target costs a scope analysis, and only one name needs it.
        const name = staticPropertyName(node.left);
        if (name === undefined) return;
        if (name === TLS_ENV && resolveReference(context, node.left) === `process.env.${TLS_ENV}`) {
          if (disablesEnvCheck(getStaticValue(context, node.right)?.value)) context.report({ node, messageId: 'envDisabled' });
          return;
        }
        // https.globalAgent.options.rejectUnauthorized = false; options.strictSSL = false
        const disabling = name === undefined ? undefined : DISABLING_OPTIONS.get(name);
        if (name !== undefined && disabling !== undefined) {
          const value = getStaticValue(context, node.right);
          if (value !== undefined && Boolean(value.value) === disabling) reportOption(node, name, node.right, !disabling);
          return;
        }
        if (name === 'checkServerIdentity' && isFunctionNode(node.right) && acceptsEverything(node.right)) context.report({ node, messageId: 'noopIdentityCheck' });
      },
      CallExpression(node) {
        // Electron: app.on('certificate-error', (event, wc, url, error, cert, callback) => { event.preventDefault(); callback(true); })
        // and session.setCertificateVerifyProc((request, callback) => callback(0)).
        const callee = skipWrappers(node.callee);
        const [first] = node.arguments;
        // Cheap test first: this listener sees every call.
        if (callee.type !== 'Identifier' || node.arguments.length !== 1 || first?.type !== 'Literal' || (first.value !== true && first.value !== 0)) return;
        const accepted = first.value;
        const def = findVariable(context, callee)?.defs[0];
        if (def === undefined || def.type !== 'Parameter') return;
        const handler = def.node as Node;
        if (!isFunctionNode(handler) || handler.parent?.type !== 'CallExpression') return;
        const registration = handler.parent;
        const method = registration.callee.type === 'MemberExpression' ? staticPropertyName(registration.callee) : undefined;
        const index = handler.params.indexOf(def.name as TSESTree.Parameter);
        if (method === 'setCertificateVerifyProc' && index === 1 && accepted === 0) {
          context.report({ node, messageId: 'electronCertificate' });
        } else if ((method === 'on' || method === 'once') && getStaticValue(context, argumentAt(registration, 0) ?? registration)?.value === 'certificate-error' && index === 5 && accepted === true) {
          context.report({ node, messageId: 'electronCertificate' });
        }
      },
    };
  },
});
