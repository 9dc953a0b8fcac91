import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { isNumericOrBoolean } from '../numeric.js';
import { findTaintFlow } from '../request-source.js';
import { isHtmlSanitized, isUrlSanitized } from '../sanitizers.js';
import { findVariable, localFunction, singleDeclarator, type AnalysisContext } from '../scope.js';
import { getStaticValue, isConstantString } from '../static-value.js';
import { stringParts } from '../string-parts.js';
import { isValidatedValue } from '../taint/guards.js';
import type { TaintFlow } from '../taint/trace.js';
import { ensureParents, isFunction, returnedExpressions, type FunctionNode } from '../taint/tree.js';

/**
 * Questions the XSS rules share about a value that reaches an HTML or URL sink: which parts of it
 * may carry markup, whether a URL can start with `javascript:`, and where input enters it.
 */

/** The parts of an HTML value that are neither constant, numeric, allow-listed nor sanitized. */
export function unsafeHtmlParts(context: AnalysisContext, value: Node): Node[] {
  return stringParts(context, value).dynamicParts.filter((part) => !isSafeHtmlPart(context, part, 0));
}

/** Hooks and helpers whose result is what their callback returns: `useMemo(() => DOMPurify.sanitize(x), [x])`. */
const MEMO_CALLS = new Set(['useMemo', 'computed', 'createMemo', 'memo']);

