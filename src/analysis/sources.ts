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

/**
 * Destructured parameters that frameworks fill from the URL: Next.js pages' `{ params, searchParams }`
 * (`searchParams` anywhere; `params` only in a page or route handler, see `NEXT_ENTRY_NAMES`).
 */
export const SOURCE_PARAMETER_NAMES: ReadonlySet<string> = new Set(['searchParams', 'params']);

/** Next.js entry points whose parameters carry the URL: route handlers and page functions (or any default export). */
export const NEXT_ENTRY_NAMES: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'Page', 'generateMetadata', 'generateViewport']);

/** Client-side router hooks whose result is the URL's data (`useSearchParams().get('next')`, `useParams().id`). */
export const URL_HOOKS: ReadonlySet<string> = new Set([
  'next/navigation.useSearchParams', 'next/navigation.useParams', 'react-router-dom.useSearchParams', 'react-router-dom.useParams',
  'react-router.useSearchParams', 'react-router.useParams', '@tanstack/react-router.useSearch', '@tanstack/react-router.useParams',
]);
/** Router hooks whose result has the URL's data in some members: `useRouter().query` (Next.js pages), `useRoute().params` (Vue Router). */
export const ROUTE_HOOKS: ReadonlySet<string> = new Set(['next/router.useRouter', 'vue-router.useRoute']);
/** Members of a route hook's result that carry the URL's data. */
export const ROUTE_DATA_PROPERTIES: ReadonlySet<string> = new Set(['query', 'params', 'asPath', 'hash', 'fullPath']);

/** Parameter types that mark a request object whatever the parameter's name (`r: express.Request`). */
export const REQUEST_TYPE_NAMES: ReadonlySet<string> = new Set([
  'Request', 'NextRequest', 'NextApiRequest', 'FastifyRequest', 'IncomingMessage', 'ParameterizedContext', 'RouterContext',
  'APIGatewayProxyEvent', 'APIGatewayProxyEventV2', 'HttpRequest', 'RequestEvent',
]);

/** Routing methods whose callback's first parameter (second of four, after `err`) is the request: `app.get('/', (r, s) => ...)`. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route', 'handle']);

/** Browser storage reads: whatever a script (or an XSS) stored there. */
export const STORAGE_READS: ReadonlySet<string> = new Set(['localStorage.getItem', 'sessionStorage.getItem']);
/** Storage objects whose plain properties are stored values too (`localStorage.token`). */
export const STORAGE_OBJECTS: ReadonlySet<string> = new Set(['localStorage', 'sessionStorage']);
/** Storage members that are not stored values. */
export const STORAGE_OTHER_MEMBERS: ReadonlySet<string> = new Set(['getItem', 'setItem', 'removeItem', 'clear', 'key', 'length']);

/** Browser and process globals that carry input: member paths after global resolution. */
export const GLOBAL_SOURCES: ReadonlySet<string> = new Set([
  'process.argv',
  'location', 'location.href', 'location.hash', 'location.search', 'location.pathname',
  'document.URL', 'document.documentURI', 'document.baseURI', 'document.cookie', 'document.referrer', 'document.location',
  'window.name', 'name',
]);

/** Members of source globals that the page's visitor cannot choose: `location.origin` is the site's own. */
export const NON_SOURCE_GLOBAL_MEMBERS: ReadonlySet<string> = new Set([
  'location.origin', 'location.protocol', 'location.host', 'location.hostname', 'location.port', 'location.reload', 'location.assign', 'location.replace',
  'document.location.origin', 'document.location.protocol', 'document.location.host', 'document.location.hostname', 'document.location.port',
  'process.argv.length', 'process.argv0',
]);

/**
 * Weaker sources, followed only when a rule asks (`TaintOptions.weakSources`): configuration
 * from the environment, and the contents of files whose path comes from a request (uploads).
 */
export const WEAK_GLOBAL_SOURCES: ReadonlySet<string> = new Set(['process.env']);
/** File reads whose result is the uploaded file's content when the path is request data. */
export const FILE_READ_CALLS: ReadonlySet<string> = new Set(['fs.readFileSync', 'fs.readFile', 'fs/promises.readFile', 'fs.promises.readFile']);

/** Calls whose result carries their argument's data unchanged or re-encoded. */
export const PASS_THROUGH_FUNCTIONS: ReadonlySet<string> = new Set([
  'String', 'decodeURIComponent', 'decodeURI', 'unescape', 'JSON.parse', 'JSON.stringify', 'Buffer.from', 'atob',
  'Promise.resolve', 'Object.values', 'Object.assign', 'Object.fromEntries', 'structuredClone', 'encodeURI', 'Object.entries', 'Array.from', 'util.format', 'querystring.parse', 'qs.parse', 'url.parse',
  'path.join', 'path.resolve', 'path.normalize', 'path.basename', 'path.dirname', 'path.posix.join', 'path.win32.join',
]);

/** Constructors whose instance carries their argument's data. */
export const PASS_THROUGH_CONSTRUCTORS: ReadonlySet<string> = new Set(['URL', 'URLSearchParams', 'String']);

/** String and array methods whose result carries the receiver's data. */
export const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'substr', 'split',
  'concat', 'join', 'padStart', 'padEnd', 'repeat', 'normalize', 'replace', 'replaceAll', 'at', 'map', 'filter', 'flat',
]);
