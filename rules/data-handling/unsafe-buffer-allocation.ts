import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, findVariable, resolveCalleeAmong, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { ensureParents } from '../../src/analysis/taint/tree.js';

const UNSAFE_ALLOCATORS = new Set(['Buffer.allocUnsafe', 'Buffer.allocUnsafeSlow', 'buffer.Buffer.allocUnsafe', 'buffer.Buffer.allocUnsafeSlow']);
/** Calls that send or store their argument where someone else can read it. */
const OUTPUT_CALLS = new Set(['send', 'write', 'end', 'json', 'jsonp', 'push', 'reply', 'postMessage', 'emit', 'respond', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'resolve', 'callback', 'cb', 'done', 'next']);
/** Methods of the buffer that leak its bytes as a value. */
const READING_METHODS = new Set(['toString', 'toJSON', 'subarray', 'slice', 'values', 'entries']);
/** Properties assigned to send a body (Koa `ctx.body`, Lambda `response.body`). */
const BODY_PROPERTIES = new Set(['body', 'payload']);

type Use = 'fill' | 'leak' | 'other';

export default defineRule({
  id: 'TSB807',
  name: 'unsafe-buffer-allocation',
  title: 'Buffer.allocUnsafe memory sent or returned before it is filled',
  cwe: [200],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 5.3,
  recommended: true,
  messages: {
    leakedUninitialized: '`{{callee}}` returns uninitialised memory, and this buffer reaches {{where}} without being filled: old heap data (keys, other users\' requests) can leak. Use `Buffer.alloc`, or fill it completely first.',
  },
  docs: {
    why: '`Buffer.allocUnsafe(n)` and `allocUnsafeSlow(n)` return memory that still holds whatever the process stored there before: fragments of other requests, tokens, keys. Sending or returning such a buffer before every byte is written discloses that data.',
    fix: 'Allocate with `Buffer.alloc(n)` (zero-filled), or make sure the buffer is completely written (`fill`, `write`, `copy`, `fs.readSync` into it) before it leaves the function.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.get('/padding', (req, res) => {\n  const padding = Buffer.allocUnsafe(Number(req.query.size));\n  res.send(padding);\n});`,
      safe: `import express from 'express';\nconst app = express();\napp.get('/padding', (req, res) => {\n  const padding = Buffer.alloc(Math.min(Number(req.query.size), 1024));\n  res.send(padding);\n});`,
    },
    references: ['https://nodejs.org/api/buffer.html#static-method-bufferallocunsafesize'],
    sources: ['eslint-plugin-security:detect-buffer-noassert', 'njsscan:buffer_noassert'],
  },
  create(context) {
    /** How the buffer is used at this reference or expression. */
    const useOf = (expression: TSESTree.Node): { use: Use; where?: string } => {
      let node: TSESTree.Node = expression;
      while (node.parent !== undefined && (node.parent.type === 'TSAsExpression' || node.parent.type === 'TSNonNullExpression' || node.parent.type === 'AwaitExpression')) node = node.parent;
      const parent = node.parent;
      if (parent === undefined) return { use: 'other' };
      if (parent.type === 'ReturnStatement' || (parent.type === 'ArrowFunctionExpression' && parent.body === node)) return { use: 'leak', where: 'a return' };
      if (parent.type === 'MemberExpression' && parent.object === node) {
        const name = staticPropertyName(parent);
        if (parent.computed && parent.parent?.type === 'AssignmentExpression' && parent.parent.left === parent) return { use: 'fill' };
        if (name !== undefined && READING_METHODS.has(name)) return { use: 'leak', where: `\`.${name}()\`` };
        if (name !== undefined && (name === 'fill' || name === 'set' || name.startsWith('write'))) return { use: 'fill' };
        return { use: 'other' };
      }
      if (parent.type === 'CallExpression' && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
        const callee = skipWrappers(parent.callee);
        const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
        if (name !== undefined && OUTPUT_CALLS.has(name)) return { use: 'leak', where: `\`${name}()\`` };
        // Passed to anything else (`fs.readSync(fd, buf)`, `src.copy(buf)`, `randomFillSync(buf)`): assume it is filled.
        return { use: 'fill' };
      }
      if (parent.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'MemberExpression' && BODY_PROPERTIES.has(staticPropertyName(parent.left) ?? '')) {
        return { use: 'leak', where: 'a response body' };
      }
      if (parent.type === 'TemplateLiteral') return { use: 'leak', where: 'a string' };
      return { use: 'other' };
    };
    return {
      CallExpression(node) {
        const callee = resolveCalleeAmong(context, node, UNSAFE_ALLOCATORS);
        if (callee === undefined) return;
        ensureParents(context.sourceCode.ast);
        let where: string | undefined;
        const direct = useOf(node);
        if (direct.use === 'leak') where = direct.where;
        const declarator = node.parent;
        if (where === undefined && declarator?.type === 'VariableDeclarator' && declarator.init === node && declarator.id.type === 'Identifier') {
          const variable = findVariable(context, declarator.id);
          const uses = (variable?.references ?? []).filter((r) => r.init !== true).map((r) => useOf(r.identifier as TSESTree.Node));
          if (uses.some((u) => u.use === 'fill')) return;
          where = uses.find((u) => u.use === 'leak')?.where;
        }
        if (where === undefined) return;
        const size = argumentAt(node, 0);
        const flow = size === undefined ? undefined : findTaintFlow(context, size);
        const shortName = callee.slice(callee.lastIndexOf('Buffer.'));
        context.report({ node, messageId: 'leakedUninitialized', data: { callee: shortName, where }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