function isSafeHtmlPart(context: AnalysisContext, raw: Node, depth: number): boolean {
  if (isHtmlSanitized(context, raw) || hasPrimitiveType(context, raw) || isManualHtmlEscape(context, raw)) return true;
  let node = skipWrappers(raw);
  if (depth > 3) return false;
  switch (node.type) {
    case 'MemberExpression': {
      const property = staticPropertyName(node);
      // Markup already in the page (`template.innerHTML`): parsed once by the browser, not text from elsewhere.
      if (property === 'innerHTML' || property === 'outerHTML') return true;
      // ICONS[name] on a constant object of markup: one of the constants.
      if (node.computed && isConstantTable(context, node.object)) return true;
      // A Vue ref's `.value`: what the `computed(...)` it was made with returns.
      if (property !== 'value') return false;
      const object = skipWrappers(node.object);
      const variable = object.type === 'Identifier' ? findVariable(context, object) : undefined;
      const declarator = variable === undefined ? undefined : singleDeclarator(variable);
      if (declarator?.init == null) return false;
      node = skipWrappers(declarator.init);
      break;
    }
    case 'Identifier': {
      const variable = findVariable(context, node);
      const def = variable?.defs[0];
      // import template from './card.html' (bundler raw imports): markup written by the developers.
      if (def?.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration' && TEMPLATE_FILE.test(String(def.parent.source.value))) return true;
      const declarator = variable === undefined ? undefined : singleDeclarator(variable);
      if (declarator?.init == null || declarator.id.type !== 'Identifier') return false;
      return isSafeHtmlPart(context, declarator.init, depth + 1);
    }
    default:
      break;
  }
  if (node.type !== 'CallExpression') return false;
  const callee = skipWrappers(node.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  if (name === undefined) return false;
  // rows.map((row) => `<td>${row.count * 2}</td>`).join(''): the callback's markup, repeated.
  if (name === 'join' && callee.type === 'MemberExpression') {
    const mapped = skipWrappers(callee.object);
    if (mapped.type === 'CallExpression' && mapped.callee.type === 'MemberExpression' && staticPropertyName(mapped.callee) === 'map' && isFunction(mapped.arguments[0])) {
      const returned = returnedExpressions(mapped.arguments[0]);
      return returned.length > 0 && returned.every((expression) => unsafeHtmlParts(context, expression).length === 0);
    }
  }
  // price.toFixed(2), date.toISOString(): digits and date text only.
  if (DIGIT_METHODS.has(name) && callee.type === 'MemberExpression') return true;
  // String(DOMPurify.sanitize(x)), sanitized.toString(), clean.trim(): still the sanitized text.
  const first = node.arguments[0];
  if (name === 'String' && callee.type === 'Identifier' && first !== undefined && first.type !== 'SpreadElement') return isSafeHtmlPart(context, first, depth + 1);
  if (WRAPPING_METHODS.has(name) && callee.type === 'MemberExpression') return isSafeHtmlPart(context, callee.object, depth + 1);
  // t('terms.html'), intl.formatMessage({ id }): translations shipped with the app, with constant arguments.
  if (TRANSLATION_CALLS.has(name)) return node.arguments.every((a) => a.type !== 'SpreadElement' && (isConstantString(context, a) || isConstantObject(context, a)));
  // require('./banner.html')
  if (name === 'require' && first !== undefined && first.type !== 'SpreadElement') {
    const module = getStaticValue(context, first)?.value;
    return typeof module === 'string' && TEMPLATE_FILE.test(module);
  }
  // clean(x) where the file declares `function clean(s) { return DOMPurify.sanitize(s); }`, getBanner() returning constants.
  const local = localFunction(context, callee);
  if (local !== undefined) {
    // Recursive helpers (`g(x) { return f(g(x)); }`) would loop: a call already being judged is not known safe.
    if (judging.has(node)) return false;
    judging.add(node);
    try {
      return localCallIsSafe(context, node, local, depth);
    } finally {
      judging.delete(node);
    }
  }
  const callback = node.arguments[0];
  if (!MEMO_CALLS.has(name) || !isFunction(callback)) return false;
  const returned = returnedExpressions(callback);
  return returned.length > 0 && returned.every((expression) => unsafeHtmlParts(context, expression).length === 0);
}

/** Calls whose safety is being decided (see `isSafeHtmlPart`). */
const judging = new Set<Node>();

/** True when every return of a local function is safe HTML, with its parameters standing for this call's arguments. */
function localCallIsSafe(context: AnalysisContext, call: TSESTree.CallExpression, local: FunctionNode, depth: number): boolean {
  const returned = returnedExpressions(local);
  // A parameter in the returned text stands for the argument passed here: wrapInCard(clean(html)).
  const argumentFor = (part: Node): Node | undefined => {
    if (part.type !== 'Identifier') return undefined;
    const index = local.params.findIndex((param) => param.type === 'Identifier' && param.name === part.name);
    const argument = index < 0 ? undefined : call.arguments[index];
    return argument === undefined || argument.type === 'SpreadElement' ? undefined : argument;
  };
  return returned.length > 0 && returned.every((expression) => stringParts(context, expression).dynamicParts.every((part) => {
    const argument = argumentFor(part);
    return argument !== undefined ? unsafeHtmlParts(context, argument).length === 0 : isSafeHtmlPart(context, part, depth + 1);
  }));
}

/** Number and Date methods whose result holds digits, signs and date words, never markup. */
const DIGIT_METHODS = new Set(['toFixed', 'toPrecision', 'toExponential', 'toISOString', 'toLocaleDateString', 'toLocaleTimeString', 'toDateString', 'toTimeString', 'toUTCString', 'getTime', 'valueOf']);
/** Methods whose result is their receiver's text, unchanged or trimmed. */
const WRAPPING_METHODS = new Set(['toString', 'trim', 'trimStart', 'trimEnd']);
/** i18n lookups (i18next, vue-i18n, react-intl, Angular's translate): text from the app's own resources. */
const TRANSLATION_CALLS = new Set(['t', '$t', 'tc', '$tc', 'translate', 'instant', 'formatMessage', '__', 'i18n', 'gettext', '_t']);
/** Files a bundler imports as text: templates written by the developers. */
const TEMPLATE_FILE = /\.(?:html?|svg|hbs|mustache|tpl)(?:\?raw)?$|\?raw$/;

/** An object literal (directly or through a `const`) whose values are all constant strings: a lookup table of markup. */
function isConstantTable(context: AnalysisContext, raw: Node): boolean {
  const object = localObjectLiteral(context, raw);
  if (object !== undefined) return object.properties.length > 0 && object.properties.every((p) => p.type === 'Property' && isConstantString(context, p.value));
  const node = skipWrappers(raw);
  if (node.type !== 'Identifier') return false;
  const variable = findVariable(context, node);
  const declarator = variable === undefined ? undefined : singleDeclarator(variable);
  const init = declarator?.init == null ? undefined : skipWrappers(declarator.init);
  return init?.type === 'ArrayExpression' && init.elements.length > 0 && init.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isConstantString(context, e));
}

function isConstantObject(context: AnalysisContext, raw: Node): boolean {
  const object = localObjectLiteral(context, raw);
  return object !== undefined && object.properties.every((p) => p.type === 'Property' && (isConstantString(context, p.value) || isNumericOrBoolean(context, p.value)));
}

/**
 * A hand-written escaper: a chain of `.replace(/</g, '&lt;')`-style calls, one of which turns `<`
 * into an entity (`&lt;`, `&#60;`, or a callback mapping characters to entities).
 */
export function isManualHtmlEscape(context: AnalysisContext, raw: Node): boolean {
  let node = skipWrappers(raw);
  for (let depth = 0; depth < 12 && node.type === 'CallExpression'; depth++) {
    const callee = skipWrappers(node.callee);
    if (callee.type !== 'MemberExpression') return false;
    const method = staticPropertyName(callee);
    if (method !== 'replace' && method !== 'replaceAll') return false;
    const [pattern, replacement] = node.arguments;
    const patternText = pattern === undefined ? '' : pattern.type === 'Literal' && 'regex' in pattern ? pattern.regex.pattern : String(getStaticValue(context, pattern)?.value ?? '');
    if (patternText.includes('<') && replacement !== undefined) {
      const value = getStaticValue(context, replacement)?.value;
      if (typeof value === 'string' ? value.startsWith('&') : isFunction(replacement) || replacement.type === 'Identifier') return true;
    }
    node = skipWrappers(callee.object);
  }
  return false;
}

/** `this.total` where the class declares `total = 0` or `total: number`: TypeScript keeps it a number. */
function isPrimitiveClassField(context: AnalysisContext, member: TSESTree.MemberExpression): boolean {
  const name = staticPropertyName(member);
  if (name === undefined) return false;
  ensureParents(context.sourceCode.ast);
  let body: Node | undefined = member.parent;
  while (body != null && body.type !== 'ClassBody') body = body.parent;
  if (body?.type !== 'ClassBody') return false;
  for (const element of body.body) {
    if (element.type !== 'PropertyDefinition' || element.computed || element.key.type !== 'Identifier' || element.key.name !== name) continue;
    const annotation = element.typeAnnotation?.typeAnnotation.type;
    if (annotation !== undefined) return PRIMITIVE_TYPES.has(annotation);
    return element.value !== null && isNumericOrBoolean(context, element.value);
  }
  return false;
}

const PRIMITIVE_TYPES = new Set(['TSNumberKeyword', 'TSBooleanKeyword', 'TSBigIntKeyword']);

/**
 * True when TypeScript declares the value a number or boolean: `(count: number)`, or a destructured
 * parameter `{ count }: { count: number }`. Such a value cannot carry markup.
 */
export function hasPrimitiveType(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') return isPrimitiveClassField(context, node);
  if (node.type !== 'Identifier') return false;
  const def = findVariable(context, node)?.defs[0];
  if (def === undefined) return false;
  const name = def.name as TSESTree.Identifier;
  const own = name.typeAnnotation?.typeAnnotation;
  if (own !== undefined) return PRIMITIVE_TYPES.has(own.type);
  if (def.type !== 'Parameter') return false;
  const fn = def.node as FunctionNode;
  for (const param of fn.params) {
    if (param.type !== 'ObjectPattern' || param.typeAnnotation?.typeAnnotation.type !== 'TSTypeLiteral') continue;
    const owns = param.properties.some((p) => p.type === 'Property' && p.value === name);
    if (!owns) continue;
    for (const member of param.typeAnnotation.typeAnnotation.members) {
      if (member.type === 'TSPropertySignature' && member.key.type === 'Identifier' && member.key.name === node.name) {
        const type = member.typeAnnotation?.typeAnnotation.type;
        return type !== undefined && PRIMITIVE_TYPES.has(type);
      }
    }
  }
  return false;
}

/** The first flow from request, URL or message input into one of `parts`, stopping at HTML sanitizers. */
export function htmlFlow(context: AnalysisContext, parts: readonly Node[]): TaintFlow | undefined {
  for (const part of parts) {
    const flow = findTaintFlow(context, part, { isSanitized: isHtmlSanitized });
    if (flow !== undefined) return flow;
  }
  return undefined;
}

/** The flow from input into a URL value, stopping at URL sanitizers. */
export function urlFlow(context: AnalysisContext, value: Node): TaintFlow | undefined {
  return findTaintFlow(context, value, { isSanitized: isUrlSanitized });
}

const MAX_DEPTH = 8;

/**
 * The constant text a string expression certainly starts with (`'/users/' + id` → `/users/`,
 * `` `${base}/x` `` → the prefix of `base`); `''` when it starts with a run-time value.
 */
export function constantPrefix(context: AnalysisContext, raw: Node, depth = 0): string {
  const node = skipWrappers(raw);
  const value = getStaticValue(context, node);
  if (value !== undefined) return String(value.value);
  if (depth > MAX_DEPTH) return '';
  switch (node.type) {
    case 'TemplateLiteral': {
      const head = node.quasis[0]?.value.cooked ?? '';
      if (head !== '') return head;
      const first = node.expressions[0];
      return first === undefined ? '' : constantPrefix(context, first, depth + 1);
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return '';
      const left = getStaticValue(context, node.left);
      if (left !== undefined) return String(left.value) + constantPrefix(context, node.right, depth + 1);
      return constantPrefix(context, node.left, depth + 1);
    }
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      // url.concat(x), location.href.replace(/#.*/, ''), url.toString(): the receiver's start stays.
      if (callee.type === 'MemberExpression' && PREFIX_KEEPING_METHODS.has(staticPropertyName(callee) ?? '')) return constantPrefix(context, callee.object, depth + 1);
      // buildLoginUrl(): a local function whose every return starts the same way.
      const fn = localFunction(context, callee);
      if (fn === undefined) return '';
      const prefixes = returnedExpressions(fn).map((returned) => constantPrefix(context, returned, depth + 1));
      return prefixes.length > 0 && prefixes.every((prefix) => !prefixAllowsScriptUrl(prefix)) ? (prefixes[0] ?? '') : '';
    }
    case 'NewExpression': {
      // new URL(path, base): an absolute first argument wins over the base, so its start decides.
      const first = node.arguments[0];
      return node.callee.type === 'Identifier' && node.callee.name === 'URL' && first !== undefined && first.type !== 'SpreadElement' ? constantPrefix(context, first, depth + 1) : '';
    }
    case 'Identifier': {
      const variable = findVariable(context, node);
      // An imported or SCREAMING_CASE binding is configuration (`${API_BASE}/users`), written by the developers.
      if (variable?.defs[0]?.type === 'ImportBinding' || /^[A-Z][A-Z0-9_]+$/.test(node.name)) return CONFIGURED_ORIGIN;
      const declarator = variable === undefined ? undefined : singleDeclarator(variable);
      if (declarator === undefined || declarator.id.type !== 'Identifier' || declarator.init === null) return '';
      return constantPrefix(context, declarator.init, depth + 1);
    }
    case 'MemberExpression': {
      const property = staticPropertyName(node);
      if (property !== undefined && CONFIGURED_URL_PROPERTIES.test(property)) return CONFIGURED_ORIGIN;
      const object = skipWrappers(node.object);
      // process.env.API_URL, import.meta.env.VITE_API_URL
      if (object.type === 'MemberExpression' && staticPropertyName(object) === 'env') return CONFIGURED_ORIGIN;
      // location.href, location.pathname: the current page's own http(s) URL.
      const objectName = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? staticPropertyName(object) : undefined;
      if (objectName === 'location' && (property === 'href' || property === 'pathname')) return property === 'href' ? CONFIGURED_ORIGIN : '/';
      // url.href where url = new URL(...): the constructor's start.
      if (property === 'href' && object.type === 'Identifier') return constantPrefix(context, object, depth + 1);
      // ROUTES.home, paths.login: members of imported or SCREAMING_CASE configuration.
      let root: Node = object;
      while (root.type === 'MemberExpression') root = skipWrappers(root.object);
      if (root.type === 'Identifier' && (/^[A-Z][A-Z0-9_]+$/.test(root.name) || CONFIGURATION_NAMES.has(root.name) || findVariable(context, root)?.defs[0]?.type === 'ImportBinding')) return CONFIGURED_ORIGIN;
      return '';
    }
    default:
      return '';
  }
}

