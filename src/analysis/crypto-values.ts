import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticKeyName, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import { findVariable, type AnalysisContext } from './scope.js';
import { constInitializer, getStaticValue, isConstantString, possibleStaticValues, type Primitive } from './static-value.js';

/**
 * Questions the cryptography rules ask about values: what an options object says, whether
 * bytes are fixed in the code, what a value is named like. Syntactic and intra-file.
 */

const MAX_DEPTH = 8;

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export const isFunctionNode = (node: Node | null | undefined): node is FunctionNode =>
  node != null && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');

/** The object literal an expression denotes: written inline, or held by a never-reassigned `const`. */
export function objectLiteralOf(context: AnalysisContext, rawNode: Node | null | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  if (rawNode == null || depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(rawNode);
  if (node.type === 'ObjectExpression') return node;
  return node.type === 'Identifier' ? objectLiteralOf(context, constInitializer(context, node), depth + 1) : undefined;
}

/** The last `key: value` property of an object literal with that static key (what the object ends up holding). */
export function propertyNamed(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined;
  for (const property of object.properties) {
    if (property.type === 'Property' && staticKeyName(property) === key) found = property;
  }
  return found;
}

/** True when the object literal spreads another value in, so an absent key may still be present at run time. */
export function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement' || (property.type === 'Property' && property.computed && staticKeyName(property) === undefined));
}

/** Every constant value an expression can take (`legacy ? 'md5' : 'sha256'` gives both); `[]` when some are unknown. */
export function constantValues(context: AnalysisContext, node: Node | null | undefined): Primitive[] {
  if (node == null) return [];
  return (possibleStaticValues(context, node) ?? []).map(({ value }) => value);
}

/** The constant string an expression always has, if any. */
export function constantString(context: AnalysisContext, node: Node | null | undefined): string | undefined {
  if (node == null) return undefined;
  const value = getStaticValue(context, node);
  return value !== undefined && typeof value.value === 'string' ? value.value : undefined;
}

/** The constant number an expression always has (`2 ** 10`, `ITERATIONS`, `1e3`), if any. */
export function constantNumber(context: AnalysisContext, node: Node | null | undefined): number | undefined {
  if (node == null) return undefined;
  const value = getStaticValue(context, node);
  if (value === undefined) return undefined;
  if (typeof value.value === 'number') return value.value;
  if (typeof value.value === 'bigint') return Number(value.value);
  return undefined;
}

/**
 * The string values an algorithm argument can take, also from a Web Crypto `{ name: 'AES-CBC' }`
 * object. Partial on purpose: `options.algorithm || 'md5'` and a parameter defaulting to `'md5'`
 * can be MD5, so `md5` is listed even though other values are possible.
 */
export function algorithmNames(context: AnalysisContext, node: Node | null | undefined, depth = 0): string[] {
  if (node == null || depth > MAX_DEPTH) return [];
  const object = objectLiteralOf(context, node);
  if (object !== undefined) {
    const name = propertyNamed(object, 'name');
    return name === undefined ? [] : algorithmNames(context, name.value, depth + 1);
  }
  const known = constantValues(context, node).filter((value): value is string => typeof value === 'string');
  if (known.length > 0) return known;
  const unwrapped = skipWrappers(node);
  if (unwrapped.type === 'LogicalExpression' || unwrapped.type === 'ConditionalExpression') {
    const [a, b] = unwrapped.type === 'LogicalExpression' ? [unwrapped.left, unwrapped.right] : [unwrapped.consequent, unwrapped.alternate];
    return [...algorithmNames(context, a, depth + 1), ...algorithmNames(context, b, depth + 1)];
  }
  if (unwrapped.type === 'Identifier') {
    // function digest(data, algorithm = 'md5'): the default is what most callers get.
    const def = findVariable(context, unwrapped)?.defs[0];
    if (def?.type === 'Parameter' && def.name.parent?.type === 'AssignmentPattern' && def.name.parent.left === def.name) {
      return algorithmNames(context, def.name.parent.right, depth + 1);
    }
    const init = bindingInitializer(context, unwrapped);
    return init === undefined ? [] : algorithmNames(context, init, depth + 1);
  }
  return [];
}

