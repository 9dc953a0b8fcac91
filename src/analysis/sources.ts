/**
 * Where attacker-controlled values come from, as data (the taint analysis will extend these
 * tables and make them configurable). Matching is syntactic on member chains.
 */

/** Roots whose listed properties hold HTTP request data (Express, Koa, Fastify, Hapi, Next.js). */
export const REQUEST_OBJECT_NAMES: ReadonlySet<string> = new Set(['req', 'request', 'ctx', 'context', 'event']);

/** Properties of a request object that carry client data: `req.query`, `ctx.request.body`... */
export const REQUEST_DATA_PROPERTIES: ReadonlySet<string> = new Set([
  'query', 'params', 'body', 'headers', 'cookies', 'signedCookies', 'files', 'file', 'originalUrl', 'url', 'path',
  'hostname', 'payload', 'queryStringParameters', 'pathParameters', 'rawBody', 'searchParams',
]);

/** Methods of a request object returning client data: `req.get('X-Forwarded-For')`. */
export const REQUEST_DATA_METHODS: ReadonlySet<string> = new Set(['get', 'header', 'param', 'query', 'cookies']);

/** Browser and process globals that carry input: member paths after global resolution. */
export const GLOBAL_SOURCES: ReadonlySet<string> = new Set([
  'process.argv',
  'location', 'location.href', 'location.hash', 'location.search', 'location.pathname',
  'document.URL', 'document.documentURI', 'document.baseURI', 'document.cookie', 'document.referrer', 'document.location',
  'window.name', 'name',
]);

/** Calls whose result carries their argument's data unchanged or re-encoded. */
export const PASS_THROUGH_FUNCTIONS: ReadonlySet<string> = new Set([
  'String', 'decodeURIComponent', 'decodeURI', 'unescape', 'JSON.parse', 'JSON.stringify', 'Buffer.from', 'atob',
]);

/** Constructors whose instance carries their argument's data. */
export const PASS_THROUGH_CONSTRUCTORS: ReadonlySet<string> = new Set(['URL', 'URLSearchParams', 'String']);

/** String and array methods whose result carries the receiver's data. */
export const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'substr', 'split',
  'concat', 'join', 'padStart', 'padEnd', 'repeat', 'normalize', 'replace', 'replaceAll', 'at', 'map', 'filter', 'flat',
]);