/** Usual names of application configuration objects (`environment.apiUrl` in Angular, `config.baseUrl`). */
const CONFIGURATION_NAMES = new Set(['environment', 'env', 'config', 'appConfig', 'settings', 'constants', 'routes', 'paths', 'urls']);

/** Methods whose result starts like their receiver. */
const PREFIX_KEEPING_METHODS = new Set(['concat', 'replace', 'replaceAll', 'trim', 'trimEnd', 'toString', 'valueOf']);

/** What a configured origin (`location.origin`, `process.env.API_URL`, `API_BASE`) stands for in a prefix. */
const CONFIGURED_ORIGIN = 'https://configured.invalid';
/** Properties that hold an origin or base URL, never a script URL. */
const CONFIGURED_URL_PROPERTIES = /^(?:origin|baseUrl|baseURL|BASE_URL|apiUrl|apiURL|API_URL|apiBase|host)$/;

/** A test on the URL's parsed scheme: `new URL(x).protocol === 'https:'`, `['http:', 'https:'].includes(url.protocol)`. */
function checksProtocol(context: AnalysisContext, test: Node, text: string): boolean {
  const source = context.sourceCode.getText(test);
  return source.includes(text) && /\bprotocol\b/.test(source) && /https?:/.test(source);
}

/**
 * True when the code around a URL sink checks the URL's scheme first: `isHttp(url) && window.open(url)`,
 * `if (/^https?:\/\//.test(url)) location.href = url`, or an early exit when it does not start safely.
 */
