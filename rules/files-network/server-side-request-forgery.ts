import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { type AnalysisContext, argumentAt, calleeWrittenName, resolveCalleeAmong, staticKeyName, fileMentions } from '../../src/analysis/index.js';
import { objectLiteralOf } from '../../src/analysis/crypto-values.js';
import { requestFlow } from '../../src/analysis/paths/input.js';
import { configuredSinkCall } from '../../src/analysis/extensions.js';
import { placeUrlValues } from '../../src/analysis/paths/pieces.js';
import { isHostCheck, isUrlCheckedAt } from '../../src/analysis/paths/url-checks.js';

/** HTTP clients as resolved callees, with the index of their URL (or options) argument. */
const HTTP_CLIENTS: ReadonlyMap<string, number> = new Map([
  ['fetch', 0], ['node-fetch', 0], ['cross-fetch', 0], ['isomorphic-fetch', 0], ['undici.fetch', 0], ['undici.request', 0], ['undici.stream', 0],
  ['axios', 0], ['axios.request', 0], ['axios.get', 0], ['axios.post', 0], ['axios.put', 0], ['axios.patch', 0], ['axios.delete', 0], ['axios.head', 0], ['axios.options', 0],
  ['axios.default', 0], ['axios.default.get', 0], ['axios.default.post', 0],
  ['got', 0], ['got.get', 0], ['got.post', 0], ['got.put', 0], ['got.patch', 0], ['got.delete', 0], ['got.head', 0], ['got.stream', 0],
  ['ky', 0], ['ky.get', 0], ['ky.post', 0], ['ky.put', 0], ['ky.patch', 0], ['ky.delete', 0],
  ['superagent', 0], ['superagent.get', 0], ['superagent.post', 0], ['superagent.put', 0], ['superagent.patch', 0], ['superagent.delete', 0], ['superagent.head', 0],
  ['needle', 1], ['needle.request', 1], ['needle.get', 0], ['needle.post', 0], ['needle.put', 0], ['needle.patch', 0], ['needle.delete', 0], ['needle.head', 0],
  ['request', 0], ['request.get', 0], ['request.post', 0], ['request.put', 0], ['request.patch', 0], ['request.delete', 0], ['request-promise', 0], ['request-promise-native', 0],
  ['http.request', 0], ['http.get', 0], ['https.request', 0], ['https.get', 0], ['http2.connect', 0],
  ['axios.create', 0], ['net.connect', 0], ['net.createConnection', 0], ['tls.connect', 0],
  ['ofetch.ofetch', 0], ['ofetch.$fetch', 0], ['phin', 0], ['bent', 0], ['simple-get', 0], ['simple-get.concat', 0],
]);
const CLIENT_NAMES: ReadonlySet<string> = new Set(HTTP_CLIENTS.keys());
/** Option keys that hold the whole URL or its base. */
const URL_KEYS = new Set(['url', 'uri', 'baseURL', 'baseUrl', 'prefixUrl', 'origin']);
/** A file that can reach a client: global fetch, one of the client modules, a headless browser page. */
const MENTIONS_CLIENT = /fetch|\.goto\(|['"`](?:node:)?(?:axios|got|ky|superagent|needle|request|request-promise|request-promise-native|https?|http2|undici|ofetch|phin|bent|simple-get|net|tls)['"`]/;
/** Options that carry an HTTP agent or dispatcher. */
const AGENT_KEYS = new Set(['agent', 'httpAgent', 'httpsAgent', 'dispatcher']);
/** ssrf-req-filter, request-filtering-agent and similar: agents that refuse private and loopback addresses. */
const FILTERING_AGENT = /ssrf|filter|useAgent|RequestFiltering/i;
/** Option keys that hold the host alone (Node's http.request). */
const HOST_KEYS = new Set(['host', 'hostname']);

export default defineRule({
  id: 'TSB602',
  name: 'server-side-request-forgery',
  title: 'Outgoing request to a URL or host taken from request data',
  cwe: [918],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 8.6,
  recommended: true,
  messages: {
    requestHost: '`{{callee}}` sends a request to a URL whose host comes from request data: callers can reach internal services and cloud metadata (169.254.169.254); check the host against an allow-list.',
    requestPath: '`{{callee}}` puts request data into the path of a fixed service\'s URL without encoding: `../` and `?` can reach other endpoints of that service; wrap the value in encodeURIComponent.',
  },
  docs: {
    why: 'When the server fetches a URL the client chose, the client borrows the server\'s network position: it can reach internal admin interfaces, databases with HTTP APIs, `localhost` services and cloud metadata endpoints that hand out credentials, and read or trigger them through the server. A value pasted unencoded into the path of a fixed service can still walk to other endpoints of that service with `../`.',
    fix: 'Keep the scheme and host fixed in code, or parse the URL (`new URL(input)`) and compare its `hostname` with an allow-list before the request; put request values into paths with `encodeURIComponent` and into query strings with `URLSearchParams`. Block private address ranges when arbitrary hosts must be allowed (webhooks).',
    examples: {
      flagged: `import express from 'express';\nimport axios from 'axios';\nconst app = express();\napp.get('/preview', async (req, res) => {\n  const page = await axios.get(String(req.query.url));\n  res.send(page.data);\n});`,
      safe: `import express from 'express';\nimport axios from 'axios';\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n  const user = await axios.get('https://api.example.com/users/' + encodeURIComponent(req.params.id));\n  res.json(user.data);\n});`,
    },
    references: ['https://owasp.org/Top10/A10_2021-Server-Side_Request_Forgery_%28SSRF%29/', 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html'],
    sources: ['njsscan:node_ssrf', 'semgrep:javascript.express.security.audit.express-ssrf'],
  },
  create(context) {
    const sanitized = (ctx: AnalysisContext, node: Node): boolean => isUrlCheckedAt(ctx, node, isHostCheck);
    /** Reports the first request value in the origin (high) or, failing that, in the path (medium). */
    const checkUrl = (urlNode: Node, callee: string, relativeIsPath: boolean): boolean => {
      const placed = placeUrlValues(context, urlNode, relativeIsPath, (node) => sanitized(context, node));
      for (const position of ['origin', 'path'] as const) {
        for (const value of placed) {
          if (value.position !== position) continue;
          const flow = requestFlow(context, value.node, sanitized);
          if (flow === undefined) continue;
          context.report({ node: urlNode, messageId: position === 'origin' ? 'requestHost' : 'requestPath', data: { callee }, confidence: position === 'origin' ? 'high' : 'medium', flow });
          return true;
        }
      }
      return false;
    };
    const checkOptions = (options: TSESTree.ObjectExpression, callee: string): boolean => {
      if (hasFilteringAgent(options)) return false;
      for (const property of options.properties) {
        if (property.type !== 'Property') continue;
        const key = staticKeyName(property) ?? '';
        if (URL_KEYS.has(key) && checkUrl(property.value, callee, false)) return true;
        if (HOST_KEYS.has(key)) {
          const flow = requestFlow(context, property.value, sanitized);
          if (flow !== undefined) {
            context.report({ node: property.value, messageId: 'requestHost', data: { callee }, flow });
            return true;
          }
        }
        if (key === 'path' && checkUrl(property.value, callee, true)) return true;
      }
      return false;
    };
    /** `{ httpAgent: ssrfFilter(url) }`, `{ agent: useAgent(url) }`, `{ dispatcher: ... }`: an agent that refuses private addresses. */
    const hasFilteringAgent = (options: TSESTree.ObjectExpression): boolean => options.properties.some((property) =>
      property.type === 'Property' && AGENT_KEYS.has(staticKeyName(property) ?? '') && FILTERING_AGENT.test(context.sourceCode.getText(property.value)));
    const mentionsClient = fileMentions(context, MENTIONS_CLIENT);
    return {
      CallExpression(node) {
        // URL sinks of the config's `analysis.sinks` (kind: url).
        const configured = configuredSinkCall(context, node, 'url');
        if (configured !== undefined) {
          if (configured.argument !== undefined) checkUrl(configured.argument, configured.callee, false);
          return;
        }
        const written = calleeWrittenName(node);
        if (written === undefined) return;
        if (!mentionsClient()) return;
        // Headless browsers fetch what they are sent to: page.goto(url) (Puppeteer, Playwright).
        if (written === 'goto' && node.callee.type === 'MemberExpression') {
          const url = argumentAt(node, 0);
          if (url !== undefined) checkUrl(url, `${context.sourceCode.getText(node.callee.object)}.goto`, false);
          return;
        }
        const callee = resolveCalleeAmong(context, node, CLIENT_NAMES);
        if (callee === undefined) return;
        const index = HTTP_CLIENTS.get(callee) ?? 0;
        const target = argumentAt(node, index);
        if (target === undefined) return;
        const options = objectLiteralOf(context, target);
        if (options !== undefined) {
          checkOptions(options, callee);
          return;
        }
        if (node.arguments.slice(index + 1).some((argument) => {
          const object = argument.type === 'SpreadElement' ? undefined : objectLiteralOf(context, argument);
          return object !== undefined && hasFilteringAgent(object);
        })) return;
        if (checkUrl(target, callee, false)) return;
        // http.request(url, { host }), got(url, { prefixUrl })
        const extra = argumentAt(node, index + 1);
        const extraOptions = extra === undefined ? undefined : objectLiteralOf(context, extra);
        if (extraOptions !== undefined) checkOptions(extraOptions, callee);
      },
    };
  },
});
