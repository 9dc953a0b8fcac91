import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Confidence } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, findTaintFlow, findVariable, isGlobalReference, localFunction, resolveCalleeAmong, skipWrappers, staticPropertyName, type TaintFlow } from '../../src/analysis/index.js';
import { aliasedMethod, isPreparedStatement, isQueryBuilder, queryOrigin } from '../../src/analysis/query-origin.js';
import { findEnvSource, queryTextArgument, sqlTextParts } from '../../src/analysis/sql-text.js';
import { ensureParents, isFunction, returnedExpressions } from '../../src/analysis/taint/tree.js';
import { configuredSinkHit } from '../../src/analysis/extensions.js';

/**
 * How a method takes SQL text:
 * - `sql`: only ever SQL (`raw`, `whereRaw`, `$queryRawUnsafe`, `unsafe`): no further evidence needed;
 * - `statement`: a whole statement (`query`, `execute`, `prepare`): when the receiver's library is
 *   not resolved, the text must also read as SQL;
 * - `statementOrValues`: a statement on a database, bound values on a prepared statement
 *   (`get`, `all`, `run`, `each`): the text must read as SQL, and prepared statements are skipped;
 * - `builder`: a TypeORM/MikroORM query-builder clause, only on a query-builder chain.
 */
type SinkKind = 'sql' | 'statement' | 'statementOrValues' | 'builder';
interface Sink {
  readonly kind: SinkKind;
  /** Index of the SQL argument. */
  readonly argument: number;
  /** Keys of a config object carrying the SQL instead of a string (`client.query({ text })`). */
  readonly keys?: readonly string[];
  /** Only these libraries have the method, when the receiver is resolved. */
  readonly libraries?: ReadonlySet<string>;
}

const statement = (keys: readonly string[] = [], libraries?: ReadonlySet<string>): Sink => ({ kind: 'statement', argument: 0, keys, ...(libraries ? { libraries } : {}) });
const sqlOnly: Sink = { kind: 'sql', argument: 0 };
const clause: Sink = { kind: 'builder', argument: 0 };
const joinCondition: Sink = { kind: 'builder', argument: 2 };
const PG_PROMISE = new Set(['pg-promise']);
const WRAPPER = statement();