export function isUrlCheckedBefore(context: AnalysisContext, sink: Node, value: Node): boolean {
  const text = context.sourceCode.getText(skipWrappers(value));
  const checks = (test: Node): boolean => checksSafePrefix(context, test, text) || checksProtocol(context, test, text);
  let root = skipWrappers(value);
  while (root.type === 'MemberExpression') root = skipWrappers(root.object);
  const rootText = root.type === 'Identifier' ? root.name : text;
  const negatedCheck = (statement: TSESTree.IfStatement): boolean => {
    const node = skipWrappers(statement.test);
    if (node.type === 'UnaryExpression' && node.operator === '!' && checks(node.argument)) return true;
    // if (parsed.protocol !== 'https:') return; — then `parsed.href` is an https URL.
    const exits = statement.consequent.type === 'ReturnStatement' || statement.consequent.type === 'ThrowStatement'
      || (statement.consequent.type === 'BlockStatement' && statement.consequent.body.some((s) => s.type === 'ReturnStatement' || s.type === 'ThrowStatement'));
    return exits && checksProtocol(context, node, rootText);
  };
  ensureParents(context.sourceCode.ast);
  let child: Node = sink;
  for (let parent = sink.parent; parent != null; child = parent, parent = parent.parent) {
    if (parent.type === 'LogicalExpression' && parent.operator === '&&' && parent.right === child && checks(parent.left)) return true;
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.consequent === child && checks(parent.test)) return true;
    if (parent.type === 'BlockStatement') {
      const index = parent.body.indexOf(child as TSESTree.Statement);
      for (const statement of parent.body.slice(0, Math.max(0, index))) {
        if (statement.type === 'IfStatement' && negatedCheck(statement)) return true;
      }
    }
    if (isFunction(parent)) return false;
  }
  return false;
}

