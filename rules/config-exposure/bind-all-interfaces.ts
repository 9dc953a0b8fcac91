import { defineRule } from '../../src/rule/index.js';
import { getStaticValue, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

export default defineRule({
  id: 'TSB706',
  name: 'bind-all-interfaces',
  title: 'Server listens on all network interfaces (0.0.0.0 or ::)',
  cwe: [1327],
  severity: 'low',
  confidence: 'low',
  securitySeverity: 3.1,
  recommended: false,
  messages: {
    allInterfaces: '`listen` binds {{host}}: every network the machine is on can connect; bind 127.0.0.1 unless the service must be reachable (e.g. in a container).',
  },
  docs: {
    why: 'A development server, admin port or debug endpoint bound to all interfaces is reachable from the local network or the internet, not just from the machine.',
    fix: 'Bind `127.0.0.1` (or `localhost`) by default and make the host configurable for containers and production, where a proxy or firewall decides exposure.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.listen(9229, '0.0.0.0');`,
      safe: `import express from 'express';\nconst app = express();\napp.listen(3000, process.env.HOST ?? '127.0.0.1');`,
    },
    references: ['https://cwe.mitre.org/data/definitions/1327.html'],
    sources: ['bandit:B104'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'listen') return;
        for (const argument of node.arguments.slice(0, 2)) {
          if (argument.type === 'SpreadElement') continue;
          const value = getStaticValue(context, argument)?.value;
          if (typeof value === 'string' && ALL_INTERFACES.has(value)) {
            context.report({ node: argument, messageId: 'allInterfaces', data: { host: value } });
            return;
          }
        }
      },
    };
  },
});
