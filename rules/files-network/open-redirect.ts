import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { type AnalysisContext, argumentAt, findVariable, singleDeclarator, calleeWrittenName, findTaintFlow, getStaticValue, isNumericOrBoolean, resolveCalleeAmong, resolveReference, skipWrappers, staticKeyName, staticPropertyName } from '../../src/analysis/index.js';
import { objectLiteralOf } from '../../src/analysis/crypto-values.js';
import { inputKind } from '../../src/analysis/paths/input.js';
import { placeUrlValues } from '../../src/analysis/paths/pieces.js';
import { isOwnHost, isRedirectCheck, isUrlCheckedAt } from '../../src/analysis/paths/url-checks.js';
import { HEADER_SETTERS } from '../../src/analysis/http.js';

/** Framework `redirect` helpers called bare (Next.js, Remix, React Router loaders, SvelteKit). */
const REDIRECT_FUNCTIONS: ReadonlySet<string> = new Set([
  'next/navigation.redirect', 'next/navigation.permanentRedirect', '@remix-run/node.redirect', '@remix-run/server-runtime.redirect',
  '@remix-run/cloudflare.redirect', 'react-router.redirect', 'react-router-dom.redirect', '@sveltejs/kit.redirect', 'next/server.NextResponse.redirect',
]);
/** Browser navigations: `location.assign(url)`, `location.replace(url)`. */
const LOCATION_METHODS: ReadonlySet<string> = new Set(['location.assign', 'location.replace', 'document.location.assign', 'document.location.replace']);
/** Assignment targets that navigate: `location = url`, `location.href = url`. */
const LOCATION_TARGETS: ReadonlySet<string> = new Set(['location', 'location.href', 'document.location', 'document.location.href']);
/** Where a Location header is set: by name, or in a headers object (`writeHead(302, { Location })`, `setHeaders`). */
const LOCATION_SETTERS = new Set([...HEADER_SETTERS, 'writeHead', 'setHeaders']);
/** Routers whose push/replace leave the site for an absolute URL (Next.js). */
const ROUTER_NAMES = new Set(['router', 'Router']);

export default defineRule({
  id: 'TSB603',
  name: 'open-redirect',
  title: 'Redirect to a URL taken from request or page URL data',
  cwe: [601],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 6.1,
  recommended: true,
  messages: {
    redirect: '`{{sink}}` redirects to a URL taken from {{source}}: a link on your domain can send users to any site (phishing, token theft); accept only relative paths that start with a single `/`, or check the host against an allow-list.',
  },
  docs: {
    why: 'A redirect target such as `?next=https://evil.example` turns a trusted link on your domain into a jump to any site: phishing pages look legitimate, OAuth codes and tokens in the URL leak to the attacker, and `javascript:` targets run script in the browser. Checking only for a leading `/` is not enough: `//evil.example` and `/\\evil.example` are absolute to the browser.',
    fix: 'Redirect to a fixed path, a path looked up from an allow-list, or a relative path checked with `target.startsWith(\'/\') && !target.startsWith(\'//\') && !target.startsWith(\'/\\\\\')`; for absolute URLs parse with `new URL(target, base)` and compare `origin` with your own.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.get('/login/done', (req, res) => {\n  res.redirect(String(req.query.next));\n});`,
      safe: `import express from 'express';\nconst app = express();\napp.get('/login/done', (req, res) => {\n  const next = String(req.query.next ?? '/');\n  res.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');\n});`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/601.html'],
    sources: ['semgrep:javascript.express.security.audit.express-open-redirect', 'njsscan:express_open_redirect'],
  },
  create(context) {
    const sanitized = (ctx: AnalysisContext, node: Node): boolean => isUrlCheckedAt(ctx, node, isRedirectCheck) || isEncoded(ctx, node);
    const check = (target: Node | undefined, sink: string): boolean => {
      if (target === undefined || target.type === 'SpreadElement' || isNumericOrBoolean(context, target) || getStaticValue(context, target) !== undefined) return false;
      for (const value of placeUrlValues(context, target, true, (node) => sanitized(context, node))) {
        // req.hostname, req.originalUrl, location.origin: the site itself.
        if (value.position !== 'origin' || isOwnHost(context, value.node)) continue;
        const flow = findTaintFlow(context, value.node, { isSanitized: sanitized });
        if (flow === undefined) {
          if (fromSearchParamsHook(context, value.node, 0)) {
            context.report({ node: target, messageId: 'redirect', data: { sink, source: 'the page URL' } });
            return true;
          }
          continue;
        }
        const kind = inputKind(context, flow);
        if (kind === 'process') continue;
        // What the app stored in localStorage itself is not attacker-chosen as such.
        if (kind === 'browser' && /getItem/.test(context.sourceCode.getText(flow.steps[0]?.node ?? target))) continue;
        context.report({ node: target, messageId: 'redirect', data: { sink, source: kind === 'browser' ? 'the page URL' : 'the request' }, flow });
        return true;
      }
      return false;
    };
    return {
      CallExpression(node) {
        const written = calleeWrittenName(node);
        if (written === undefined) return;
        const callee = skipWrappers(node.callee);
        if (written === 'redirect' || written === 'permanentRedirect') {
          // res.redirect(url), res.redirect(302, url), reply.redirect(url, 302), ctx.redirect(url), redirect(url)
          if (callee.type === 'Identifier' && resolveCalleeAmong(context, node, REDIRECT_FUNCTIONS) === undefined && resolveReference(context, callee) !== 'redirect') return;
          const name = callee.type === 'MemberExpression' ? `${context.sourceCode.getText(callee.object).replace(/\s+/g, '')}.redirect` : written;
          for (const argument of node.arguments.slice(0, 2)) if (check(argument, name)) return;
          return;
        }
        if (callee.type !== 'MemberExpression') return;
        if (written === 'location') {
          const receiver = skipWrappers(callee.object);
          if (receiver.type === 'Identifier' && /^(res|response|ctx|reply)$/.test(receiver.name)) check(argumentAt(node, 0), `${receiver.name}.location`);
          return;
        }
        if (written === 'assign' || written === 'replace') {
          const object = skipWrappers(callee.object);
          const objectName = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? staticPropertyName(object) : undefined;
          if (objectName !== 'location') {
            if (written === 'replace' && isRouter(callee.object)) check(argumentAt(node, 0), 'router.replace');
            return;
          }
          const resolved = resolveReference(context, callee);
          if (resolved !== undefined && LOCATION_METHODS.has(resolved)) check(argumentAt(node, 0), resolved);
          return;
        }
        if ((written === 'push' || written === 'replace') && isRouter(callee.object)) {
          check(argumentAt(node, 0), `router.${written}`);
          return;
        }
        if (LOCATION_SETTERS.has(written)) {
          const first = argumentAt(node, 0);
          if (first === undefined || (written !== 'writeHead' && first.type !== 'Literal' && first.type !== 'ObjectExpression' && first.type !== 'TemplateLiteral')) return;
          const name = getStaticValue(context, first)?.value;
          if (typeof name === 'string' && name.toLowerCase() === 'location') {
            check(argumentAt(node, 1), `${written}('Location')`);
            return;
          }
          // res.writeHead(302, { Location: url }), res.set({ Location: url })
          for (const argument of node.arguments) {
            const headers = argument.type === 'SpreadElement' ? undefined : objectLiteralOf(context, argument);
            const location = headers?.properties.find((p) => p.type === 'Property' && staticKeyName(p)?.toLowerCase() === 'location');
            if (location?.type === 'Property') check(location.value, `${written}({ Location })`);
          }
        }
      },
      AssignmentExpression(node) {
        if (node.operator !== '=') return;
        const left = node.left;
        const name = left.type === 'Identifier' ? left.name : left.type === 'MemberExpression' ? staticPropertyName(left) : undefined;
        if (name !== 'location' && name !== 'href') return;
        const resolved = resolveReference(context, left);
        if (resolved !== undefined && LOCATION_TARGETS.has(resolved)) check(node.right, resolved);
      },
    };
  },
});