/** Query methods across pg, mysql/mysql2, sqlite3, better-sqlite3, mssql, oracledb, Sequelize, knex, TypeORM, Prisma, drizzle, postgres.js, slonik and pg-promise. */
const SQL_SINKS: ReadonlyMap<string, Sink> = new Map<string, Sink>([
  ['query', statement(['text', 'sql'])],
  ['execute', statement(['sql'])],
  ['exec', statement()],
  ['prepare', statement()],
  ['batch', statement()],
  ['executeMany', statement()],
  ['queryStream', statement()],
  ['executeSql', statement()],
  ['executeQuery', statement()],
  ['queryRaw', statement()],
  ['run', { kind: 'statementOrValues', argument: 0 }],
  ['all', { kind: 'statementOrValues', argument: 0 }],
  ['get', { kind: 'statementOrValues', argument: 0 }],
  ['each', { kind: 'statementOrValues', argument: 0 }],
  // pg-promise
  ...['any', 'one', 'none', 'many', 'oneOrNone', 'manyOrNone', 'multi', 'multiResult', 'result'].map((name): [string, Sink] => [name, statement([], PG_PROMISE)]),
  // Raw fragments and unsafe statements: SQL whatever they look like.
  ['raw', sqlOnly],
  ['unsafe', sqlOnly],
  ['literal', sqlOnly],
  ['$queryRawUnsafe', sqlOnly],
  ['$executeRawUnsafe', sqlOnly],
  ['$queryRaw', sqlOnly],
  ['$executeRaw', sqlOnly],
  ...['whereRaw', 'orWhereRaw', 'andWhereRaw', 'whereNotRaw', 'havingRaw', 'orHavingRaw', 'andHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', 'selectRaw', 'onRaw'].map((name): [string, Sink] => [name, sqlOnly]),
  // TypeORM/MikroORM query builders: string conditions are pasted into the SQL.
  ...['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'addOrderBy', 'groupBy', 'addGroupBy', 'select', 'addSelect'].map((name): [string, Sink] => [name, clause]),
  ...['innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect', 'innerJoinAndMapOne', 'innerJoinAndMapMany', 'leftJoinAndMapOne', 'leftJoinAndMapMany'].map((name): [string, Sink] => [name, joinCondition]),
]);

/**
 * Names applications give their own query helpers (`runQuery`, `executeSql`, `dbQuery`,
 * `queryAsync`): statements, matched by name, so the text must read as SQL.
 */
const WRAPPER_NAME = /^(run|exec|execute|do|db|perform|send|safe|sql|pg|mysql|sqlite)(Query|Sql|SQL|Statement)(Async|Promise)?$|^query(Async|Promise|Db|DB|Sql|SQL)$/;

/** TypeORM's `Raw((alias) => …)` find operator: the callback's text is pasted into the WHERE clause. */
const RAW_OPERATORS = new Set(['typeorm.Raw']);

/** Text that reads as SQL: a statement keyword followed by its usual companion. */
const SQL_SHAPE = new RegExp(
  [
    String.raw`\bselect\b[\s\S]*\bfrom\b`, String.raw`\binsert\s+(ignore\s+)?into\b`, String.raw`\bupdate\b[\s\S]*\bset\b`, String.raw`\bdelete\s+from\b`,
    String.raw`\b(replace|merge|upsert)\s+into\b`, String.raw`\bcreate\s+(or\s+replace\s+)?(temp(orary)?\s+)?(table|view|index|database|schema|user|role|function|procedure|trigger)\b`,
    String.raw`\bdrop\s+(table|view|index|database|schema|user|role|function|procedure|trigger)\b`, String.raw`\balter\s+(table|user|role|database)\b`,
    String.raw`\btruncate\s+(table\s+)?\w`, String.raw`(^|\s)where\s+[\w."\x60\[]+\s*(=|<|>|!|like\b|ilike\b|in\b|is\b|between\b)`, String.raw`\border\s+by\b`,
    String.raw`\bgroup\s+by\b`, String.raw`\bvalues\s*\(`, String.raw`\bcall\s+[\w.]+\s*\(`, String.raw`\bexec(ute)?\s+(sp_|usp_|dbo\.|[\w.\[\]]+\s+(@|N?'|\d))`, String.raw`\bpragma\s+\w`,
    String.raw`\bshow\s+(tables|databases|columns|index)\b`, String.raw`\bgrant\s+\w+[\s\S]*\bon\b`, String.raw`\bset\s+(search_path|schema|role)\b`, String.raw`\bwith\s+\w+\s+as\s*\(`,
  ].join('|'),
  'i',
);

/** Receivers that name a database handle, for fragment methods whose names other libraries use too. */
const DATABASE_HANDLE = /knex|db|trx|sql|prisma|sequelize|database|conn|client|pool|tx|transaction|query|builder|schema|repo|manager|qb/i;
/** Fragment methods named like helpers of HTML and template libraries (`html.raw`, hono's `raw()`). */
const LOOSE_FRAGMENT_METHODS = new Set(['raw', 'unsafe']);

/**
 * `raw(…)`/`x.unsafe(…)` whose library is not resolved and whose receiver does not name a
 * database handle: SQL only if the text reads as SQL (hono's `raw()` builds HTML).
 */
function isLooseFragmentCall(method: string, receiver: TSESTree.Node | undefined): boolean {
  if (!LOOSE_FRAGMENT_METHODS.has(method)) return false;
  if (receiver === undefined) return true;
  const object = skipWrappers(receiver);
  const name = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? (staticPropertyName(object) ?? '') : object.type === 'CallExpression' ? 'query' : '';
  return !DATABASE_HANDLE.test(name);
}

/** An argument `check` looks further at: not a literal, a fixed template, a function or a spread. */
function mayHoldBuiltText(argument: TSESTree.Node): boolean {
  if (argument.type === 'SpreadElement') return false;
  const written = skipWrappers(argument);
  return written.type !== 'Literal' && !(written.type === 'TemplateLiteral' && written.expressions.length === 0) && !isFunction(written);
}

/** A call's SQL sink: its (or its alias's) method name, the sink, and the callee whose receiver says which library it is. */
interface SinkCall {
  readonly name: string;
  readonly sink: Sink;
  readonly callee: TSESTree.Node;
}

/**
 * Confidence: high when a part visibly comes from request, URL, argv or environment input,
 * medium when it is merely non-constant; one level lower when the receiver's library is not
 * resolved and only the method name matched.
 */
const lower = (confidence: Confidence): Confidence => (confidence === 'high' ? 'medium' : 'low');

export default defineRule({
  id: 'TSB201',
  name: 'sql-injection',
  title: 'SQL text built by concatenation or template literal passed to a query call',
  cwe: [89],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    builtSql: '`{{method}}` receives SQL text built from non-constant values; pass them as query parameters (placeholders) instead.',
  },
  docs: {
    why: 'When values are pasted into SQL text, a quote in the value ends the literal and the rest is parsed as SQL: an attacker can read or change any table the connection can reach. Escaping by hand misses cases (numbers, identifiers, multi-byte encodings). Raw fragments (`knex.raw`, `whereRaw`, `sequelize.literal`, `Prisma.raw`, `sql.raw`, `sql.unsafe`, `$queryRawUnsafe`) and TypeORM query-builder conditions are pasted into the statement as written, so they count as SQL text too.',
    fix: 'Keep the SQL text constant and pass values separately: `db.query("SELECT * FROM users WHERE id = $1", [id])`, knex `whereRaw("id = ?", [id])`, TypeORM `.where("u.id = :id", { id })`, Prisma `$queryRaw` tagged templates, postgres.js/slonik/drizzle `sql` tagged templates. Identifiers (columns, sort order) must come from an allow-list.',
    examples: {
      flagged: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function findUser(email: string) {\n  return pool.query("SELECT * FROM users WHERE email = '" + email + "'");\n}`,
      safe: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function findUser(email: string) {\n  return pool.query('SELECT * FROM users WHERE email = $1', [email]);\n}`,
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
    ],
    sources: ['bandit:B608', 'njsscan:node_sqli_injection'],
  },
  create(context) {
    /** Where input enters one of the parts: request, URL or argv data (taint), else the environment. */
    const inputFlow = (parts: readonly TSESTree.Node[]): TaintFlow | undefined => {
      for (const part of parts) {
        const flow = findTaintFlow(context, part);
        if (flow !== undefined) return flow;
      }
      for (const part of parts) {
        const env = findEnvSource(context, part);
        if (env !== undefined) return { steps: [{ node: env, label: context.sourceCode.getText(env) }] };
      }
      return undefined;
    };

    /** TypeORM `Raw((alias) => `${alias} > '${date}'`)`: everything but the alias is pasted as is. */
    const rawOperator = (node: TSESTree.CallExpression): void => {
      const callback = argumentAt(node, 0);
      if (!isFunction(callback)) return;
      const alias = callback.params[0];
      for (const returned of returnedExpressions(callback)) {
        const parts = sqlTextParts(context, returned).dynamicParts.filter((part) => !(alias?.type === 'Identifier' && part.type === 'Identifier' && part.name === alias.name));
        if (parts.length === 0) continue;
        const flow = inputFlow(parts);
        context.report({ node: returned, messageId: 'builtSql', data: { method: 'Raw' }, confidence: flow ? 'high' : 'medium', flow });
      }
    };

    /** The SQL sink a call reaches: by its method name, through a local alias (`queryAsync = promisify(pool.query).bind(pool)`), or a helper's name. */
    const sinkOf = (node: TSESTree.CallExpression, method: string): SinkCall | undefined => {
      // An alias matters only for an argument that can hold built text (`check` skips the rest).
      const alias = SQL_SINKS.has(method) || !node.arguments.some(mayHoldBuiltText) ? undefined : aliasedMethod(context, node.callee);
      const name = alias === undefined ? method : staticPropertyName(alias);
      const sink = name === undefined ? undefined : (SQL_SINKS.get(name) ?? (WRAPPER_NAME.test(name) ? WRAPPER : undefined));
      return name === undefined || sink === undefined ? undefined : { name, sink, callee: alias ?? skipWrappers(node.callee) };
    };

    /**
     * `function fetchRows(text) { return db.query(text); }`: a local function handing one of its
     * parameters straight to a sink is a sink for that argument.
     */
    const forwardedSinks = (node: TSESTree.CallExpression): { readonly index: number; readonly target: SinkCall }[] => {
      const fn = localFunction(context, node.callee);
      if (fn === undefined) return [];
      ensureParents(context.sourceCode.ast);
      const found: { index: number; target: SinkCall }[] = [];
      fn.params.forEach((raw, index) => {
        const param = raw.type === 'AssignmentPattern' ? raw.left : raw;
        if (param.type !== 'Identifier' || node.arguments[index] === undefined) return;
        for (const reference of findVariable(context, param)?.references ?? []) {
          const inner = reference.identifier.parent;
          if (inner?.type !== 'CallExpression' || inner === node) continue;
          const innerMethod = calleeWrittenName(inner);
          const target = innerMethod === undefined ? undefined : sinkOf(inner, innerMethod);
          if (target !== undefined && inner.arguments[target.sink.argument] === reference.identifier) {
            found.push({ index, target });
            break;
          }
        }
      });
      return found;
    };

    /** Reports the SQL text `argument` of a call reaching `target`, when it is built from non-constant values. */
    const check = (method: string, target: SinkCall, argument: TSESTree.Node | undefined): void => {
      const { name: sinkName, sink, callee } = target;
      // Literals and fixed templates need no further question (and no scope analysis).
      if (argument === undefined || !mayHoldBuiltText(argument)) return;
      const written = skipWrappers(argument);
      const receiver = callee.type === 'MemberExpression' ? callee.object : undefined;
      const origin = queryOrigin(context, callee);
      if (origin !== undefined && origin.kind !== 'sql') return;
      if (origin !== undefined && sink.libraries !== undefined && !sink.libraries.has(origin.library)) return;
      if (sink.kind === 'builder' && (receiver === undefined || !isQueryBuilder(context, receiver))) return;
      if (sink.kind === 'statementOrValues' && receiver !== undefined && isPreparedStatement(context, receiver)) return;
      // `literal` is also zod's and babel's: without the library resolved, only `sequelize.literal`/`Sequelize.literal`.
      if (sinkName === 'literal' && origin === undefined && (receiver === undefined || !/sequelize/i.test(context.sourceCode.getText(receiver)))) return;
      if (sinkName === 'raw' && receiver?.type === 'Identifier' && receiver.name === 'String' && isGlobalReference(context, receiver)) return;

      const keys = sinkName === 'query' && origin?.library === 'sequelize' ? ['query', ...(sink.keys ?? [])] : (sink.keys ?? []);
      const sql = queryTextArgument(context, written, keys);
      if (sql === undefined || skipWrappers(sql).type === 'ObjectExpression' || skipWrappers(sql).type === 'ArrayExpression') return;
      const text = sqlTextParts(context, sql);
      if (text.dynamicParts.length === 0) return;
      const resolved = origin !== undefined;
      const needsShape = sink.kind === 'statementOrValues' || (sink.kind === 'statement' && !resolved) || (!resolved && isLooseFragmentCall(sinkName, receiver));
      // The cheap checks first: taint is only asked once the call surely takes SQL text.
      if (needsShape && (!text.isBuilt || !SQL_SHAPE.test(text.constantText))) return;
      const flow = inputFlow(text.dynamicParts);
      // Passed along whole: a finding only when it visibly is input.
      if (!text.isBuilt && flow === undefined) return;
      const confidence: Confidence = flow !== undefined ? 'high' : 'medium';
      context.report({ node: sql, messageId: 'builtSql', data: { method }, confidence: resolved ? confidence : lower(confidence), flow });
    };

    return {
      CallExpression(node) {
        // SQL sinks of the config's `analysis.sinks` (kind: sql).
        const configured = configuredSinkHit(context, node, 'sql', findTaintFlow);
        if (configured !== undefined) {
          if (configured !== null) context.report({ node: configured.argument, messageId: 'builtSql', data: { method: configured.callee }, confidence: configured.flow ? 'high' : 'medium', flow: configured.flow });
          return;
        }
        const method = calleeWrittenName(node);
        if (method === undefined) return;
        if (method === 'Raw' && resolveCalleeAmong(context, node, RAW_OPERATORS) !== undefined) {
          rawOperator(node);
          return;
        }
        const target = sinkOf(node, method);
        if (target !== undefined) {
          check(method, target, node.arguments[target.sink.argument]);
          return;
        }
        // Only built text can make a finding here: skip the helper lookup for plain arguments.
        if (skipWrappers(node.callee).type !== 'Identifier' || !node.arguments.some((a) => a.type === 'TemplateLiteral' || a.type === 'BinaryExpression' || a.type === 'Identifier')) return;
        for (const { index, target: forwarded } of forwardedSinks(node)) check(method, forwarded, node.arguments[index]);
      },
    };
  },
});
