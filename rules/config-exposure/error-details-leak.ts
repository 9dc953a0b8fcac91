import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { findVariable, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';

/** Response methods that send their argument to the client. */
const RESPONSE_SENDERS = new Set(['send', 'json', 'end', 'write', 'jsonp']);

type Context = Parameters<typeof findVariable>[0];

/** An error object: a `catch (err)` binding, or the first parameter of a four-parameter Express error handler. */
function isCaughtError(context: Context, node: TSESTree.Node): boolean {
  if (node.type !== 'Identifier') return false;
  const def = findVariable(context, node)?.defs[0];
  if (def === undefined) return false;
  if (def.type === 'CatchClause') return true;
  if (def.type !== 'Parameter') return false;
  const fn = def.node as TSESTree.FunctionLike;
  return 'params' in fn && fn.params.length === 4 && fn.params[0]?.type === 'Identifier' && fn.params[0].name === node.name;
}

export default defineRule({
  id: 'TSB704',
  name: 'error-details-leak',
  title: 'Stack trace or raw error object sent in an HTTP response',
  cwe: [209, 497],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 5.3,
  recommended: true,
  messages: {
    stackSent: 'The error\'s stack trace is sent to the client; log it on the server and answer with a generic message and an id.',
    errorSent: 'A raw error object is sent to the client (it may carry the stack, SQL, paths or secrets); send a generic message and log the error.',
  },
  docs: {
    why: 'Stack traces and raw errors reveal file paths, library versions, SQL text and sometimes credentials, which guide an attacker to the next step.',
    fix: 'Log the error server-side (with a correlation id) and respond with a fixed message such as `{ error: "internal error", id }`.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {\n  res.status(500).send(err.stack);\n});`,
      safe: `import express from 'express';\nconst app = express();\napp.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {\n  console.error(err);\n  res.status(500).json({ error: 'internal error' });\n});`,
    },
    references: ['https://owasp.org/www-community/Improper_Error_Handling'],
    sources: ['njsscan:express_error_leak'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        if (method === undefined || !RESPONSE_SENDERS.has(method)) return;
        const argument = node.arguments[0];
        if (argument === undefined || argument.type === 'SpreadElement') return;
        const value = skipWrappers(argument);
        if (value.type === 'MemberExpression' && staticPropertyName(value) === 'stack' && isCaughtError(context, skipWrappers(value.object))) {
          context.report({ node: value, messageId: 'stackSent' });
        } else if ((method === 'send' || method === 'json') && isCaughtError(context, value)) {
          context.report({ node: value, messageId: 'errorSent', confidence: 'medium' });
        }
      },
    };
  },
});
