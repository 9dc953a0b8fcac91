import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, getStaticValue, resolveCalleeAmong, resolveReference, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';
import { objectLiteralOf } from '../../src/analysis/crypto-values.js';

const INSPECTOR_OPEN = new Set(['inspector.open', 'inspector/promises.open']);
const APOLLO_SERVERS = new Set(['apollo-server.ApolloServer', 'apollo-server-express.ApolloServer', 'apollo-server-koa.ApolloServer', 'apollo-server-fastify.ApolloServer', '@apollo/server.ApolloServer']);
/** `--inspect`, `--inspect-brk`, `--inspect=0.0.0.0:9229`, in an argument list or a command line. */
const INSPECT_FLAG = /(^|\s)--inspect(-brk|-wait)?(=\S*)?(\s|$)/;
/** Where a flag string is a process argument: spawn/fork arguments, execArgv, NODE_OPTIONS. */
const PROCESS_CALLS = new Set(['fork', 'spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'execa', 'execaNode', 'execaSync', 'push', 'unshift']);
const ARGUMENT_KEYS = new Set(['execArgv', 'NODE_OPTIONS', 'nodeArgs', 'node_args', 'args', 'argv']);
/** Text every reported construct contains. */
const MARKERS = /--inspect|inspector|NODE_ENV|ApolloServer|['"`]env['"`]/;
/** Build tooling and development entry points, where development settings are the point. */
const DEVELOPMENT_FILE = /^(dev|development|webpack|vite|rollup|esbuild|jest|vitest|karma|nodemon|gulpfile|gruntfile)([.-]|$)|[.-](dev|development)\.[cm]?[jt]sx?$|\.config\.[cm]?[jt]s$/i;

export default defineRule({
  id: 'TSB710',
  name: 'debug-inspector-enabled',
  title: 'Debugger, inspector or development mode switched on in application code',
  cwe: [489, 215],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 5.3,
  recommended: true,
  messages: {
    inspectorOpen: '`{{callee}}` starts the V8 inspector: anyone who reaches its port can run code in this process; start it only behind an explicit debug switch and bind 127.0.0.1.',
    inspectFlag: '`{{flag}}` starts a process with the V8 inspector open: anyone who reaches its port can run code in it; keep the flag out of production code paths.',
    developmentMode: '{{what}} switches the app to development mode in code: verbose errors with stack traces and disabled caches reach users; set NODE_ENV from the environment.',
    apolloDebug: '`ApolloServer` is created with `{{option}}: true`: {{effect}}; leave it to the NODE_ENV default or enable it only outside production.',
  },
  docs: {
    why: 'The V8 inspector (`--inspect`, `inspector.open()`) gives whoever connects to its port full control of the process: it can evaluate any code. Forcing development mode (`app.set(\'env\', \'development\')`, `process.env.NODE_ENV = \'development\'`) makes Express and many libraries answer errors with stack traces and skip production hardening; Apollo\'s `debug: true` returns stack traces in GraphQL errors and `introspection: true` publishes the whole schema.',
    fix: 'Enable debugging from the command line or the environment for a development run (`node --inspect`, `NODE_ENV=development`), not in code that ships; when an inspector must be opened at run time, guard it behind an explicit switch and bind it to 127.0.0.1.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.set('env', 'development');\napp.listen(3000);`,
      safe: `import express from 'express';\nconst app = express();\napp.set('trust proxy', 1);\napp.listen(3000);`,
    },
    references: ['https://nodejs.org/en/learn/getting-started/debugging#security-implications', 'https://expressjs.com/en/advanced/best-practice-performance.html#set-node_env-to-production'],
    sources: ['bandit:B201', 'njsscan:node_debug'],
  },
  create(context) {
    if (DEVELOPMENT_FILE.test(context.filename.slice(context.filename.replace(/\\/g, '/').lastIndexOf('/') + 1))) return {};
    // Files that mention none of the switches get no listeners at all.
    if (!MARKERS.test(context.sourceCode.text ?? '')) return {};
    /** True when a string sits where it is a process argument. */
    const isProcessArgument = (literal: Node): boolean => {
      let node: Node = literal;
      let parent = node.parent;
      if (parent?.type === 'ArrayExpression') {
        node = parent;
        parent = parent.parent;
        if (parent?.type === 'VariableDeclarator') return true;
      }
      if (parent?.type === 'Property') return ARGUMENT_KEYS.has(staticKeyName(parent) ?? '');
      if (parent?.type === 'CallExpression' && parent.callee !== node) return PROCESS_CALLS.has(calleeWrittenName(parent) ?? '');
      if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'MemberExpression') return staticPropertyName(parent.left) === 'NODE_OPTIONS';
      return false;
    };
    const checkFlag = (node: TSESTree.Literal | TSESTree.TemplateLiteral, text: string): void => {
      const flag = INSPECT_FLAG.exec(text);
      if (flag !== null && isProcessArgument(node)) context.report({ node, messageId: 'inspectFlag', data: { flag: flag[0].trim() } });
    };
    const isDevelopment = (node: Node): boolean => {
      const value = skipWrappers(node);
      if (value.type === 'LogicalExpression') return isDevelopment(value.right);
      return getStaticValue(context, value)?.value === 'development';
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string' && node.value.includes('--inspect')) checkFlag(node, node.value);
      },
      TemplateLiteral(node) {
        if (!node.quasis.some((quasi) => quasi.value.raw.includes('--inspect'))) return;
        checkFlag(node, node.quasis.map((quasi) => quasi.value.cooked ?? '').join(' '));
      },
      CallExpression(node) {
        const written = calleeWrittenName(node);
        if (written === 'open') {
          const callee = resolveCalleeAmong(context, node, INSPECTOR_OPEN);
          if (callee !== undefined) context.report({ node, messageId: 'inspectorOpen', data: { callee } });
          return;
        }
        if (written === 'set' && node.arguments.length === 2 && node.callee.type === 'MemberExpression') {
          const name = getStaticValue(context, argumentAt(node, 0) ?? node)?.value;
          const value = argumentAt(node, 1);
          if (name === 'env' && value !== undefined && isDevelopment(value)) {
            context.report({ node, messageId: 'developmentMode', data: { what: `\`${context.sourceCode.getText(node.callee.object)}.set('env', 'development')\`` } });
          }
        }
      },
      AssignmentExpression(node) {
        if (node.left.type !== 'MemberExpression' || staticPropertyName(node.left) !== 'NODE_ENV') return;
        if (resolveReference(context, node.left) !== 'process.env.NODE_ENV') return;
        if (node.operator !== '=' && node.operator !== '||=' && node.operator !== '??=') return;
        if (isDevelopment(node.right)) context.report({ node, messageId: 'developmentMode', data: { what: '`process.env.NODE_ENV = \'development\'`' } });
      },
      NewExpression(node) {
        if (calleeWrittenName(node) !== 'ApolloServer') return;
        if (resolveCalleeAmong(context, node, APOLLO_SERVERS) === undefined) return;
        const options = objectLiteralOf(context, argumentAt(node, 0));
        for (const property of options?.properties ?? []) {
          if (property.type !== 'Property') continue;
          const option = staticKeyName(property);
          if ((option === 'debug' || option === 'introspection') && getStaticValue(context, property.value)?.value === true) {
            const effect = option === 'debug' ? 'GraphQL errors carry stack traces to clients' : 'anyone can download the whole schema, including internal fields';
            context.report({ node: property, messageId: 'apolloDebug', data: { option, effect } });
          }
        }
      },
    };
  },
});
