import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findVariable, isGlobalReference, skipWrappers, staticPropertyName, stringParts } from '../../src/analysis/index.js';
import { declaredContentType } from '../../src/analysis/html/content-type.js';
import { constantPrefix, htmlFlow, objectPropertyValue, unsafeHtmlParts } from '../../src/analysis/html/values.js';
import type { Confidence } from '../../src/rule/types.js';

/** Response methods whose string argument becomes the body. */
const BODY_METHODS = new Set(['send', 'write', 'end']);
/** Usual names of the response object (Express, http, Fastify's reply, hapi's toolkit `h`). */
const RESPONSE_NAMES = new Set(['res', 'response', 'resp', 'reply', 'rep', 'ctx', 'context', 'h', 'serverResponse']);
/** Request containers that are objects: sending one sends JSON, not HTML. */
const OBJECT_CONTAINERS = new Set(['query', 'params', 'body', 'headers', 'cookies', 'signedCookies', 'files', 'fields', 'payload']);

/** Request members that hold the raw, percent-encoded URL. */
const ENCODED_URL_PARTS = new Set(['url', 'originalUrl', 'path', 'baseUrl']);

/** The identifier a response chain starts from: `res` in `res.status(200).send(...)`, `ctx.res` → `ctx`. */
function responseRoot(raw: TSESTree.Node): TSESTree.Identifier | undefined {
  let node = skipWrappers(raw);
  for (let depth = 0; depth < 8; depth++) {
    if (node.type === 'Identifier') return node;
    if (node.type === 'CallExpression') node = skipWrappers(node.callee);
    else if (node.type === 'MemberExpression') node = skipWrappers(node.object);
    else return undefined;
  }
  return undefined;
}

/** True when the value is sent as JSON or is an object (Express serialises objects): not rendered as HTML. */
function isStructured(raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'ObjectExpression' || node.type === 'ArrayExpression') return true;
  if (node.type === 'MemberExpression') {
    const property = staticPropertyName(node);
    const object = skipWrappers(node.object);
    return property !== undefined && OBJECT_CONTAINERS.has(property) && (object.type === 'Identifier' || (object.type === 'MemberExpression' && staticPropertyName(object) === 'request'));
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    return node.callee.object.type === 'Identifier' && node.callee.object.name === 'JSON' && staticPropertyName(node.callee) === 'stringify';
  }
  return false;
}

/** The global Fetch API `Response` (a type-only import of another `Response` does not shadow it at run time). */
function isFetchResponse(context: Parameters<typeof isGlobalReference>[0], identifier: TSESTree.Identifier): boolean {
  if (isGlobalReference(context, identifier)) return true;
  const def = findVariable(context, identifier)?.defs[0];
  if (def?.type !== 'ImportBinding') return false;
  const specifier = def.node as { importKind?: string };
  const declaration = def.parent as { importKind?: string } | null;
  return specifier.importKind === 'type' || declaration?.importKind === 'type';
}

export default defineRule({
  id: 'TSB310',
  name: 'server-response-xss',
  title: 'HTTP response body built from request data without HTML encoding (Express, Koa, Fastify, http)',
  cwe: [79, 116],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    reflected: '`{{sink}}` sends a body built from request data without HTML encoding; escape it (escape-html, he.encode), render a template, or send JSON.',
  },
  docs: {
    why: 'Express sends strings as `text/html`, and a body that starts with or contains markup is rendered by the browser: request values pasted into it are reflected XSS, running script in the visitor\'s session.',
    fix: 'Render through an auto-escaping template engine, encode each value with escape-html or he.encode, or send JSON (`res.json`). Declaring `Content-Type: text/plain` also prevents rendering.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.get('/hello', (req, res) => {\n  res.send('<h1>Hello ' + req.query.name + '</h1>');\n});`,
      safe: `import express from 'express';\nimport escapeHtml from 'escape-html';\nconst app = express();\napp.get('/hello', (req, res) => {\n  res.send('<h1>Hello ' + escapeHtml(String(req.query.name)) + '</h1>');\n});`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html'],
    sources: ['njsscan:express_xss', 'semgrep:javascript.express.security.audit.xss.direct-response-write'],
  },
  create(context) {
    const check = (node: TSESTree.Node, value: TSESTree.Node, receiver: TSESTree.Node, sink: string, koa: boolean) => {
      if (isStructured(value)) return;
      const parts = unsafeHtmlParts(context, value);
      if (parts.length === 0 || parts.every(isStructured)) return;
      const flow = htmlFlow(context, parts);
      if (flow === undefined) return;
      const declared = declaredContentType(context, node, receiver);
      if (declared === 'not-html') return;
      let confidence: Confidence | undefined = declared === 'html' ? 'high' : undefined;
      if (declared === undefined) {
        // Koa sends a string as HTML only when it starts with '<'; Express always sends text/html.
        const prefix = constantPrefix(context, value).trimStart();
        if (koa) confidence = prefix === '' || prefix.startsWith('<') ? 'high' : 'low';
        else if (sink.endsWith('.send')) confidence = 'high';
        else confidence = stringParts(context, value).constantText.includes('<') ? 'high' : undefined;
      }
      // The request path and URL arrive percent-encoded: markup in them rarely survives to the page.
      const source = flow.steps[0]?.node;
      if (source?.type === 'MemberExpression' && ENCODED_URL_PARTS.has(staticPropertyName(source) ?? '')) confidence = 'low';
      context.report({ node, messageId: 'reflected', data: { sink }, confidence, flow });
    };

    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        if (method === undefined || !(BODY_METHODS.has(method) || method === 'response')) return;
        const root = responseRoot(callee.object);
        if (root === undefined || !RESPONSE_NAMES.has(root.name)) return;
        if (method === 'response' && root.name !== 'h') return;
        // ctx.res.end(...) is Koa's raw response; ctx.send(...) is not a thing.
        if ((root.name === 'ctx' || root.name === 'context') && skipWrappers(callee.object).type === 'Identifier') return;
        const value = argumentAt(node, 0);
        if (value === undefined) return;
        check(node, value, callee.object, `${root.name}.${method}`, false);
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' || node.left.type !== 'MemberExpression' || staticPropertyName(node.left) !== 'body') return;
        let object = skipWrappers(node.left.object);
        if (object.type === 'MemberExpression' && staticPropertyName(object) === 'response') object = skipWrappers(object.object);
        if (object.type !== 'Identifier' || (object.name !== 'ctx' && object.name !== 'context')) return;
        check(node, node.right, object, `${object.name}.body`, true);
      },
      NewExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'Response' || !isFetchResponse(context, node.callee)) return;
        const body = argumentAt(node, 0);
        const init = argumentAt(node, 1);
        if (body === undefined || init?.type !== 'ObjectExpression') return;
        const headers = objectPropertyValue(init, 'headers');
        if (headers?.type !== 'ObjectExpression') return;
        const type = objectPropertyValue(headers, 'Content-Type') ?? objectPropertyValue(headers, 'content-type');
        if (type === undefined || !/html/i.test(context.sourceCode.getText(type))) return;
        const parts = unsafeHtmlParts(context, body);
        const flow = parts.length === 0 ? undefined : htmlFlow(context, parts);
        if (flow === undefined) return;
        context.report({ node, messageId: 'reflected', data: { sink: 'new Response' }, confidence: 'high', flow });
      },
    };
  },
});