/** Words of an identifier, lower-cased: `resetPasswordToken` → reset, password, token; `CSRF_TOKEN` → csrf, token. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** Words that make a value a secret on their own. */
const SECRET_WORDS = new Set([
  'token', 'tokens', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'salt', 'nonce', 'otp', 'totp', 'hotp',
  'csrf', 'xsrf', 'jti', 'apikey', 'sid', 'credential', 'credentials', 'captcha', 'verifier', 'iv', 'pin', 'passcode', 'sessionid', 'sessid', 'authorization',
]);
/** `key`, `code` and `id` are secrets only next to one of these words (an API key, a reset code, a session id). */
const QUALIFIED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['key', new Set(['api', 'secret', 'private', 'encryption', 'encrypt', 'signing', 'sign', 'access', 'auth', 'crypto', 'aes', 'hmac', 'session', 'master', 'license', 'activation', 'recovery', 'cipher', 'jwt'])],
  ['keys', new Set(['api', 'secret', 'private', 'encryption', 'signing', 'access', 'recovery'])],
  ['code', new Set(['verification', 'verify', 'reset', 'confirmation', 'confirm', 'auth', 'authorization', 'otp', 'invite', 'invitation', 'mfa', '2fa', 'sms', 'login', 'access', 'activation', 'recovery', 'security', 'onetime', 'backup', 'magic', 'unlock'])],
  ['codes', new Set(['recovery', 'backup', 'verification'])],
  ['id', new Set(['session', 'sess'])],
  ['link', new Set(['magic', 'reset'])],
]);
/** Words that make a name about something else: `tokenIndex`, `passwordLength`, `saltRounds`, `pinColor`. */
const NOT_A_SECRET = new Set([
  'index', 'idx', 'count', 'length', 'len', 'size', 'delay', 'timeout', 'interval', 'duration', 'color', 'colour', 'position', 'pos', 'offset',
  'width', 'height', 'angle', 'speed', 'opacity', 'animation', 'jitter', 'backoff', 'retry', 'retries', 'rounds', 'ttl', 'expiry', 'expires',
  'expiration', 'label', 'placeholder', 'field', 'input', 'hint', 'strength', 'policy', 'min', 'max', 'type', 'name', 'url', 'hash', 'hashed',
  'digest', 'prefix', 'storage', 'map', 'pool', 'list', 'ratio', 'weight', 'chance', 'probability', 'sample', 'x', 'y',
]);

