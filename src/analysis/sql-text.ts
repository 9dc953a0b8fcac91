import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticKeyName, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import { isNumericOrBoolean } from './numeric.js';
import { findVariable, localFunction, singleDeclarator, type AnalysisContext } from './scope.js';
import { getStaticValue, isConstantString } from './static-value.js';
import { stringParts, type StringParts } from './string-parts.js';
import { ensureParents, isFunction, returnedExpressions } from './taint/tree.js';

/**
 * Calls that escape or quote a value for SQL (`connection.escape(x)`, `mysql.escapeId(col)`,
 * `client.escapeLiteral(x)`, `SqlString.escape(x)`, `sequelize.escape(x)`, `this.escapePath(t)`,
 * `quoteIdentifier(c)`, knex's `formatter.wrap(c)`): their result can be pasted into SQL text.
 */
const SQL_ESCAPE_METHODS = /^(sql)?(escape|quote)[A-Z]?\w*$|^(wrap|wrapIdentifier|columnize)$/;
/** Resolved escapers that need their module to be sure (`format.literal` of pg-format, `format.ident`). */
const SQL_ESCAPE_CALLS = new Set(['pg-format.literal', 'pg-format.ident', 'pg-format.string', 'pg-escape.literal', 'pg-escape.ident', 'pg-escape', 'sqlstring.escape', 'sqlstring.escapeId']);

/** printf-style formatters: `%s` pastes its argument as is. */
const PRINTF_CALLS = new Set(['util.format', 'sprintf-js.sprintf', 'sprintf-js.vsprintf', 'sprintf', 'printf', 'format-util']);
/** SQL formatters that escape `?`/`%L` values themselves: only the format text matters (and pg-format's `%s`). */
const ESCAPING_FORMAT_CALLS = new Set(['mysql.format', 'mysql2.format', 'mysql2/promise.format', 'sqlstring.format', 'pg-format', 'pg-format.withArray', 'mariadb.format']);
/** Keys of a query config object that carry the SQL: pg `{ text }`, mysql `{ sql }`, Sequelize `{ query }`. */
const QUERY_TEXT_KEYS = ['text', 'sql', 'query'];

/** Numbers parsed from any text: `ids.map(Number)`. */
const NUMERIC_CONVERTERS = new Set(['Number', 'parseInt', 'parseFloat', 'Math.round', 'Math.floor', 'Math.trunc', 'BigInt']);

/** SQL text split as `stringParts` does, with what is safe in SQL taken out of the dynamic parts. */
export interface SqlText extends StringParts {
  /** `util.format`, `mysql.format` and the like, when they build the text. */
  readonly formatted: boolean;
}

const MAX_DEPTH = 6;

/**
 * The parts of a query text, as `stringParts` gives them, minus what cannot carry SQL: values
 * passed through an SQL escaper, placeholder lists (`ids.map((_, i) => `$${i + 1}`).join()`),
 * numeric lists (`ids.map(Number).join()`), numeric counters (`let n = 1; … $${n}`), parameters
 * typed as numbers, booleans or literal unions, enum members, imported UPPER_CASE constants and
 * `readonly` class constants. Format calls are opened: `util.format('… %s', x)` has `x` as a
 * dynamic part, `mysql.format('… ?', [x])` only its format text.
 */
export function sqlTextParts(context: AnalysisContext, node: Node): SqlText {
  let constantText = '';
  let isBuilt = false;
  let formatted = false;
  const dynamicParts: Node[] = [];
  const add = (raw: Node, depth: number): void => {
    const parts = stringParts(context, raw);
    constantText += parts.constantText;
    if (parts.isBuilt) isBuilt = true;
    for (const part of parts.dynamicParts) {
      const format = depth < MAX_DEPTH ? formatCall(context, part) : undefined;
      if (format !== undefined) {
        formatted = true;
        isBuilt = true;
        for (const piece of format) add(piece, depth + 1);
        continue;
      }
      if (isSafeInSql(context, part)) continue;
      const pieces = depth < MAX_DEPTH ? replacedText(context, part) ?? helperText(context, part) : undefined;
      if (pieces !== undefined) {
        isBuilt = true;
        for (const piece of pieces) add(piece, depth + 1);
        continue;
      }
      dynamicParts.push(part);
    }
  };
  add(node, 0);
  return { constantText, dynamicParts, isBuilt, formatted };
}

