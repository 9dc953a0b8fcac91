import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { isTestPath, knownSecretAt, secretsAssignedTo, secretsPassedTo, type CallSecret } from '../../src/analysis/secrets/index.js';

export default defineRule({
  id: 'TSB503',
  name: 'hardcoded-secret-in-call',
  title: 'Library call given a hard-coded secret (JWT signing key, session secret, HMAC key, database password, SDK credentials)',
  cwe: [798, 321],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 8.1,
  recommended: true,
  messages: {
    secretArgument: '`{{callee}}` receives a secret written in the code; load it from the environment or a secret manager, and rotate it.',
  },
  docs: {
    why: "Some arguments are secrets by definition: the key of `jwt.sign`/`jwt.verify` (jsonwebtoken) and jose's `SignJWT.sign`/`jwtVerify`, express-session's and cookie-session's `secret`/`keys`, cookie-parser's secret, Koa's `app.keys`, `crypto.createHmac`'s key, `new Sequelize(db, user, password)`, mongoose, MongoDB, pg, mysql/mysql2, knex, TypeORM, Redis, mssql and oracledb passwords, nodemailer's `auth.pass`, AWS SDK `credentials`, passport strategies' `secretOrKey`/`clientSecret`, express-jwt, koa-jwt, @nestjs/jwt and Fastify plugins' `secret`, Twilio, Stripe, SendGrid, OpenAI and Anthropic clients' keys, express-basic-auth users. Whoever reads the code can forge session cookies and JWTs, compute HMACs, or log in to the database. The rule follows constants, constant objects, `Buffer.from`/`TextEncoder` wrappers and `process.env.X || '…'` fallbacks (reported with medium confidence) to the literal, and reports the literal where it is written. Without an import, a global `jwt`, `session` or `cookieParser` is taken for its library by name, with medium confidence. Even README values such as `'keyboard cat'` or `'secret'` are reported: that is exactly how they end up in production.",
    fix: "Read the secret from the environment or a secret manager at start-up, and refuse to start without it (`const secret = process.env.SESSION_SECRET; if (!secret) throw new Error('SESSION_SECRET is not set')`) instead of falling back to a constant. Rotate any secret that was committed: sessions and tokens signed with it can be forged.",
    examples: {
      flagged: `import jwt from 'jsonwebtoken';\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, 'my-jwt-signing-secret', { expiresIn: '1h' });`,
      safe: `import jwt from 'jsonwebtoken';\nconst JWT_SECRET = process.env.JWT_SECRET!;\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, JWT_SECRET, { expiresIn: '1h' });`,
    },
    references: [
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://expressjs.com/en/resources/middleware/session.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    ],
    sources: ['njsscan:node_secret', 'semgrep:javascript.jsonwebtoken.security.jwt-hardcode', 'semgrep:javascript.express.security.audit.express-session-hardcoded-secret'],
  },
  create(context) {
    const reported = new Set<Node>();
    const lowConfidence = isTestPath(context.filename);
    const report = (secrets: readonly CallSecret[]): void => {
      for (const { constant, callee, byName } of secrets) {
        // A constant shared by several calls (sign and verify) is one secret: one finding.
        if (reported.has(constant.node)) continue;
        reported.add(constant.node);
        // Known formats (a Stripe key, a PEM private key) are known-format-secret's.
        if (knownSecretAt(context, constant.node, constant.value) !== undefined) continue;
        context.report({ node: constant.node, messageId: 'secretArgument', data: { callee }, confidence: lowConfidence ? 'low' : constant.fallback || byName ? 'medium' : 'high', secret: true });
      }
    };
    return {
      CallExpression(node) {
        report(secretsPassedTo(context, node));
      },
      NewExpression(node) {
        report(secretsPassedTo(context, node));
      },
      AssignmentExpression(node) {
        report(secretsAssignedTo(context, node));
      },
    };
  },
});
