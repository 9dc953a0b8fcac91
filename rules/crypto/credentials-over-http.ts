import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Confidence, Node } from '../../src/rule/types.js';
import { calleeWrittenName, fileMentions, resolveCallee, skipWrappers, staticKeyName, stringParts } from '../../src/analysis/index.js';
import { isPasswordName, isSecurityName, objectLiteralOf, propertyNamed } from '../../src/analysis/crypto-values.js';

/** HTTP clients, as resolved callees, with the index of their URL argument. */
const HTTP_CLIENTS: ReadonlyMap<string, number> = new Map([
  ['fetch', 0], ['node-fetch', 0], ['undici.fetch', 0], ['undici.request', 0], ['cross-fetch', 0], ['isomorphic-fetch', 0],
  ['axios', 0], ['axios.get', 0], ['axios.post', 0], ['axios.put', 0], ['axios.patch', 0], ['axios.delete', 0], ['axios.head', 0], ['axios.request', 0],
  ['got', 0], ['got.get', 0], ['got.post', 0], ['got.put', 0], ['got.patch', 0], ['got.delete', 0],
  ['ky', 0], ['ky.get', 0], ['ky.post', 0], ['ky.put', 0], ['ky.patch', 0], ['ky.delete', 0],
  ['superagent.get', 0], ['superagent.post', 0], ['superagent.put', 0], ['superagent.patch', 0], ['superagent.delete', 0],
  ['request', 0], ['request.get', 0], ['request.post', 0], ['request-promise', 0], ['needle', 1], ['needle.get', 0], ['needle.post', 0],
  ['http.request', 0], ['http.get', 0], ['axios.create', 0],
]);
/** Instance methods of HTTP clients (`api.post(url, body)`): matched by name when the URL is visibly `http://`. */
const CLIENT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'request', 'fetch']);
/** Option and header names that carry credentials. */
const CREDENTIAL_KEYS = new Set(['auth', 'authorization', 'proxy-authorization', 'cookie']);
/** Objects that nest the request's data: headers, bodies, forms, query strings. */
const NESTED_KEYS = new Set(['headers', 'body', 'data', 'json', 'form', 'params', 'searchParams', 'qs', 'query', 'auth']);
const QUERY_CREDENTIAL = /[?&](password|passwd|pwd|pass|token|access_token|id_token|refresh_token|api_?key|apikey|secret|client_secret|auth|session|sid)=/i;
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[^/]*\.localhost|[^/]*\.local|[^/]*\.test|host\.docker\.internal)(:\d+)?$/i;

