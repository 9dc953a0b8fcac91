import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, getStaticValue, skipWrappers, staticKeyName, staticPropertyName, resolveCalleeAmong } from '../../src/analysis/index.js';
import { HEADER_SETTERS } from '../../src/analysis/http.js';


/** The `cors` middleware factory. */
const CORS = new Set(['cors']);

export default defineRule({
  id: 'TSB702',
  name: 'permissive-cors',
  title: 'CORS allows any origin together with credentials, or reflects the request Origin',
  cwe: [942, 346],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    anyOriginWithCredentials: '`cors` allows {{origin}} with `credentials: true`: any website can make authenticated requests and read the answers; list the trusted origins.',
    reflectedOrigin: '`Access-Control-Allow-Origin` is set from the request\'s Origin header: every site is trusted; compare it with an allow-list first.',
  },
  docs: {
    why: 'With credentials allowed, the browser sends the user\'s cookies on cross-origin requests. If every origin is accepted (wildcard, `true`, or the Origin header echoed back), any page the user visits can act as the user and read the responses.',
    fix: 'Pass an explicit list of trusted origins (`origin: ["https://app.example.com"]`) or a function that checks an allow-list; never echo the Origin header unchecked.',
    examples: {
      flagged: `import cors from 'cors';\nimport express from 'express';\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));`,
      safe: `import cors from 'cors';\nimport express from 'express';\nconst app = express();\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));`,
    },
    references: ['https://portswigger.net/web-security/cors', 'https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#cross-origin-resource-sharing'],
    sources: ['njsscan:express_cors', 'semgrep:javascript.express.security.cors-misconfiguration'],
  },
  create(context) {
    const optionValue = (options: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined => {
      for (const property of options.properties) if (property.type === 'Property' && staticKeyName(property) === key) return property.value;
      return undefined;
    };
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type === 'MemberExpression') {
          const method = staticPropertyName(callee);
          if (method !== undefined && HEADER_SETTERS.has(method)) {
            const name = getStaticValue(context, argumentAt(node, 0) ?? node)?.value;
            const value = argumentAt(node, 1);
            if (typeof name === 'string' && name.toLowerCase() === 'access-control-allow-origin' && value !== undefined) {
              const flow = findTaintFlow(context, value);
              if (flow !== undefined && /origin/i.test(context.sourceCode.getText(value) + (flow.steps[0] === undefined ? '' : context.sourceCode.getText(flow.steps[0].node)))) {
                context.report({ node: value, messageId: 'reflectedOrigin', flow });
              }
            }
            return;
          }
        }
        if (resolveCalleeAmong(context, node, CORS) === undefined) return;
        const options = argumentAt(node, 0);
        if (options === undefined || skipWrappers(options).type !== 'ObjectExpression') return;
        const object = skipWrappers(options) as TSESTree.ObjectExpression;
        const credentials = optionValue(object, 'credentials');
        if (credentials === undefined || getStaticValue(context, credentials)?.value !== true) return;
        const origin = optionValue(object, 'origin');
        const value = origin === undefined ? undefined : getStaticValue(context, origin);
        // cors' default origin is '*'; browsers refuse '*' with credentials, but true/regexes reflect any origin.
        const any = origin === undefined ? "'*' (the default)" : value?.value === '*' ? "'*'" : value?.value === true ? 'every origin (`origin: true`)' : undefined;
        if (any !== undefined) context.report({ node: origin ?? options, messageId: 'anyOriginWithCredentials', data: { origin: any } });
      },
    };
  },
});
