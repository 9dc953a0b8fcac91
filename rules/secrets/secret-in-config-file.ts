import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { credentialInEmbeddedConfig } from '../../src/analysis/secrets/index.js';

/**
 * Most of this rule's work happens outside the syntax tree: `tsbandit scan` reads `.env*`,
 * JSON, YAML, TOML, INI, properties and `.npmrc` files and reports their credential-named
 * settings under this rule (see src/config-files). In source files, the same check runs on
 * configuration documents written in the code.
 */
export default defineRule({
  id: 'TSB504',
  name: 'secret-in-config-file',
  title: 'Configuration file or configuration text holds a password, secret, token or key under a credential name',
  cwe: [260, 312, 798],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.2,
  recommended: true,
  messages: {
    credentialInConfig: '`{{key}}` in this {{format}} holds a hard-coded credential; keep real values out of committed configuration (use the environment or a secret manager) and rotate this one.',
  },
  docs: {
    why: "Configuration files are committed, copied into images and shipped in packages far more often than anyone intends: a committed `.env`, a `docker-compose.yml` with `POSTGRES_PASSWORD`, an `.npmrc` with `_authToken`, a Kubernetes `Secret` manifest (base64 is not encryption) or an `application.properties` with `spring.datasource.password` hands the credential to everyone who can read the repository. `tsbandit scan` reads `.env*`, `*.json`, `*.yml`/`*.yaml` (docker-compose included), `*.toml`, `*.ini`, `*.properties` and `.npmrc` files (lockfiles, minified files and translation catalogues aside, unless named) value by value, with each format's own syntax, and reports settings whose key names a credential and whose value looks real: placeholders (`changeme`, `${DB_PASSWORD}`, `{{ secrets.X }}`, `<token>`), references (`!Ref`, `ENC(…)`, `vault:`), labels and empty values are not reported, `.env.example`-style files get low confidence, and test folders are not checked. Values of a known format (tokens, private keys in `*.pem`/`*.key`, password URLs) are reported by known-format-secret. In source files the rule checks configuration documents written in the code: constant strings given to `yaml.parse`, `JSON.parse`, `dotenv.parse`, `toml.parse`, `ini.parse`, or written with `fs.writeFile*` to a configuration file name.",
    fix: 'Remove the value from the file and from git history, rotate it, and load it at run time from the environment, a secret manager or an untracked `.env` (add `.env` to `.gitignore`; commit a `.env.example` with placeholders instead). In Kubernetes, create Secrets from a secret store (External Secrets, Sealed Secrets) rather than committing manifests with data.',
    examples: {
      flagged: `import YAML from 'yaml';\nexport const settings = YAML.parse(\`\ndatabase:\n  host: db.internal\n  password: Xk9#mQ2v!Lr7pT4w\n\`);`,
      safe: `import YAML from 'yaml';\nexport const settings = YAML.parse(\`\ndatabase:\n  host: db.internal\n  password: \\\${DB_PASSWORD}\n\`);`,
    },
    references: ['https://cwe.mitre.org/data/definitions/260.html', 'https://12factor.net/config', 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html'],
    sources: ['gitleaks', 'detect-secrets:KeywordDetector', 'trufflehog'],
  },
  create(context) {
    const reported = new Set<Node>();
    return {
      CallExpression(node) {
        const found = credentialInEmbeddedConfig(context, node);
        if (found === undefined || reported.has(found.constant.node)) return;
        reported.add(found.constant.node);
        context.report({ node: found.constant.node, messageId: 'credentialInConfig', data: { key: found.key, format: found.format }, secret: true });
      },
    };
  },
});
