import { defineRule } from '../../src/rule/index.js';
import { resolveCalleeAmong, skipWrappers, fileMentions } from '../../src/analysis/index.js';

const EXPRESS = new Set(['express']);
/** What removes the header: helmet (any form), `app.disable('x-powered-by')`, `app.set('x-powered-by', false)`, `hidePoweredBy`. */
const HEADER_HANDLED = /helmet|x-powered-by|hidePoweredBy|removeHeader\(\s*['"`]X-Powered-By/i;

export default defineRule({
  id: 'TSB708',
  name: 'express-x-powered-by',
  title: 'Express app created without helmet or disabling X-Powered-By',
  cwe: [200, 497],
  severity: 'low',
  confidence: 'low',
  securitySeverity: 2.1,
  recommended: false,
  messages: {
    poweredBy: 'This Express app sends `X-Powered-By: Express` and none of helmet\'s headers (no `helmet()` or `app.disable(\'x-powered-by\')` in this file); add `app.use(helmet())`.',
  },
  docs: {
    why: 'Express announces itself in an `X-Powered-By` header on every response, which helps scanners pick exploits for the framework and its version. A file that creates the app without helmet usually also sends none of the protective headers (CSP, X-Frame-Options, HSTS, nosniff). The rule looks at the file that calls `express()` only; an app secured in another module is reported too (hence low confidence).',
    fix: 'Call `app.use(helmet())` right after creating the app (it removes X-Powered-By and sets the protective headers), or at least `app.disable(\'x-powered-by\')`.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\napp.listen(3000);`,
      safe: `import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet());\napp.get('/', (req, res) => res.send('ok'));\napp.listen(3000);`,
    },
    references: ['https://expressjs.com/en/advanced/best-practice-security.html#reduce-fingerprinting', 'https://helmetjs.github.io/'],
    sources: ['njsscan:express_xpowered_by'],
  },
  create(context) {
    const handled = fileMentions(context, HEADER_HANDLED);
    return {
      CallExpression(node) {
        if (skipWrappers(node.callee).type !== 'Identifier' || node.arguments.length > 0) return;
        if (resolveCalleeAmong(context, node, EXPRESS) === undefined) return;
        if (!handled()) context.report({ node, messageId: 'poweredBy' });
      },
    };
  },
});