/** `x.startsWith('/')`, `x.startsWith('https://')`, `/^https?:\/\//.test(x)`: a check that `text` begins safely. */
function checksSafePrefix(context: AnalysisContext, test: Node, text: string): boolean {
  const node = skipWrappers(test);
  if (node.type === 'LogicalExpression' && node.operator === '&&') return checksSafePrefix(context, node.left, text) || checksSafePrefix(context, node.right, text);
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const method = staticPropertyName(node.callee);
  const argument = node.arguments[0];
  if (argument === undefined || argument.type === 'SpreadElement') return false;
  if (method === 'startsWith' && context.sourceCode.getText(skipWrappers(node.callee.object)) === text) {
    const prefix = getStaticValue(context, argument)?.value;
    return typeof prefix === 'string' && prefix !== '' && !prefixAllowsScriptUrl(prefix);
  }
  const pattern = skipWrappers(node.callee.object);
  if (method === 'test' && pattern.type === 'Literal' && 'regex' in pattern && context.sourceCode.getText(skipWrappers(argument)) === text) {
    return /^\^(?:\\\/|\/|https|http|\(\?:?https?|\[)/.test(pattern.regex.pattern) && !/javascript/i.test(pattern.regex.pattern);
  }
  return false;
}

const SCRIPT_SCHEMES = ['javascript:', 'vbscript:', 'data:'];
/** Calls that return `blob:` or image `data:` URLs, never script URLs. */
const SAFE_URL_METHODS = new Set(['createObjectURL', 'toDataURL', 'getDownloadURL', 'getSignedUrl']);

/**
 * True when a URL starting with `prefix` may still turn out to be a script URL: the prefix is
 * empty or could be the start of `javascript:`, `vbscript:` or `data:` (browsers ignore
 * leading spaces and control characters, and schemes are case-insensitive).
 */
export function prefixAllowsScriptUrl(prefix: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = prefix.replace(/[\u0000-\u0020\t\n\r]/g, '').toLowerCase();
  return SCRIPT_SCHEMES.some((scheme) => scheme.startsWith(cleaned) || cleaned.startsWith(scheme));
}

/**
 * True when a value used as a URL cannot be a `javascript:` URL: constants, numbers, values
 * whose constant prefix fixes a safe scheme or a relative path (`https://`, `/`, `?`, `#`),
 * URL-sanitized or allow-listed values, and each branch of `a ? b : c` / `a || b` being so.
 */
export function isSafeUrlValue(context: AnalysisContext, raw: Node, depth = 0): boolean {
  const node = skipWrappers(raw);
  if (isConstantString(context, node) || isNumericOrBoolean(context, node) || isUrlSanitized(context, node) || isValidatedValue(context, node)) return true;
  if (depth > MAX_DEPTH) return false;
  switch (node.type) {
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      const method = callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
      if (method !== undefined && SAFE_URL_METHODS.has(method)) return true;
      break;
    }
    case 'AwaitExpression':
      return isSafeUrlValue(context, node.argument, depth + 1);
    case 'ConditionalExpression':
      if (checksSafePrefix(context, node.test, context.sourceCode.getText(skipWrappers(node.consequent)))) return isSafeUrlValue(context, node.alternate, depth + 1);
      return isSafeUrlValue(context, node.consequent, depth + 1) && isSafeUrlValue(context, node.alternate, depth + 1);
    case 'LogicalExpression':
      return node.operator === '&&' ? isSafeUrlValue(context, node.right, depth + 1) : isSafeUrlValue(context, node.left, depth + 1) && isSafeUrlValue(context, node.right, depth + 1);
    case 'Identifier': {
      const variable = findVariable(context, node);
      const declarator = variable === undefined ? undefined : singleDeclarator(variable);
      if (declarator !== undefined && declarator.id.type === 'Identifier' && declarator.init !== null) return isSafeUrlValue(context, declarator.init, depth + 1);
      break;
    }
    default:
      break;
  }
  return !prefixAllowsScriptUrl(constantPrefix(context, node));
}

/** The expression under `{{ ... }}`-style wrappers: `{ __html: x }` → the `__html` property's value. */
export function objectPropertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
    if (name === key) return property.value;
  }
  return undefined;
}