/** True when a name reads like a security value: token, secret, password, salt, nonce, OTP, session id, API key... */
export function isSecurityName(name: string): boolean {
  const words = identifierWords(name);
  if (words.some((word) => NOT_A_SECRET.has(word))) return false;
  return words.some((word, i) => {
    if (SECRET_WORDS.has(word)) return true;
    const qualifiers = QUALIFIED.get(word);
    return qualifiers !== undefined && words.some((other, j) => j !== i && qualifiers.has(other));
  });
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pw', 'passphrase', 'passcode', 'pass']);
/** Hashes, tokens and reset links are not the password itself: `passwordHash`, `passwordResetToken`. */
const NOT_THE_PASSWORD = new Set(['hash', 'hashed', 'digest', 'token', 'reset', 'salt', 'length', 'policy', 'field', 'hint', 'expires', 'expiry', 'changed', 'updated', 'version', 'rounds', 'strength', 'url', 'link', 'label']);

/** True when a name reads like a user's password: `password`, `newPassword`, `user.passwd`, `pwd`. */
export function isPasswordName(name: string): boolean {
  const words = identifierWords(name);
  if (words.some((word) => NOT_THE_PASSWORD.has(word))) return false;
  // `pass` alone (or `passInput`) is common; inside longer words (`bypass`) it is not split out anyway.
  return words.some((word) => PASSWORD_WORDS.has(word));
}

const PASS_THROUGH_CALLS = new Set(['Buffer.from', 'String', 'encodeURIComponent', 'unescape', 'JSON.stringify']);
const PASS_THROUGH_METHODS = new Set(['toString', 'normalize', 'trim', 'encode', 'concat', 'toLowerCase', 'toUpperCase', 'parse']);

/**
 * The names a value is read from: `salt + password` → salt, password; `req.body.password` →
 * password; `Buffer.from(pwd, 'utf8')` → pwd. Stops at calls that transform the value.
 */
export function valueNames(context: AnalysisContext, rawNode: Node, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  const node = skipWrappers(rawNode);
  const next = (child: Node): string[] => valueNames(context, child, depth + 1);
  switch (node.type) {
    case 'Identifier':
      return [node.name];
    case 'MemberExpression': {
      const name = staticPropertyName(node);
      return name === undefined ? [] : [name];
    }
    case 'BinaryExpression':
      return node.operator === '+' ? [...next(node.left), ...next(node.right)] : [];
    case 'TemplateLiteral':
      return node.expressions.flatMap(next);
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      const args = node.arguments.filter((a): a is TSESTree.Expression => a.type !== 'SpreadElement');
      const resolved = resolveReference(context, callee);
      if (resolved !== undefined && PASS_THROUGH_CALLS.has(resolved)) return args.slice(0, 1).flatMap(next);
      if (callee.type === 'MemberExpression' && PASS_THROUGH_METHODS.has(staticPropertyName(callee) ?? '')) {
        return [...next(callee.object), ...args.flatMap(next)];
      }
      return [];
    }
    default:
      return [];
  }
}

/** How bytes given to a cipher were made, when it is not at random: fixed in the code, or read from configuration. */
export type FixedBytes = 'constant' | 'environment';

const TYPED_ARRAYS = new Set(['Uint8Array', 'Int8Array', 'Uint16Array', 'Uint32Array', 'Uint8ClampedArray', 'ArrayBuffer', 'Buffer', 'Array', 'DataView']);
const KEY_DERIVATIONS = new Set(['crypto.scryptSync', 'crypto.pbkdf2Sync', 'crypto.hkdfSync']);
const BYTE_VIEW_METHODS = new Set(['slice', 'subarray', 'substring', 'substr', 'toString', 'padEnd', 'padStart', 'toUpperCase', 'toLowerCase', 'trim']);

/**
 * Whether key or IV bytes are the same on every run: a literal or constant, `Buffer.alloc(16)`,
 * `new Uint8Array(12)`, `Buffer.from('...', 'hex')`, a hash or KDF of constants (`constant`); or
 * taken from `process.env` (`environment`: fixed per deployment). Undefined when the code cannot tell
 * (parameters, `randomBytes`, values read at run time).
 */
export function fixedBytes(context: AnalysisContext, node: Node | null | undefined): FixedBytes | undefined {
  return node == null ? undefined : bytesKind(context, node, 0);
}

function bytesKind(context: AnalysisContext, rawNode: Node, depth: number): FixedBytes | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(rawNode);
  const next = (child: Node | null | undefined): FixedBytes | undefined => (child == null || child.type === 'SpreadElement' ? undefined : bytesKind(context, child, depth + 1));
  if (node.type !== 'Identifier' && node.type !== 'MemberExpression' && isConstantString(context, node)) return 'constant';
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' || typeof node.value === 'number' ? 'constant' : undefined;
    case 'Identifier': {
      if (isConstantString(context, node)) return 'constant';
      return next(constInitializer(context, node));
    }
    case 'MemberExpression': {
      if (isConstantString(context, node)) return 'constant';
      const resolved = resolveReference(context, node);
      if (resolved !== undefined && resolved.startsWith('process.env.')) return 'environment';
      return undefined;
    }
    case 'ArrayExpression':
      return node.elements.length > 0 && node.elements.every((element) => element !== null && element.type !== 'SpreadElement' && getStaticValue(context, element) !== undefined) ? 'constant' : undefined;
    case 'NewExpression': {
      const constructed = resolveReference(context, node.callee);
      if (constructed === undefined || !TYPED_ARRAYS.has(constructed)) return undefined;
      const [first] = node.arguments;
      if (first === undefined) return constructed === 'Array' ? undefined : 'constant';
      if (first.type === 'SpreadElement') return undefined;
      // new Uint8Array(16): zero-filled; new Uint8Array([1, 2, 3]): fixed.
      return getStaticValue(context, first) !== undefined ? 'constant' : next(first);
    }
    case 'CallExpression':
      return callBytesKind(context, node, next);
    default:
      return undefined;
  }
}