export default defineRule({
  id: 'TSB410',
  name: 'credentials-over-http',
  title: 'Credentials or tokens sent to a plain http:// URL',
  cwe: [319, 522],
  severity: 'low',
  confidence: 'medium',
  securitySeverity: 3.7,
  recommended: false,
  hasSuggestions: true,
  messages: {
    cleartextCredentials: '`{{callee}}` sends {{what}} to an `http://` URL, readable and replayable by anyone on the network path; use `https://`.',
    useHttps: 'Use `https://`.',
  },
  docs: {
    why: 'Plain HTTP is neither encrypted nor authenticated: passwords, API keys, session cookies and bearer tokens sent over it can be read and replayed by anyone on the path (shared Wi-Fi, proxies, compromised routers), and the response can be forged. The rule reports requests to constant `http://` URLs (not localhost) that carry credentials: user info in the URL, a password or token in the query string, an `auth` option, an `Authorization`, API-key or cookie header, or a password or token field in the body.',
    fix: 'Use `https://` for every request that carries credentials, including internal services (terminate TLS at the service mesh or load balancer if needed), and keep secrets out of URLs: send them in headers or the body.',
    examples: {
      flagged: `import axios from 'axios';\nexport const login = (username: string, password: string) =>\n  axios.post('http://api.example.com/login', { username, password });`,
      safe: `import axios from 'axios';\nexport const login = (username: string, password: string) =>\n  axios.post('https://api.example.com/login', { username, password });`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html',
      'https://owasp.org/www-project-top-ten/2017/A3_2017-Sensitive_Data_Exposure',
    ],
    sources: ['@microsoft/eslint-plugin-sdl:no-insecure-url'],
  },
  create(context) {
    // A URL whose constant text starts with `http://` writes `http` without an `s` somewhere in the file.
    const mentionsPlainHttp = fileMentions(context, /http(?!s)/i);
    /** What credential a request's arguments carry: an `auth` option, a credential header, a password field... */
    const credentialIn = (rawNode: Node | undefined, depth: number): string | undefined => {
      if (rawNode === undefined || depth > 4) return undefined;
      let node = skipWrappers(rawNode);
      // JSON.stringify({ password }), new URLSearchParams({ token })
      if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.arguments.length > 0) {
        const callee = resolveCallee(context, node);
        if (callee === 'JSON.stringify' || callee === 'URLSearchParams' || callee === 'querystring.stringify' || callee === 'qs.stringify') node = skipWrappers(node.arguments[0] as Node);
      }
      const object = objectLiteralOf(context, node);
      if (object === undefined) return undefined;
      for (const property of object.properties) {
        if (property.type !== 'Property') continue;
        const key = staticKeyName(property);
        if (key === undefined) continue;
        const lower = key.toLowerCase();
        if (CREDENTIAL_KEYS.has(lower) || isPasswordName(key) || isSecurityName(key.replace(/^x-/i, ''))) return `\`${key}\``;
        if (NESTED_KEYS.has(key)) {
          const nested = credentialIn(property.value, depth + 1);
          if (nested !== undefined) return nested;
        }
      }
      return undefined;
    };

    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!mentionsPlainHttp()) return;
        const callee = resolveCallee(context, node);
        let urlIndex = callee === undefined ? undefined : HTTP_CLIENTS.get(callee);
        let confidence: Confidence | undefined;
        const written = calleeWrittenName(node);
        if (urlIndex === undefined && written !== undefined && CLIENT_METHODS.has(written) && node.callee.type === 'MemberExpression') {
          urlIndex = 0;
          confidence = 'low';
        }
        if (urlIndex === undefined) return;
        const urlArgument = node.arguments[urlIndex];
        if (urlArgument === undefined || urlArgument.type === 'SpreadElement') return;
        // axios({ url }), axios.create({ baseURL }), http.request({ host, auth })
        const config = objectLiteralOf(context, urlArgument);
        const urlNode = config === undefined ? urlArgument : (propertyNamed(config, 'url') ?? propertyNamed(config, 'baseURL') ?? propertyNamed(config, 'prefixUrl'))?.value;
        if (urlNode === undefined) return;
        const text = stringParts(context, urlNode).constantText;
        if (!/^http:\/\//i.test(text)) return;
        const authority = /^http:\/\/([^/?#]*)/i.exec(text)?.[1] ?? '';
        const host = authority.replace(/^.*@/, '');
        if (LOCAL_HOST.test(host)) return;
        const what = authority.includes('@')
          ? 'credentials in the URL'
          : QUERY_CREDENTIAL.test(text)
            ? 'a credential in the query string'
            : node.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : credentialIn(a, 0))).find((w) => w !== undefined);
        if (what === undefined) return;
        const literal = skipWrappers(urlNode);
        const fixable = literal.type === 'Literal' && typeof literal.value === 'string' || (literal.type === 'TemplateLiteral' && /^http:\/\//i.test(literal.quasis[0]?.value.raw ?? ''));
        context.report({
          node,
          messageId: 'cleartextCredentials',
          data: { callee: callee ?? written ?? 'request', what: what.startsWith('`') ? `${what}` : what },
          confidence,
          suggest: fixable ? [{ messageId: 'useHttps', fix: (fixer) => fixer.replaceTextRange([literal.range[0] + 1, literal.range[0] + 5], 'https') }] : [],
        });
      },
    };
  },
});
