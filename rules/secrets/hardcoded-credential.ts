import { defineRule } from '../../src/rule/index.js';
import type { Confidence } from '../../src/rule/types.js';
import {
  assessCredentialValue,
  credentialKind,
  isSecretPassedToCall,
  isTestPath,
  knownSecretAt,
  stringConstantOf,
  valueNameOf,
  type CredentialKind,
  type StringNode,
} from '../../src/analysis/secrets/index.js';

/** How messages name each kind of credential. */
const WHAT: Readonly<Record<CredentialKind, string>> = {
  password: 'password',
  secret: 'secret',
  token: 'token',
  key: 'API or secret key',
  privateKey: 'private key',
  auth: 'credential',
  authorization: 'authorization credential',
  credentials: 'credential',
};

export default defineRule({
  id: 'TSB502',
  name: 'hardcoded-credential',
  title: 'Password, secret, token or API key written as a constant under a credential name',
  cwe: [798, 259],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    hardcodedCredential: '`{{name}}` is set to a hard-coded {{what}}; read it from the environment or a secret manager, and rotate it.',
    comparedWithLiteral: '`{{name}}` is compared with a hard-coded {{what}}: anyone who reads the code knows it; check against a stored hash or a secret from configuration.',
  },
  docs: {
    why: 'A password, secret, token or API key written in the code is shared by every copy of the repository and every build, cannot be rotated without a release, and is found by anyone who reads the source, a published package or a leaked bundle. The rule looks at string constants stored under a credential name (`password`, `passwd`, `pwd`, `dbPass`, `secret`, `clientSecret`, `token`, `apiKey`, `accessKey`, `privateKey`, `auth`, `credentials`, `Authorization`) in variables, object properties, class fields, default parameters and destructuring defaults, assignments (`this.apiKey = …`, `process.env.TOKEN = …`), header setters, JSX attributes, and `===` comparisons (Bandit B105, B106, B107). Placeholders (`changeme`, `<your-token>`, `xxx`, `${…}`), labels and i18n strings, names of variables or settings (`DB_PASSWORD`, `access_token`), paths, URLs, public keys, hashes and empty strings are not reported; tokens and keys must look generated (length, character classes, entropy) to be reported with medium confidence. Fallbacks (`process.env.X || \'…\'`) are reported with low confidence; test files (`*.test.*`, `*.spec.*`, `test/`, `__tests__/`, fixtures) are not checked, since their passwords are fixtures.',
    fix: 'Read the value at run time from the environment or a secret manager (`process.env.DB_PASSWORD`), fail at start-up when it is missing rather than falling back to a constant, and rotate the value that was committed. Compare passwords against a stored hash (bcrypt, scrypt, argon2), never against a literal.',
    examples: {
      flagged: `export const smtp = {\n  host: 'smtp.acme.io',\n  user: 'notifications@acme.io',\n  password: 'Tr0ub4dor&3xK9',\n};`,
      safe: `export const smtp = {\n  host: 'smtp.acme.io',\n  user: 'notifications@acme.io',\n  password: process.env.SMTP_PASSWORD,\n};`,
    },
    references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html'],
    sources: ['bandit:B105', 'bandit:B106', 'bandit:B107', 'eslint-plugin-no-secrets', 'detect-secrets:KeywordDetector'],
  },
  create(context) {
    // Passwords and tokens in tests are fixtures (a user to log in as, a value to validate): a name is not evidence enough there.
    if (isTestPath(context.filename)) return {};
    const check = (node: StringNode): void => {
      const value = stringConstantOf(context, node);
      if (value === undefined || value.length < 4) return;
      const named = valueNameOf(context, node);
      if (named === undefined) return;
      const kind = credentialKind(named.name);
      if (kind === undefined) return;
      const assessed = assessCredentialValue(value, kind, named.name);
      if (assessed === undefined) return;
      // Known formats are known-format-secret's; secrets a library call receives are hardcoded-secret-in-call's.
      if (knownSecretAt(context, node, value) !== undefined || isSecretPassedToCall(context, node)) return;
      // One plain word in a list of words is vocabulary (`autofillTokens = ['nickname', …]`).
      if (named.inList === true && assessed === 'low') return;
      const confidence: Confidence = named.fallback ? 'low' : assessed;
      const name = named.name.length > 60 ? `${named.name.slice(0, 57)}...` : named.name;
      context.report({
        node,
        messageId: named.site === 'comparison' ? 'comparedWithLiteral' : 'hardcodedCredential',
        data: { name, what: WHAT[kind] },
        confidence,
        secret: true,
      });
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node);
      },
      TemplateLiteral(node) {
        check(node);
      },
      BinaryExpression(node) {
        // 'Basic ' + 'YWRt…': the whole constant, once (not each nested `+`).
        if (node.operator === '+' && !(node.parent?.type === 'BinaryExpression' && node.parent.operator === '+')) check(node);
      },
    };
  },
});
