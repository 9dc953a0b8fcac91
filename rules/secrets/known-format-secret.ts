import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Comment, Node } from '../../src/rule/types.js';
import { calleeWrittenName, getStaticValue } from '../../src/analysis/index.js';
import { describeSecret, findKnownSecret, findKnownSecrets, isTestPath, knownSecretAt, stringConstantOf, type KnownSecret } from '../../src/analysis/secrets/index.js';

/** The string leaves of a `+` concatenation: each is checked on its own first. */
function concatenationLeaves(node: Node): Node[] {
  return node.type === 'BinaryExpression' && node.operator === '+' ? [...concatenationLeaves(node.left), ...concatenationLeaves(node.right)] : [node];
}

export default defineRule({
  id: 'TSB501',
  name: 'known-format-secret',
  title: 'Credential of a known format in code, comments or configuration files (cloud key, token, private key, password URL)',
  cwe: [798, 321],
  severity: 'critical',
  confidence: 'high',
  securitySeverity: 9.1,
  recommended: true,
  messages: {
    secretLiteral: 'This value holds {{kind}} ({{redacted}}); revoke it, then load it from the environment or a secret manager.',
    secretInComment: 'This comment holds {{kind}} ({{redacted}}); revoke it, and remove it from the code and its history.',
  },
  docs: {
    why: 'A credential in source code or in a committed configuration file is readable by everyone with access to the repository, its forks, CI logs and published packages, and stays in git history after it is deleted. Automated scanners harvest public keys within minutes. The rule recognises credentials by their shape: AWS access key ids (and secret keys stored under their name), GitHub tokens (classic ones only with a valid CRC32 checksum), GitLab, Slack tokens and webhooks, Stripe live keys, Google API keys and OAuth secrets, Azure storage keys, SAS tokens and connection strings, Twilio, SendGrid, Mailgun, npm tokens (checksum verified), PyPI, OpenAI, Anthropic, Discord, Telegram, Shopify, Square, Heroku, DigitalOcean, Datadog and a dozen more, PEM private keys with key material (RSA, DSA, EC, OpenSSH, PGP, PKCS#8), JWTs carrying a payload, and URLs with a password (`postgres://user:pass@host`, basic auth). It checks string literals, constant concatenations and templates (`\'gh\' + \'p_…\'`), comments, and, in `tsbandit scan`, configuration files (`.env*`, JSON, YAML, TOML, INI, properties, `.npmrc`, `*.pem`/`*.key`). In comments (where documentation examples live) only high-confidence formats are reported, and URLs with a password in test files are taken as test data. Reports never show the value: at most its first four characters and its length.',
    fix: 'Revoke and rotate the credential first: removing it from the code does not remove it from history. Then read it at run time from the environment or a secret manager, and keep `.env` files out of version control.',
    examples: {
      flagged: `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ credentials: { accessKeyId: 'AKIA4HK2LMQP7RZ3XV6W', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });`,
      safe: `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
    ],
    sources: ['bandit:B105', 'gitleaks', 'trufflehog', 'detect-secrets'],
  },
  create(context) {
    const inTests = isTestPath(context.filename);
    const report = (node: Node, secret: KnownSecret, text: string): void => {
      // URLs with credentials in tests are test data for URL parsers and clients; provider tokens there are still leaks.
      if (inTests && (secret.format === 'url-credentials' || secret.format === 'database-url')) return;
      const data = { kind: secret.kind, redacted: describeSecret(text.slice(secret.start, secret.end)) };
      context.report({ node, messageId: 'secretLiteral', data, confidence: secret.confidence, secret: true });
    };
    /** A constant built from parts (`'gh' + 'p_…'`, `${PREFIX}…`, `[…].join('')`) whose parts hold nothing on their own. */
    const checkBuilt = (node: Node, parts: readonly Node[]): void => {
      const value = getStaticValue(context, node);
      if (value === undefined || typeof value.value !== 'string' || value.value.length < 20) return;
      const secret = knownSecretAt(context, node, value.value);
      if (secret === undefined) return;
      // A part that holds the secret on its own (a literal, or a constant reported where it is declared) is reported there.
      const partHolds = parts.some((part) => {
        const text = part.type === 'TemplateElement' ? (part.value.cooked ?? '') : (stringConstantOf(context, part) ?? getStaticValue(context, part)?.value);
        return typeof text === 'string' && findKnownSecret(text) !== undefined;
      });
      if (!partHolds) report(node, secret, value.value);
    };
    return {
      Literal(node) {
        if (typeof node.value !== 'string') return;
        const secret = knownSecretAt(context, node, node.value);
        if (secret !== undefined) report(node, secret, node.value);
      },
      TemplateElement(node) {
        const text = node.value.cooked ?? node.value.raw;
        const secret = findKnownSecret(text);
        if (secret !== undefined) report(node, secret, text);
      },
      TemplateLiteral(node) {
        if (node.expressions.length > 0) checkBuilt(node, [...node.quasis, ...node.expressions]);
      },
      BinaryExpression(node) {
        if (node.operator !== '+' || (node.parent?.type === 'BinaryExpression' && node.parent.operator === '+')) return;
        checkBuilt(node, concatenationLeaves(node));
      },
      CallExpression(node) {
        const array = node.callee.type === 'MemberExpression' ? node.callee.object : undefined;
        if (calleeWrittenName(node) !== 'join' || array?.type !== 'ArrayExpression') return;
        checkBuilt(node, array.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== 'SpreadElement'));
      },
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          // Documentation examples live in comments: only high-confidence formats (no local URLs, no JWTs) are reported there.
          const secret = findKnownSecrets(comment.value).find((found) => found.confidence === 'high');
          if (secret === undefined) continue;
          const data = { kind: secret.kind, redacted: describeSecret(comment.value.slice(secret.start, secret.end)) };
          // Comments are not nodes, but both hosts locate a report by its `loc` and `range`.
          context.report({ node: comment as Comment as unknown as Node, messageId: 'secretInComment', data, confidence: secret.confidence, secret: true });
        }
      },
    };
  },
});
