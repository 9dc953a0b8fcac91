/**
 * Where attacker-controlled values come from, as data (the taint analysis will extend these
 * tables and make them configurable). Matching is syntactic on member chains.
 */

/** Roots whose listed properties hold HTTP request data (Express, Koa, Fastify, Hapi, Next.js). */
export const REQUEST_OBJECT_NAMES: ReadonlySet<string> = new Set(['req', 'request', 'ctx', 'context', 'event']);

/** Properties of a request object that carry client data: `req.query`, `ctx.request.body`... */
export const REQUEST_DATA_PROPERTIES: ReadonlySet<string> = new Set([
  'query', 'params', 'body', 'headers', 'cookies', 'signedCookies', 'files', 'file', 'originalUrl', 'url', 'path',
  'hostname', 'payload', 'queryStringParameters', 'pathParameters', 'rawBody', 'searchParams', 'nextUrl', 'fields',
]);

/** Methods of a request object returning client data: `req.get('X-Forwarded-For')`. */
export const REQUEST_DATA_METHODS: ReadonlySet<string> = new Set(['get', 'header', 'param', 'query', 'cookies', 'json', 'text', 'formData']);

/** Parameter decorators that inject request data (NestJS, routing-controllers). */
export const SOURCE_PARAMETER_DECORATORS: ReadonlySet<string> = new Set(['Query', 'Body', 'Param', 'Params', 'Headers', 'Req', 'Request', 'Cookies', 'UploadedFile', 'UploadedFiles', 'QueryParam', 'QueryParams', 'BodyParam', 'HeaderParam', 'CookieParam']);

/** Destructured parameters that frameworks fill from the URL: Next.js pages' `{ params, searchParams }`. */
export const SOURCE_PARAMETER_NAMES: ReadonlySet<string> = new Set(['searchParams']);

/** Browser storage reads: whatever a script (or an XSS) stored there. */
export const STORAGE_READS: ReadonlySet<string> = new Set(['localStorage.getItem', 'sessionStorage.getItem']);

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
  'Promise.resolve', 'Object.values', 'Object.entries', 'Array.from', 'util.format', 'querystring.parse', 'qs.parse', 'url.parse',
  'path.join', 'path.resolve', 'path.normalize', 'path.basename', 'path.dirname', 'path.posix.join', 'path.win32.join',
]);

/** Constructors whose instance carries their argument's data. */
export const PASS_THROUGH_CONSTRUCTORS: ReadonlySet<string> = new Set(['URL', 'URLSearchParams', 'String']);

/** String and array methods whose result carries the receiver's data. */
export const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'substr', 'split',
  'concat', 'join', 'padStart', 'padEnd', 'repeat', 'normalize', 'replace', 'replaceAll', 'at', 'map', 'filter', 'flat',
]);
