import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { findVariable, singleDeclarator, skipWrappers, staticKeyName, staticPropertyName, resolveCalleeAmong } from '../../src/analysis/index.js';

/** ORM and ODM methods that write every field of their data argument, with that argument's index. */
const WRITE_METHODS: ReadonlyMap<string, number> = new Map([
  ['create', 0], ['build', 0], ['insert', 0], ['insertMany', 0], ['save', 0], ['upsert', 0], ['bulkCreate', 0],
  ['update', 0], ['updateOne', 1], ['updateMany', 1], ['findByIdAndUpdate', 1], ['findOneAndUpdate', 1], ['replaceOne', 1], ['merge', 1],
]);
const OBJECT_ASSIGN = new Set(['Object.assign']);
const REQUEST_NAMES = new Set(['req', 'request', 'ctx']);

type Context = Parameters<typeof findVariable>[0];

/**
 * True when the expression is a whole request body (`req.body`, `ctx.request.body`, a local
 * holding it, or an object spreading it), as opposed to chosen fields of it.
 */
function isWholeBody(context: Context, raw: TSESTree.Node | undefined, depth = 0): boolean {
  if (raw === undefined || depth > 4) return false;
  const node = skipWrappers(raw);
  if (node.type === 'MemberExpression' && staticPropertyName(node) === 'body') {
    let object = skipWrappers(node.object);
    if (object.type === 'MemberExpression' && staticPropertyName(object) === 'request') object = skipWrappers(object.object);
    return object.type === 'Identifier' && REQUEST_NAMES.has(object.name);
  }
  if (node.type === 'Identifier') {
    const variable = findVariable(context, node);
    const declarator = variable === undefined ? undefined : singleDeclarator(variable);
    return declarator !== undefined && declarator.id.type === 'Identifier' && isWholeBody(context, declarator.init ?? undefined, depth + 1);
  }
  if (node.type === 'ObjectExpression') {
    return node.properties.some((p) => p.type === 'SpreadElement' && isWholeBody(context, p.argument, depth + 1));
  }
  return false;
}

export default defineRule({
  id: 'TSB703',
  name: 'mass-assignment',
  title: 'Whole request body written to a model or entity (mass assignment)',
  cwe: [915],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 6.5,
  recommended: true,
  messages: {
    wholeBody: '`{{callee}}` writes every field of the request body; pick the allowed fields (`{ name, email }`) so a client cannot set `isAdmin` or `ownerId`.',
  },
  docs: {
    why: 'Passing the parsed request body straight to an ORM lets the client set any column the model has: roles, prices, owner ids, verification flags.',
    fix: 'Copy the fields the endpoint accepts into a new object (or validate with a schema that strips unknown keys, e.g. zod `.strict()`/`.pick()`), then write that.',
    examples: {
      flagged: `import express from 'express';\nimport { User } from './models';\nconst app = express();\napp.post('/users', async (req, res) => {\n  res.json(await User.create(req.body));\n});`,
      safe: `import express from 'express';\nimport { User } from './models';\nconst app = express();\napp.post('/users', async (req, res) => {\n  const { name, email } = req.body;\n  res.json(await User.create({ name, email }));\n});`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html'],
    sources: ['njsscan:node_mass_assignment'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (resolveCalleeAmong(context, node, OBJECT_ASSIGN) !== undefined) {
          const target = node.arguments[0];
          // Object.assign({}, req.body) only copies; writing into an existing object is the risk.
          if (target === undefined || skipWrappers(target).type === 'ObjectExpression') return;
          const source = node.arguments.slice(1).find((a) => a.type !== 'SpreadElement' && isWholeBody(context, a));
          if (source !== undefined) context.report({ node: source, messageId: 'wholeBody', data: { callee: 'Object.assign' } });
          return;
        }
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        const index = method === undefined ? undefined : WRITE_METHODS.get(method);
        if (index === undefined) return;
        const argument = node.arguments[index];
        if (argument === undefined || argument.type === 'SpreadElement') return;
        // Prisma: prisma.user.create({ data: req.body })
        const data = skipWrappers(argument);
        const dataProperty = data.type === 'ObjectExpression' ? data.properties.find((p) => p.type === 'Property' && staticKeyName(p) === 'data') : undefined;
        const prismaData = dataProperty?.type === 'Property' ? dataProperty.value : undefined;
        const written = prismaData ?? argument;
        if (isWholeBody(context, written)) context.report({ node: written, messageId: 'wholeBody', data: { callee: method! } });
      },
    };
  },
});