function isRouter(raw: Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'Identifier') return ROUTER_NAMES.has(node.name);
  return node.type === 'MemberExpression' && (staticPropertyName(node) === 'router');
}

/** `encodeURIComponent(x)` as the whole target: no `/` or `:` survives, so it stays a relative path. */
function isEncoded(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  return node.type === 'CallExpression' && resolveReference(context, node.callee) === 'encodeURIComponent';
}

/** Hooks returning the current route, whose `query` is the page URL's query (Next.js pages router, Vue Router). */
const ROUTE_HOOKS = new Set(['next/router.useRouter', 'vue-router.useRoute']);
/** Hooks returning the page's query parameters (Next.js, React Router). */
const SEARCH_PARAMS_HOOKS = new Set(['next/navigation.useSearchParams', 'react-router-dom.useSearchParams', 'react-router.useSearchParams']);

/** `searchParams.get('next')` where `searchParams = useSearchParams()`: the page URL's query, which the taint tables do not know. */
function fromSearchParamsHook(context: AnalysisContext, raw: Node, depth: number): boolean {
  if (depth > 4) return false;
  const node = skipWrappers(raw);
  if (node.type === 'LogicalExpression') return fromSearchParamsHook(context, node.left, depth + 1) || fromSearchParamsHook(context, node.right, depth + 1);
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'String' && node.arguments[0] !== undefined) return fromSearchParamsHook(context, node.arguments[0], depth + 1);
  if (node.type === 'Identifier') {
    if (isUrlCheckedAt(context, node, isRedirectCheck)) return false;
    const variable = findVariable(context, node);
    const init = variable === undefined ? undefined : singleDeclarator(variable)?.init;
    return init != null && fromSearchParamsHook(context, init, depth + 1);
  }
  // router.query.next (Next.js pages router), this.$route.query.redirect, route.query.redirect (Vue Router)
  if (node.type === 'MemberExpression') {
    const object = skipWrappers(node.object);
    if (object.type !== 'MemberExpression' || staticPropertyName(object) !== 'query') return false;
    const owner = skipWrappers(object.object);
    if (owner.type === 'MemberExpression' && owner.object.type === 'ThisExpression') return staticPropertyName(owner) === '$route';
    if (owner.type !== 'Identifier') return false;
    const variable = findVariable(context, owner);
    const init = variable === undefined ? undefined : singleDeclarator(variable)?.init;
    const hook = init == null ? undefined : skipWrappers(init);
    return hook?.type === 'CallExpression' && ROUTE_HOOKS.has(resolveReference(context, hook.callee) ?? '');
  }
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || staticPropertyName(node.callee) !== 'get') return false;
  const receiver = skipWrappers(node.callee.object);
  if (receiver.type !== 'Identifier') return false;
  const variable = findVariable(context, receiver);
  const init = variable === undefined ? undefined : singleDeclarator(variable)?.init;
  const hook = init == null ? undefined : skipWrappers(init);
  return hook?.type === 'CallExpression' && SEARCH_PARAMS_HOOKS.has(resolveReference(context, hook.callee) ?? '');
}