/** An object literal a value denotes, directly or through a never-reassigned local binding. */
export function localObjectLiteral(context: AnalysisContext, raw: Node): TSESTree.ObjectExpression | undefined {
  const node = skipWrappers(raw);
  if (node.type === 'ObjectExpression') return node;
  if (node.type !== 'Identifier') return undefined;
  const variable = findVariable(context, node);
  const declarator = variable === undefined ? undefined : singleDeclarator(variable);
  if (declarator === undefined || declarator.id.type !== 'Identifier' || declarator.init === null) return undefined;
  const init = skipWrappers(declarator.init);
  return init.type === 'ObjectExpression' ? init : undefined;
}

/**
 * The object literals a value can be, following local bindings, `?:` branches and the returns of a
 * local function (`dangerouslySetInnerHTML={createMarkup()}`); undefined when some value is unknown.
 */
export function objectLiteralsOf(context: AnalysisContext, raw: Node, depth = 0): TSESTree.ObjectExpression[] | undefined {
  if (depth > 4) return undefined;
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'ObjectExpression':
      return [node];
    case 'ConditionalExpression': {
      const left = objectLiteralsOf(context, node.consequent, depth + 1);
      const right = objectLiteralsOf(context, node.alternate, depth + 1);
      return left === undefined || right === undefined ? undefined : [...left, ...right];
    }
    case 'LogicalExpression':
      return node.operator === '&&' ? objectLiteralsOf(context, node.right, depth + 1) : undefined;
    case 'Identifier': {
      const variable = findVariable(context, node);
      const declarator = variable === undefined ? undefined : singleDeclarator(variable);
      if (declarator === undefined || declarator.id.type !== 'Identifier' || declarator.init === null) return undefined;
      return objectLiteralsOf(context, declarator.init, depth + 1);
    }
    case 'CallExpression': {
      const fn = localFunction(context, node.callee);
      if (fn === undefined) return undefined;
      const found: TSESTree.ObjectExpression[] = [];
      for (const returned of returnedExpressions(fn)) {
        const objects = objectLiteralsOf(context, returned, depth + 1);
        if (objects === undefined) return undefined;
        found.push(...objects);
      }
      return found.length === 0 ? undefined : found;
    }
    default:
      return undefined;
  }
}