function callBytesKind(context: AnalysisContext, node: TSESTree.CallExpression, next: (child: Node | null | undefined) => FixedBytes | undefined): FixedBytes | undefined {
  const callee = skipWrappers(node.callee);
  const [first, second] = node.arguments;
  const resolved = resolveReference(context, callee);
  if (resolved === 'Buffer.alloc') return second === undefined || getStaticValue(context, second) !== undefined ? 'constant' : undefined;
  if (resolved === 'Buffer.from' || resolved === 'Buffer' || resolved === 'Uint8Array.from' || resolved === 'Uint8Array.of') {
    if (resolved === 'Uint8Array.of') return node.arguments.every((a) => a.type !== 'SpreadElement' && getStaticValue(context, a) !== undefined) ? 'constant' : undefined;
    return next(first);
  }
  if (resolved !== undefined && KEY_DERIVATIONS.has(resolved)) {
    // scryptSync('a constant password', 'salt', 32): the same key on every run.
    return next(first) === 'constant' ? 'constant' : undefined;
  }
  if (resolved !== undefined && /^(crypto-js|CryptoJS)\.enc\.\w+\.parse$/.test(resolved)) return next(first);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = staticPropertyName(callee);
  if (method === 'fill' && first !== undefined && first.type !== 'SpreadElement' && getStaticValue(context, first) !== undefined) return 'constant';
  if (method === 'encode') return next(first);
  if (method !== undefined && BYTE_VIEW_METHODS.has(method)) return next(callee.object);
  if (method === 'digest') {
    // createHash('sha256').update('constant').digest(): a constant.
    const update = skipWrappers(callee.object);
    if (update.type !== 'CallExpression') return undefined;
    const updateCallee = skipWrappers(update.callee);
    if (updateCallee.type !== 'MemberExpression' || staticPropertyName(updateCallee) !== 'update') return undefined;
    const data = update.arguments[0];
    return data !== undefined && data.type !== 'SpreadElement' && next(data) === 'constant' ? 'constant' : undefined;
  }
  return undefined;
}

/** Every function around a node, innermost first (a callback's verify still runs within the functions that wrap it). */
export function enclosingFunctions(node: Node): FunctionNode[] {
  const found: FunctionNode[] = [];
  for (let current = node.parent; current != null; current = current.parent) if (isFunctionNode(current)) found.push(current);
  return found;
}

/** The function whose body holds a node (through `parent` links), or the Program for top-level code. */
export function enclosingFunction(node: Node): FunctionNode | TSESTree.Program | undefined {
  let current: Node | undefined = node.parent;
  while (current != null) {
    if (isFunctionNode(current) || current.type === 'Program') return current;
    current = current.parent;
  }
  return undefined;
}

/** The name a function is known by: its own, or the variable, property or method that holds it. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent == null) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return staticKeyName(parent);
    case 'AssignmentExpression':
      return parent.left.type === 'Identifier' ? parent.left.name : parent.left.type === 'MemberExpression' ? staticPropertyName(parent.left) : undefined;
    default:
      return undefined;
  }
}

/** The Web Crypto method a resolved callee names: `crypto.subtle.digest`, `crypto.webcrypto.subtle.encrypt` → `digest`, `encrypt`. */
export function subtleMethod(resolved: string | undefined): string | undefined {
  return resolved === undefined ? undefined : /^(?:crypto\.)?(?:webcrypto\.)?subtle\.(\w+)$/.exec(resolved)?.[1];
}

