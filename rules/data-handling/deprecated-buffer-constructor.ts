import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, findTaintFlow, isConstantString, isNumericOrBoolean, resolveCallee, resolveCalleeAmong, skipWrappers } from '../../src/analysis/index.js';

const BUFFER_CONSTRUCTORS = new Set(['Buffer', 'buffer.Buffer', 'buffer.SlowBuffer', 'SlowBuffer']);

export default defineRule({
  id: 'TSB808',
  name: 'deprecated-buffer-constructor',
  title: 'Deprecated Buffer() constructor called with a size or a value that may be a number',
  cwe: [676, 200],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 5.3,
  recommended: true,
  messages: {
    sizeArgument: '`{{callee}}(size)` allocates memory that is uninitialised on Node.js before 8 and is deprecated (DEP0005): use `Buffer.alloc(size)`.',
    ambiguousArgument: '`{{callee}}(value)` allocates `value` bytes when `value` is a number (a JSON body can send one), instead of encoding it: use `Buffer.from(value)` for data or `Buffer.alloc(size)` for sizes.',
  },
  docs: {
    why: 'The `Buffer()` constructor does two different things: given a string or array it copies the data; given a number it allocates that many bytes (uninitialised memory before Node.js 8). When the argument comes from parsed JSON, a client can send a number where a string was expected and make the server allocate memory, disclose old heap contents on old runtimes, or exhaust memory. The constructor is deprecated (DEP0005) for this reason.',
    fix: 'Use `Buffer.from(data, encoding)` for data (it throws on numbers) and `Buffer.alloc(size)` for sizes; validate the type of request values first.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.post('/echo', express.json(), (req, res) => {\n  res.send(new Buffer(req.body.text).toString('base64'));\n});`,
      safe: `import express from 'express';\nconst app = express();\napp.post('/echo', express.json(), (req, res) => {\n  res.send(Buffer.from(String(req.body.text)).toString('base64'));\n});`,
    },
    references: ['https://nodejs.org/api/deprecations.html#DEP0005', 'https://github.com/nodejs/node/issues/4660'],
    sources: ['eslint-plugin-node:no-deprecated-api', 'njsscan:buffer_noassert'],
  },
  create(context) {
    const check = (node: Parameters<typeof resolveCallee>[1]): void => {
      if (node.callee.type !== 'Identifier' && node.callee.type !== 'MemberExpression') return;
      const callee = resolveCalleeAmong(context, node, BUFFER_CONSTRUCTORS);
      if (callee === undefined) return;
      const written = calleeWrittenName(node) ?? 'Buffer';
      const value = argumentAt(node, 0);
      if (value === undefined) return;
      const name = node.type === 'NewExpression' ? `new ${written}` : written;
      if (isNumericOrBoolean(context, value)) {
        context.report({ node, messageId: 'sizeArgument', data: { callee: name } });
        return;
      }
      const bare = skipWrappers(value);
      // Always text or an array: no number can get through.
      if (isConstantString(context, bare) || bare.type === 'TemplateLiteral' || bare.type === 'ArrayExpression' || (bare.type === 'BinaryExpression' && bare.operator === '+')) return;
      if (bare.type === 'CallExpression' && bare.callee.type === 'Identifier' && bare.callee.name === 'String') return;
      const flow = findTaintFlow(context, value);
      context.report({ node, messageId: 'ambiguousArgument', data: { callee: name }, confidence: flow ? 'high' : 'low', flow });
    };
    return { NewExpression: check, CallExpression: check };
  },
});
