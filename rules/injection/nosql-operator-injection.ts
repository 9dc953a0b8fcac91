import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, skipWrappers, staticKeyName } from '../../src/analysis/index.js';
import { sanitizesMongoFilters, uncastFilterInput, uncastRequestValue } from '../../src/analysis/query-input.js';
import { queryOrigin } from '../../src/analysis/query-origin.js';

/** MongoDB/Mongoose methods and the index of their filter argument. */
const FILTER_METHODS: ReadonlyMap<string, number> = new Map([
  ['find', 0], ['findOne', 0], ['findOneAndUpdate', 0], ['findOneAndDelete', 0], ['findOneAndRemove', 0], ['findOneAndReplace', 0],
  ['updateOne', 0], ['updateMany', 0], ['deleteOne', 0], ['deleteMany', 0], ['replaceOne', 0], ['countDocuments', 0], ['exists', 0],
  ['distinct', 1], ['count', 0], ['remove', 0], ['update', 0], ['where', 0],
]);
/** Names other libraries use for other things (Sequelize `update(values)`, knex `where`, arrays' `count`): only on a resolved MongoDB receiver. */
const MONGO_ONLY_WHEN_RESOLVED = new Set(['count', 'remove', 'update', 'where']);

export default defineRule({
  id: 'TSB203',
  name: 'nosql-operator-injection',
  title: 'MongoDB query filter takes request data without a cast (operator injection)',
  cwe: [943],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 8.1,
  recommended: true,
  messages: {
    uncastFilter: '`{{method}}` filter takes `{{source}}` from the request as is: a JSON body or `?field[$ne]=` query can turn it into an operator object; cast it (`String(x)`) or validate its type first.',
  },
  docs: {
    why: 'Parsed JSON bodies and `qs`-style query strings can hold objects, not just strings. `User.findOne({ email: req.body.email, password: req.body.password })` with `{"password": {"$ne": null}}` matches any user: the value became a query operator. A whole request object used as a filter (`Product.find(req.query)`) lets the client add any condition, `$where` included.',
    fix: 'Cast each value to the type the field expects (`String(req.body.email)`, `Number(...)`, `new ObjectId(id)`), validate the body with a schema (zod, Joi, class-validator DTOs, express-validator), or enable Mongoose `sanitizeFilter` / the express-mongo-sanitize middleware. Build filters from chosen fields, never from the whole request object.',
    examples: {
      flagged: `import express from 'express';\nimport { User } from './models/user';\nconst app = express();\napp.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email, password: req.body.password });\n  res.json({ ok: user !== null });\n});`,
      safe: `import express from 'express';\nimport { User } from './models/user';\nconst app = express();\napp.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: String(req.body.email) });\n  res.json({ ok: user !== null });\n});`,
    },
    references: [
      'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection',
      'https://mongoosejs.com/docs/api/mongoose.html#Mongoose.prototype.sanitizeFilter()',
    ],
    sources: ['njsscan:node_nosqli_injection', 'eslint-plugin-security-node:detect-nosql-injection'],
  },
  create(context) {
    const report = (method: string, filter: TSESTree.Node, source: TSESTree.Node, resolved: boolean): void => {
      const text = context.sourceCode.getText(source).replace(/\s+/g, ' ');
      context.report({
        node: filter,
        messageId: 'uncastFilter',
        data: { method, source: text.length > 40 ? `${text.slice(0, 37)}...` : text },
        confidence: resolved ? 'high' : 'medium',
        flow: { steps: [{ node: source, label: text }] },
      });
    };

    return {
      CallExpression(node) {
        const method = calleeWrittenName(node);
        if (method === undefined || skipWrappers(node.callee).type !== 'MemberExpression') return;
        const index = FILTER_METHODS.get(method);
        if (index === undefined && method !== 'aggregate') return;
        const origin = queryOrigin(context, node.callee);
        if (origin !== undefined && origin.kind !== 'mongo') return;
        if (origin === undefined && MONGO_ONLY_WHEN_RESOLVED.has(method)) return;
        if (sanitizesMongoFilters(context)) return;
        const resolved = origin !== undefined;
        if (method === 'aggregate') {
          const pipeline = argumentAt(node, 0);
          if (pipeline === undefined) return;
          const stages = skipWrappers(pipeline);
          if (stages.type !== 'ArrayExpression') {
            const source = uncastRequestValue(context, stages);
            if (source !== undefined) report(method, pipeline, source, resolved);
            return;
          }
          for (const stage of stages.elements) {
            if (stage === null || stage.type === 'SpreadElement') continue;
            const object = skipWrappers(stage);
            const match = object.type === 'ObjectExpression' ? object.properties.find((p) => p.type === 'Property' && staticKeyName(p) === '$match') : undefined;
            const filter = match?.type === 'Property' ? match.value : stage;
            const source = match === undefined ? uncastRequestValue(context, stage) : uncastFilterInput(context, filter);
            if (source !== undefined) report(method, filter, source, resolved);
          }
          return;
        }
        const filter = argumentAt(node, index!);
        if (filter === undefined) return;
        const source = uncastFilterInput(context, filter);
        if (source !== undefined) report(method, filter, source, resolved);
      },
    };
  },
});