/** The SQL a query call receives: the argument, or the `text`/`sql`/`query` of a config object (`client.query({ text, values })`). */
export function queryTextArgument(context: AnalysisContext, argument: Node, keys: readonly string[] = QUERY_TEXT_KEYS): Node | undefined {
  let node = skipWrappers(argument);
  if (node.type === 'Identifier') {
    const variable = findVariable(context, node);
    const declarator = variable === undefined ? undefined : singleDeclarator(variable);
    if (declarator?.init != null && declarator.id.type === 'Identifier' && skipWrappers(declarator.init).type === 'ObjectExpression') node = skipWrappers(declarator.init);
  }
  if (node.type !== 'ObjectExpression') return argument;
  for (const property of node.properties) {
    if (property.type !== 'Property') continue;
    const key = staticKeyName(property);
    if (key !== undefined && keys.includes(key)) return property.value;
  }
  return undefined;
}

/**
 * `'… id = :id'.replace(':id', id)`: the receiver's text with the replacement pasted in.
 * Undefined for a quote-doubling replace (`name.replace(/'/g, "''")`): that one builds nothing,
 * and stays a dynamic part, since hand escaping misses backslashes and multi-byte tricks.
 */
function replacedText(context: AnalysisContext, raw: Node): Node[] | undefined {
  const node = skipWrappers(raw);
  if (node.type !== 'CallExpression' || node.arguments.length !== 2 || node.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  const callee = skipWrappers(node.callee);
  if (callee.type !== 'MemberExpression' || !/^replace(All)?$/.test(staticPropertyName(callee) ?? '')) return undefined;
  const [pattern, replacement] = node.arguments as [Node, Node];
  if (isFunction(replacement)) return undefined;
  if (isQuoteEscape(context, pattern, replacement)) return undefined;
  return [callee.object, replacement];
}

/** What a quote becomes when escaped by hand: doubled, or preceded by a backslash. */
const QUOTE_ESCAPES = new Set(["''", "\\'", "\\\\'", '""', '\\"', '\\$&']);

/** `.replace(/'/g, "''")`, `.replace(/'/g, "\\'")`: doubling or backslashing quotes. */
function isQuoteEscape(context: AnalysisContext, pattern: Node, replacement: Node): boolean {
  const with_ = getStaticValue(context, replacement);
  if (typeof with_?.value !== 'string' || !QUOTE_ESCAPES.has(with_.value)) return false;
  const what = skipWrappers(pattern);
  return what.type === 'Literal' && 'regex' in what && /['"]/.test(what.regex.pattern);
}

/** `db.query(buildQuery(field, value))`: the text a helper of this file returns, with its parameters as dynamic parts. */
function helperText(context: AnalysisContext, raw: Node): Node[] | undefined {
  const node = skipWrappers(raw);
  if (node.type !== 'CallExpression') return undefined;
  const fn = localFunction(context, node.callee);
  if (fn === undefined || checking.has(fn)) return undefined;
  const returned = returnedExpressions(fn);
  return returned.length > 0 ? returned : undefined;
}

/** The pieces a format call puts into its text, or undefined when the node is no format call. */
function formatCall(context: AnalysisContext, raw: Node): Node[] | undefined {
  const node = skipWrappers(raw);
  if (node.type !== 'CallExpression' || node.arguments.length === 0 || node.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  const callee = skipWrappers(node.callee);
  const written = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  if (written === undefined || !/^(format|sprintf|vsprintf|printf|withArray)$/.test(written)) return undefined;
  const resolved = resolveReference(context, callee);
  const [text, ...values] = node.arguments as Node[];
  if (text === undefined) return undefined;
  const escaping = resolved !== undefined ? ESCAPING_FORMAT_CALLS.has(resolved) : values.length === 1 && skipWrappers(values[0]!).type === 'ArrayExpression';
  const printf = resolved !== undefined ? PRINTF_CALLS.has(resolved) || /\.(sprintf|vsprintf)$/.test(resolved) : !escaping;
  if (!escaping && !printf) return undefined;
  const format = getStaticValue(context, text);
  const specifiers = typeof format?.value === 'string' ? [...format.value.matchAll(/%([%sdifjoOcILQ])/g)].map((m) => m[1]).filter((s) => s !== '%') : undefined;
  if (escaping && resolved?.startsWith('pg-format') !== true) return [text];
  // printf (and pg-format's %s): a value goes in as is unless its specifier converts it (%d, %i, %f) or escapes it (%L, %I, %Q).
  const pasted = values.filter((_, i) => {
    const specifier = specifiers?.[i];
    return specifier === undefined || specifier === 's' || specifier === 'j' || specifier === 'o' || specifier === 'O';
  });
  return [text, ...pasted];
}

/** True when a dynamic part cannot bring SQL syntax into the text. */
function isSafeInSql(context: AnalysisContext, raw: Node): boolean {
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'CallExpression':
      return isEscaped(context, node) || isPlaceholderList(context, node) || isNumericList(context, node) || isSafeValueMethod(node) || isDateFormat(context, node) || returnsSafeText(context, node);
    case 'Identifier':
      return isNumericCounter(context, node) || hasSafeType(context, node) || isImportedConstant(context, node);
    case 'MemberExpression':
      return isEnumMember(context, node) || isClassConstant(context, node) || isImportedConstant(context, node);
    default:
      return false;
  }
}

function isEscaped(context: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  const written = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  if (written !== undefined && SQL_ESCAPE_METHODS.test(written)) return true;
  if (written !== 'literal' && written !== 'ident' && written !== 'string' && written !== 'format') return false;
  const resolved = resolveReference(context, callee);
  return resolved !== undefined && SQL_ESCAPE_CALLS.has(resolved);
}

/** `new Date().toISOString()`, `n.toFixed(2)`: text of a fixed shape. */
function isSafeValueMethod(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  return callee.type === 'MemberExpression' && /^(toISOString|toFixed|toPrecision|toExponential|getTime|valueOf)$/.test(staticPropertyName(callee) ?? '');
}

/** Date libraries: whatever they are given, they print a date. */
const DATE_MODULES = ['moment', 'dayjs', 'luxon', 'date-fns', 'date-fns-tz'];

/** `format(date, 'yyyy-MM-dd')` from date-fns, `dayjs(d).format('YYYY-MM-DD')`, `DateTime.fromISO(s).toSQL()`. */
function isDateFormat(context: AnalysisContext, call: TSESTree.CallExpression): boolean {
  let root: Node = skipWrappers(call.callee);
  while (root.type === 'MemberExpression' || root.type === 'CallExpression') root = skipWrappers(root.type === 'MemberExpression' ? root.object : root.callee);
  if (root.type !== 'Identifier') return false;
  const resolved = resolveReference(context, root);
  return resolved !== undefined && DATE_MODULES.some((module) => resolved === module || resolved.startsWith(`${module}.`) || resolved.startsWith(`${module}/`));
}

/**
 * `ids.map(() => '?').join(',')`, `ids.map((_, i) => `$${i + 1}`).join(', ')`,
 * `Array(n).fill('?').join()`, `Array.from({ length: n }, (_, i) => '$' + (i + 1)).join()`:
 * placeholders, whatever the values.
 */
function isPlaceholderList(context: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const join = skipWrappers(call.callee);
  if (join.type !== 'MemberExpression' || staticPropertyName(join) !== 'join') return false;
  const list = skipWrappers(join.object);
  if (list.type !== 'CallExpression') return false;
  const callee = skipWrappers(list.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = staticPropertyName(callee);
  const [first, second] = list.arguments;
  if (method === 'fill') return first !== undefined && first.type !== 'SpreadElement' && isConstantString(context, first);
  const callback = method === 'map' ? first : method === 'from' ? second : undefined;
  // The index is the callback's second parameter in both `list.map(cb)` and `Array.from(init, cb)`.
  return callback !== undefined && isFunction(callback) && returnsPlaceholder(context, callback, 1);
}

/** The callback returns constant text, or text whose only dynamic parts are arithmetic on its index parameter. */
function returnsPlaceholder(context: AnalysisContext, fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression, indexPosition: number): boolean {
  const index = fn.params[indexPosition];
  const returned = returnedExpressions(fn);
  return returned.length > 0 && returned.every((expression) =>
    stringParts(context, expression).dynamicParts.every((part) => isIndexArithmetic(context, part, index)));
}

function isIndexArithmetic(context: AnalysisContext, raw: Node, index: Node | undefined): boolean {
  const node = skipWrappers(raw);
  if (isNumericOrBoolean(context, node)) return true;
  if (node.type === 'Identifier') return index?.type === 'Identifier' && node.name === index.name && findVariable(context, node)?.defs[0]?.name === index;
  if (node.type === 'BinaryExpression' && ['+', '-', '*'].includes(node.operator)) {
    return node.left.type !== 'PrivateIdentifier' && isIndexArithmetic(context, node.left, index) && isIndexArithmetic(context, node.right, index);
  }
  return false;
}

/** `ids.map(Number).join(',')`, `ids.map((id) => parseInt(id, 10)).join()`: numbers only. */
function isNumericList(context: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const join = skipWrappers(call.callee);
  if (join.type !== 'MemberExpression' || staticPropertyName(join) !== 'join') return false;
  const list = skipWrappers(join.object);
  if (list.type !== 'CallExpression') return false;
  const callee = skipWrappers(list.callee);
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'map') return false;
  const [mapper] = list.arguments;
  if (mapper === undefined || mapper.type === 'SpreadElement') return false;
  if (isFunction(mapper)) return returnedExpressions(mapper).every((expression) => isNumericOrBoolean(context, expression));
  const resolved = resolveReference(context, mapper);
  return resolved !== undefined && NUMERIC_CONVERTERS.has(resolved);
}

/** `let n = 1; … $${n}; n++`: a local that only ever holds numbers. */
function isNumericCounter(context: AnalysisContext, node: TSESTree.Identifier): boolean {
  const variable = findVariable(context, node);
  const def = variable?.defs[0];
  if (variable === undefined || def?.type !== 'Variable' || variable.defs.length !== 1) return false;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== 'Identifier' || declarator.init === null || !isNumericOrBoolean(context, declarator.init)) return false;
  ensureParents(context.sourceCode.ast);
  return variable.references.every((reference) => {
    if (reference.init === true || !reference.isWrite()) return true;
    const write = reference.identifier.parent;
    if (write?.type === 'UpdateExpression') return true;
    if (write?.type !== 'AssignmentExpression') return false;
    // -=, *=, |=... always give numbers; = and += keep the variable numeric only with a numeric right side.
    return write.operator === '=' || write.operator === '+=' ? isNumericOrBoolean(context, write.right) : true;
  });
}

/**
 * A parameter or variable whose declared type cannot hold SQL: `number`, `boolean`, `bigint`,
 * a union of literals (`'ASC' | 'DESC'`), or a parameter defaulting to a number (`limit = 20`).
 * The compiler checks these at every call site.
 */
function hasSafeType(context: AnalysisContext, node: TSESTree.Identifier): boolean {
  const def = findVariable(context, node)?.defs[0];
  if (def === undefined || (def.type !== 'Parameter' && def.type !== 'Variable')) return false;
  const name = def.name as TSESTree.Identifier;
  const type = name.typeAnnotation?.typeAnnotation;
  if (type !== undefined) return isSafeType(type);
  ensureParents(context.sourceCode.ast);
  const holder = name.parent;
  return def.type === 'Parameter' && holder?.type === 'AssignmentPattern' && holder.left === name && isNumericOrBoolean(context, holder.right);
}

function isSafeType(type: Node): boolean {
  switch (type.type) {
    case 'TSNumberKeyword':
    case 'TSBooleanKeyword':
    case 'TSBigIntKeyword':
    case 'TSLiteralType':
    case 'TSUndefinedKeyword':
    case 'TSNullKeyword':
      return true;
    case 'TSUnionType':
      return type.types.every(isSafeType);
    default:
      return false;
  }
}

/** `Status.Active` of an enum declared in the file. */
function isEnumMember(context: AnalysisContext, node: TSESTree.MemberExpression): boolean {
  const object = skipWrappers(node.object);
  if (object.type !== 'Identifier') return false;
  const def = findVariable(context, object)?.defs[0];
  return def?.type === 'TSEnumName';
}

/** `this.TABLE` or `Repo.TABLE` where the class declares it `readonly` with a constant value. */
function isClassConstant(context: AnalysisContext, node: TSESTree.MemberExpression): boolean {
  const name = staticPropertyName(node);
  if (name === undefined) return false;
  const object = skipWrappers(node.object);
  let body: Node | undefined;
  if (object.type === 'ThisExpression') {
    ensureParents(context.sourceCode.ast);
    body = node.parent;
    while (body != null && body.type !== 'ClassBody') body = body.parent;
  } else if (object.type === 'Identifier') {
    const def = findVariable(context, object)?.defs[0];
    if (def?.type === 'ClassName') body = (def.node as TSESTree.ClassDeclaration).body;
  }
  if (body?.type !== 'ClassBody') return false;
  return body.body.some((element) =>
    element.type === 'PropertyDefinition' && element.readonly && staticKeyName(element) === name && element.value !== null && isConstantString(context, element.value));
}

const UPPER_CASE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{2,}[0-9]*$/;
const PASCAL_CASE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/;

/**
 * A constant of another module, by naming convention: `USERS_TABLE`, `TABLES.users` (an
 * UPPER_CASE import), `OrderStatus.Paid` or `TableType.VIEW` (a member of an imported enum-like
 * PascalCase object).
 */
function isImportedConstant(context: AnalysisContext, node: Node): boolean {
  const start = skipWrappers(node);
  let root = start;
  while (root.type === 'MemberExpression' && !root.computed) root = skipWrappers(root.object);
  if (root.type !== 'Identifier') return false;
  const enumMember = start.type === 'MemberExpression' && !start.computed && skipWrappers(start.object) === root && PASCAL_CASE.test(root.name) && /^[A-Z]/.test(staticPropertyName(start) ?? '');
  if (!UPPER_CASE.test(root.name) && !enumMember) return false;
  const def = findVariable(context, root)?.defs[0];
  if (def?.type === 'ImportBinding') return true;
  // const { TABLES } = require('./constants')
  if (def?.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  const loaded = init === null ? undefined : skipWrappers(init);
  return loaded?.type === 'CallExpression' && loaded.callee.type === 'Identifier' && loaded.callee.name === 'require';
}

/**
 * `${param(value)}` where a local helper returns only placeholders (`values.push(v); return
 * `$${values.length}``): a call to a function of this file whose every return is SQL-safe text.
 */
const checking = new Set<Node>();

function returnsSafeText(context: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const fn = localFunction(context, call.callee);
  if (fn === undefined || checking.has(fn) || checking.size > 2) return false;
  checking.add(fn);
  try {
    const returned = returnedExpressions(fn);
    return returned.length > 0 && returned.every((expression) => stringParts(context, expression).dynamicParts.every((part) => isSafeInSql(context, part)));
  } finally {
    checking.delete(fn);
  }
}

/**
 * The environment variable a part reads (`process.env.SCHEMA`, or a local initialised from
 * one, defaults allowed): input of the deployment rather than of the request, but input.
 */
export function findEnvSource(context: AnalysisContext, raw: Node, depth = 0): Node | undefined {
  const node = skipWrappers(raw);
  if (depth > 3) return undefined;
  switch (node.type) {
    case 'MemberExpression': {
      const resolved = resolveReference(context, node);
      return resolved !== undefined && resolved.startsWith('process.env') ? node : undefined;
    }
    case 'LogicalExpression':
      return findEnvSource(context, node.left, depth + 1) ?? findEnvSource(context, node.right, depth + 1);
    case 'Identifier': {
      const variable = findVariable(context, node);
      const declarator = variable === undefined ? undefined : singleDeclarator(variable);
      return declarator?.init != null && declarator.id.type === 'Identifier' ? findEnvSource(context, declarator.init, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}