/**
 * A crypto-js member as the library documents it, whatever the import style: `CryptoJS.MD5`
 * (browser global), `crypto-js.MD5` (package import), `crypto-js/md5` (per-algorithm module) all
 * give `MD5`; `crypto-js/tripledes` gives `TripleDES`.
 */
export function cryptoJsMember(resolved: string | undefined): string | undefined {
  if (resolved === undefined) return undefined;
  const member = /^(?:crypto-js|CryptoJS)\.(.+)$/.exec(resolved)?.[1];
  if (member !== undefined) return member;
  const module = /^crypto-js\/([\w-]+)(\..+)?$/.exec(resolved);
  if (module === null) return undefined;
  const name = CRYPTO_JS_MODULES[module[1] ?? ''];
  return name === undefined ? undefined : name + (module[2] ?? '');
}

const CRYPTO_JS_MODULES: Readonly<Record<string, string>> = {
  md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512', sha3: 'SHA3', ripemd160: 'RIPEMD160',
  'hmac-md5': 'HmacMD5', 'hmac-sha1': 'HmacSHA1', 'hmac-sha256': 'HmacSHA256', 'hmac-ripemd160': 'HmacRIPEMD160',
  aes: 'AES', tripledes: 'TripleDES', rc4: 'RC4', rabbit: 'Rabbit', pbkdf2: 'PBKDF2', evpkdf: 'EvpKDF',
  'mode-ecb': 'mode.ECB', 'mode-cbc': 'mode.CBC', 'enc-hex': 'enc.Hex', 'enc-utf8': 'enc.Utf8', 'enc-base64': 'enc.Base64',
};

/** A node-forge member, whether `forge` is the imported package or the browser global: `md.md5.create`. */
export function forgeMember(resolved: string | undefined): string | undefined {
  return resolved === undefined ? undefined : /^(?:node-forge|forge)\.(.+)$/.exec(resolved)?.[1];
}

/** jsonwebtoken's functions, imported or (in snippets and older code) a global `jwt`: `verify`, `decode`, `sign`. */
export function jsonwebtokenMember(resolved: string | undefined): string | undefined {
  return resolved === undefined ? undefined : /^(?:jsonwebtoken|jwt)\.(\w+)$/.exec(resolved)?.[1];
}

/** The initialiser of the never-reassigned variable an identifier names (`createHash('sha256')` for `hash`), if any. */
export function bindingInitializer(context: AnalysisContext, identifier: TSESTree.Identifier): Node | undefined {
  const init = constInitializer(context, identifier);
  return init === undefined ? undefined : skipWrappers(init);
}

/** The statement (or class member, or declaration) a node belongs to, through `parent` links. */
export function enclosingStatement(node: Node): Node {
  let current: Node = node;
  while (current.parent != null && !/(Statement|Declaration|Definition)$/.test(current.type)) current = current.parent;
  return current;
}

/**
 * The constant strings of an array literal, written inline or held by a never-reassigned binding
 * (`algorithms: ALLOWED` with `const ALLOWED = ['RS256']`). Undefined when the value is not such an array.
 */
export function constantArrayStrings(context: AnalysisContext, rawNode: Node | null | undefined): string[] | undefined {
  if (rawNode == null) return undefined;
  let node: Node | undefined = skipWrappers(rawNode);
  if (node.type === 'Identifier') node = bindingInitializer(context, node);
  if (node?.type !== 'ArrayExpression') return undefined;
  return node.elements.flatMap((element) => (element === null || element.type === 'SpreadElement' ? [] : constantValues(context, element))).filter((v): v is string => typeof v === 'string');
}
