import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { resolveReference, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';

/** Logging calls: console and the usual logger method names (pino, winston, bunyan, log4js). */
const CONSOLE_METHODS = new Set(['console.log', 'console.info', 'console.debug', 'console.warn', 'console.error', 'console.trace', 'console.dir']);
const LOGGER_METHODS = new Set(['info', 'debug', 'warn', 'error', 'trace', 'fatal', 'verbose', 'silly', 'log']);
const LOGGER_NAMES = /^(log|logger|_logger|winston|pino|bunyan|fastify\.log|req\.log|this\.logger|this\.log)$/;
/** Names that hold credentials. */
const SECRET_NAME = /^(password|passwd|pwd|pass|secret|clientSecret|client_secret|token|accessToken|access_token|refreshToken|refresh_token|apiKey|api_key|apikey|privateKey|private_key|authorization|cookie|creditCard|cardNumber|cvv|ssn)$/i;

function secretMention(node: TSESTree.Node): string | undefined {
  const value = skipWrappers(node);
  if (value.type === 'Identifier') return SECRET_NAME.test(value.name) ? value.name : undefined;
  if (value.type === 'MemberExpression') {
    const name = staticPropertyName(value);
    if (name !== undefined && SECRET_NAME.test(name)) return name;
    // the whole request body or headers: passwords and tokens travel there
    if ((name === 'body' || name === 'headers') && value.object.type === 'Identifier' && /^(req|request)$/.test(value.object.name)) return `${value.object.name}.${name}`;
    return undefined;
  }
  if (value.type === 'TemplateLiteral') return value.expressions.map(secretMention).find((m) => m !== undefined);
  if (value.type === 'BinaryExpression' && value.operator === '+') return secretMention(value.left) ?? secretMention(value.right);
  if (value.type === 'ObjectExpression') {
    for (const property of value.properties) {
      const mention = property.type === 'Property' ? secretMention(property.value) : secretMention(property.argument);
      if (mention !== undefined) return mention;
    }
  }
  return undefined;
}

export default defineRule({
  id: 'TSB705',
  name: 'logged-secret',
  title: 'Password, token or whole request body written to a log',
  cwe: [532],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 4.3,
  recommended: false,
  messages: {
    loggedSecret: '`{{value}}` is written to a log; logs are kept long and read widely: drop it or mask it.',
  },
  docs: {
    why: 'Logs are shipped to aggregators, kept for months and readable by many people and tools: a password or token logged once is a credential leaked to all of them.',
    fix: 'Log identifiers, not credentials; use the logger\'s redaction (pino `redact`, winston formats) for fields such as `password` and `authorization`.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.post('/login', (req, res) => {\n  console.log('login attempt', req.body.password);\n  res.end();\n});`,
      safe: `import express from 'express';\nconst app = express();\napp.post('/login', (req, res) => {\n  console.log('login attempt', req.body.username);\n  res.end();\n});`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude'],
    sources: ['njsscan:node_logger_password'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        // Only `console.x(...)` needs resolving (is `console` the global?): check the name first.
        const object = skipWrappers(callee.object);
        const isConsole = object.type === 'Identifier' && object.name === 'console' && CONSOLE_METHODS.has(resolveReference(context, callee) ?? '');
        const isLogger = !isConsole && method !== undefined && LOGGER_METHODS.has(method) && LOGGER_NAMES.test(context.sourceCode.getText(callee.object));
        if (!isConsole && !isLogger) return;
        for (const argument of node.arguments) {
          const mention = secretMention(argument);
          if (mention !== undefined) {
            context.report({ node: argument, messageId: 'loggedSecret', data: { value: mention }, confidence: isConsole ? 'medium' : 'low' });
            return;
          }
        }
      },
    };
  },
});
