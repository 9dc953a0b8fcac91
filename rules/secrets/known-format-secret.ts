import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';

/** Token formats that are secrets by shape alone. `kind` is what the message names; the value is never shown. */
const SECRET_FORMATS: readonly { readonly kind: string; readonly pattern: RegExp }[] = [
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/ },
  // A header alone is format detection (`pem.startsWith(...)`); key material must follow it.
  { kind: 'a private key', pattern: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[^-]*?[A-Za-z0-9+/]{40,}/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-\d{8,13}-[0-9A-Za-z-]{8,}/ },
  { kind: 'a Stripe live secret key', pattern: /\b[rs]k_live_[0-9A-Za-z]{24,}\b/ },
];

/** AWS documents `AKIAIOSFODNN7EXAMPLE`; placeholders like it are not secrets. */
const DOCUMENTED_PLACEHOLDER = /EXAMPLE|XXXXXXXX/;

function secretKind(text: string): string | undefined {
  if (text.length < 20) return undefined;
  for (const { kind, pattern } of SECRET_FORMATS) {
    const match = pattern.exec(text);
    if (match !== null && !DOCUMENTED_PLACEHOLDER.test(match[0])) return kind;
  }
  return undefined;
}

export default defineRule({
  id: 'TSB501',
  name: 'known-format-secret',
  title: 'String literal holds a credential of a known format (cloud key, token, private key)',
  cwe: [798, 321],
  severity: 'critical',
  confidence: 'high',
  securitySeverity: 9.1,
  recommended: true,
  messages: {
    secretLiteral: 'This string holds {{kind}}; revoke it, then load it from the environment or a secret manager.',
  },
  docs: {
    why: 'A credential in source code is readable by everyone with access to the repository, its forks, CI logs and published packages, and stays in git history after it is deleted. Automated scanners harvest public keys within minutes.',
    fix: 'Revoke and rotate the credential first: removing it from the code does not remove it from history. Then read it at run time from the environment or a secret manager.',
    examples: {
      flagged: `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ credentials: { accessKeyId: 'AKIA4HK2LMQP7RZ3XV6W', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });`,
      safe: `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html'],
    sources: ['bandit:B105', 'gitleaks', 'trufflehog'],
  },
  create(context) {
    const check = (node: TSESTree.Node, text: string): void => {
      const kind = secretKind(text);
      if (kind !== undefined) context.report({ node, messageId: 'secretLiteral', data: { kind }, secret: true });
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateElement(node) {
        check(node, node.value.cooked ?? node.value.raw);
      },
    };
  },
});
