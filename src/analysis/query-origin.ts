import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticKeyName, staticPropertyName } from './ast.js';
import { resolveReference } from './callee.js';
import { mayBindName } from './file-text.js';
import { findVariable, type AnalysisContext } from './scope.js';
import { ensureParents, isFunction } from './taint/tree.js';
import { getTypeServices } from '../types/services.js';

/**
 * Database client libraries, by module specifier or prefix (`mysql2/promise`,
 * `drizzle-orm/node-postgres`), and the family a finding names.
 */
const DATABASE_MODULES: readonly (readonly [string, string])[] = [
  ['pg', 'pg'], ['pg-pool', 'pg'], ['pg-promise', 'pg-promise'], ['postgres', 'postgres'], ['@neondatabase/serverless', 'pg'],
  ['@vercel/postgres', 'pg'], ['@databases/pg', 'pg'], ['@databases/mysql', 'mysql'], ['@databases/sqlite', 'sqlite'],
  ['mysql', 'mysql'], ['mysql2', 'mysql2'], ['mariadb', 'mariadb'], ['@planetscale/database', 'mysql'],
  ['sqlite3', 'sqlite3'], ['sqlite', 'sqlite'], ['better-sqlite3', 'better-sqlite3'], ['sql.js', 'sqlite'], ['@libsql/client', 'sqlite'],
  ['node:sqlite', 'sqlite'], ['bun:sqlite', 'sqlite'], ['expo-sqlite', 'sqlite'], ['react-native-sqlite-storage', 'sqlite'],
  ['mssql', 'mssql'], ['tedious', 'mssql'], ['oracledb', 'oracledb'], ['ibm_db', 'db2'], ['snowflake-sdk', 'snowflake'],
  ['@google-cloud/bigquery', 'bigquery'], ['duckdb', 'duckdb'], ['@clickhouse/client', 'clickhouse'],
  ['sequelize', 'sequelize'], ['sequelize-typescript', 'sequelize'], ['@sequelize/core', 'sequelize'],
  ['knex', 'knex'], ['objection', 'knex'], ['bookshelf', 'knex'], ['@nestjs/knex', 'knex'], ['nestjs-knex', 'knex'],
  ['typeorm', 'typeorm'], ['@nestjs/typeorm', 'typeorm'],
  ['@prisma/client', 'prisma'], ['.prisma/client', 'prisma'],
  ['drizzle-orm', 'drizzle'], ['kysely', 'kysely'], ['slonik', 'slonik'], ['slonik-sql-tag-raw', 'slonik'],
  ['@mikro-orm/core', 'mikro-orm'], ['@mikro-orm/postgresql', 'mikro-orm'], ['@mikro-orm/mysql', 'mikro-orm'],
  ['@mikro-orm/sqlite', 'mikro-orm'], ['@mikro-orm/knex', 'mikro-orm'], ['@mikro-orm/nestjs', 'mikro-orm'],
];

/** MongoDB drivers and ODMs. */
const MONGO_MODULES: readonly (readonly [string, string])[] = [
  ['mongoose', 'mongoose'], ['@nestjs/mongoose', 'mongoose'], ['@typegoose/typegoose', 'mongoose'], ['mongodb', 'mongodb'],
  ['mongojs', 'mongodb'], ['monk', 'mongodb'],
];

/** Modules whose `query`/`exec`/`get`/`find` are not database calls: a match on the method name alone is wrong there. */
const UNRELATED_MODULES = [
  'child_process', 'shelljs', 'execa', 'zx', 'redis', 'ioredis', 'axios', 'node-fetch', 'got', 'superagent', 'supertest', 'undici',
  'graphql', '@apollo/client', 'apollo-server', '@apollo/server', 'urql', '@urql/core', 'graphql-request', '@elastic/elasticsearch',
  'elasticsearch', '@opensearch-project/opensearch', 'lunr', 'fuse.js', 'algoliasearch', 'meilisearch', 'express', 'koa', 'fastify',
  '@tanstack/react-query', '@tanstack/query-core', 'swr', 'jquery', 'lodash', 'underscore', 'ramda', 'fs', 'fs/promises', 'path',
  'hono', 'lit', 'lit-html', 'htm', 'common-tags',
];

/** What a receiver value is, as far as the code shows. */
export type QueryOrigin =
  | { readonly kind: 'sql'; readonly library: string }
  | { readonly kind: 'mongo'; readonly library: string }
  /** A value from a module known not to run queries (an HTTP client, a shell, GraphQL...). */
  | { readonly kind: 'unrelated'; readonly module: string };

const MAX_DEPTH = 10;

/** The library a resolved module path (`pg.Pool`, `mysql2/promise.createPool`, `@prisma/client.Prisma.raw`) belongs to. */
export function originOfPath(path: string): QueryOrigin | undefined {
  const matches = (module: string): boolean => path === module || path.startsWith(`${module}.`) || path.startsWith(`${module}/`);
  for (const [module, library] of DATABASE_MODULES) if (matches(module)) return { kind: 'sql', library };
  for (const [module, library] of MONGO_MODULES) if (matches(module)) return { kind: 'mongo', library };
  // Prisma's generated client may live in the project (`output = "../src/generated/prisma"`).
  if (/(^|\/)(generated\/)?prisma(\/client)?(\.|$)/.test(path) && path.startsWith('.')) return { kind: 'sql', library: 'prisma' };
  for (const module of UNRELATED_MODULES) if (matches(module)) return { kind: 'unrelated', module };
  return undefined;
}

const cache = new WeakMap<Node, QueryOrigin | null>();

/**
 * Which database library a value (a pool, client, connection, transaction, repository, query
 * builder, model) comes from: through imports and `require`, `new`/factory calls on the
 * library (`new Pool()`, `mysql.createPool()`, `knex(config)`), method results on such values
 * (`pool.getConnection()`, `repo.createQueryBuilder()`, `db.collection('users')`), `await`,
 * type annotations naming a library type (`client: PoolClient`, `Repository<User>`), class
 * fields (`this.pool`) and callback parameters of library calls (`knex.transaction(trx => …)`).
 * Undefined when the code does not show it (a value imported from a local module, a parameter
 * without a library type).
 */
export function queryOrigin(context: AnalysisContext, node: Node): QueryOrigin | undefined {
  return origin(context, node, 0) ?? typedOrigin(context, node);
}

/**
 * Type-aware mode (src/types): the package that declares the value's type (`pg` for a `Pool`
 * received as a plain parameter, `ioredis` for a Redis client), when the code alone does not show it.
 */
function typedOrigin(context: AnalysisContext, raw: Node): QueryOrigin | undefined {
  const types = getTypeServices(context);
  if (types === undefined) return undefined;
  const node = skipWrappers(raw);
  const pkg = types.typePackage(node.type === 'MemberExpression' ? node.object : node);
  return pkg === undefined ? undefined : originOfPath(pkg);
}

function origin(context: AnalysisContext, raw: Node | null | undefined, depth: number): QueryOrigin | undefined {
  if (raw === null || raw === undefined || depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(raw);
  const cached = cache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  cache.set(node, null); // cycles: `let db = db2; db2 = db`
  const result = compute(context, node, depth + 1);
  cache.set(node, result ?? null);
  return result;
}

function fromPath(context: AnalysisContext, node: Node): QueryOrigin | undefined {
  const path = resolveReference(context, node);
  return path === undefined ? undefined : originOfPath(path);
}

function compute(context: AnalysisContext, node: Node, depth: number): QueryOrigin | undefined {
  switch (node.type) {
    case 'Identifier':
      return fromPath(context, node) ?? identifier(context, node, depth);
    case 'MemberExpression': {
      const resolved = fromPath(context, node);
      if (resolved !== undefined) return resolved;
      if (skipWrappers(node.object).type === 'ThisExpression') return classMember(context, node, depth);
      // prisma.user, db.sequelize, knex.schema: a property of a library value belongs to it.
      return origin(context, node.object, depth);
    }
    case 'CallExpression':
    case 'NewExpression': {
      const resolved = fromPath(context, node) ?? fromPath(context, node.callee);
      if (resolved !== undefined) return resolved;
      const callee = skipWrappers(node.callee);
      // pool.getConnection(), knex('users').where(...), repo.createQueryBuilder(): results stay in the library.
      // this.db('users') calls a property holding a library value.
      if (callee.type === 'MemberExpression') return origin(context, callee.object, depth) ?? (skipWrappers(callee.object).type === 'ThisExpression' ? origin(context, callee, depth) : undefined);
      // knex('users'), postgres(url), pgp(cn), require('better-sqlite3')('app.db'): calling a library value.
      if (callee.type === 'CallExpression' || callee.type === 'Identifier') return origin(context, callee, depth);
      return undefined;
    }
    case 'AwaitExpression':
      return origin(context, node.argument, depth);
    case 'ConditionalExpression':
      return origin(context, node.consequent, depth) ?? origin(context, node.alternate, depth);
    case 'LogicalExpression':
      return origin(context, node.left, depth) ?? origin(context, node.right, depth);
    default:
      return undefined;
  }
}

function identifier(context: AnalysisContext, node: TSESTree.Identifier, depth: number): QueryOrigin | undefined {
  const variable = findVariable(context, node);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined) return undefined;
  const name = def.name as TSESTree.Identifier;
  const typed = typeOrigin(context, name.typeAnnotation?.typeAnnotation);
  if (typed !== undefined) return typed;
  if (def.type === 'Parameter') return parameter(context, def.node as Node, name, depth);
  if (def.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const fromInit = origin(context, declarator.init, depth);
  if (fromInit !== undefined) return fromInit;
  // let client; try { client = await pool.connect(); ... }
  for (const reference of variable.references) {
    if (reference.init === true || !reference.isWrite() || reference.writeExpr == null) continue;
    const written = origin(context, reference.writeExpr as Node, depth);
    if (written !== undefined) return written;
  }
  return undefined;
}

/** `(trx) => …` passed to `knex.transaction(…)`, `pool.connect((err, client) => …)`, `new Brackets((qb) => …)`. */
function parameter(context: AnalysisContext, fn: Node, name: TSESTree.Identifier, depth: number): QueryOrigin | undefined {
  ensureParents(context.sourceCode.ast);
  // A parameter property or a parameter with a default: `constructor(private db = new Pool())`.
  const holder = name.parent;
  if (holder?.type === 'AssignmentPattern' && holder.left === name) {
    const fromDefault = origin(context, holder.right, depth);
    if (fromDefault !== undefined) return fromDefault;
  }
  if (!isFunction(fn)) return undefined;
  const call = fn.parent;
  if ((call?.type !== 'CallExpression' && call?.type !== 'NewExpression') || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type === 'MemberExpression') return origin(context, callee.object, depth) ?? fromPath(context, callee);
  return fromPath(context, callee);
}

/** The library a type names: `PoolClient` imported from `pg`, `Knex.Transaction`, `Repository<User> | undefined`. */
export function typeOrigin(context: AnalysisContext, type: Node | undefined): QueryOrigin | undefined {
  if (type === undefined) return undefined;
  switch (type.type) {
    case 'TSTypeReference': {
      let name: Node = type.typeName;
      while (name.type === 'TSQualifiedName') name = name.left;
      return name.type === 'Identifier' ? fromPath(context, name) : undefined;
    }
    case 'TSUnionType':
    case 'TSIntersectionType':
      for (const member of type.types) {
        const found = typeOrigin(context, member);
        if (found !== undefined) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** `this.pool`: the class field, constructor parameter property or constructor assignment that defines it. */
function classMember(context: AnalysisContext, member: TSESTree.MemberExpression, depth: number): QueryOrigin | undefined {
  const name = staticPropertyName(member);
  if (name === undefined) return undefined;
  ensureParents(context.sourceCode.ast);
  let body: Node | undefined = member.parent;
  while (body != null && body.type !== 'ClassBody') body = body.parent;
  if (body?.type !== 'ClassBody') return undefined;
  for (const element of body.body) {
    if ((element.type === 'PropertyDefinition' || element.type === 'AccessorProperty') && staticKeyName(element as TSESTree.PropertyDefinition) === name) {
      const found = typeOrigin(context, element.typeAnnotation?.typeAnnotation) ?? origin(context, element.value, depth);
      if (found !== undefined) return found;
    }
    if (element.type !== 'MethodDefinition' || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      if (param.type !== 'TSParameterProperty') continue;
      const inner = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
      if (inner.type !== 'Identifier' || inner.name !== name) continue;
      const found = typeOrigin(context, inner.typeAnnotation?.typeAnnotation) ?? (param.parameter.type === 'AssignmentPattern' ? origin(context, param.parameter.right, depth) : undefined);
      if (found !== undefined) return found;
    }
    // constructor() { this.pool = mysql.createPool(config); }
    for (const statement of element.value.body?.body ?? []) {
      if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') continue;
      const target = statement.expression.left;
      if (target.type !== 'MemberExpression' || target.object.type !== 'ThisExpression' || staticPropertyName(target) !== name) continue;
      const found = origin(context, statement.expression.right, depth);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Query-builder factories: a chain starting at one of these takes SQL fragments in `where`/`orderBy`. */
const QUERY_BUILDER_FACTORIES = new Set(['createQueryBuilder', 'getQueryBuilder', 'subQuery']);
const BRACKETS = new Set(['Brackets', 'NotBrackets']);

/**
 * True when a value is a TypeORM/MikroORM query builder: a chain from `createQueryBuilder()`
 * (through locals and reassignments), a parameter typed `SelectQueryBuilder<T>`, or the
 * callback parameter of `new Brackets((qb) => …)` and of `.subQuery()`-style helpers.
 */
export function isQueryBuilder(context: AnalysisContext, node: Node): boolean {
  return builder(context, node, 0);
}

function builder(context: AnalysisContext, raw: Node | null | undefined, depth: number): boolean {
  if (raw === null || raw === undefined || depth > MAX_DEPTH) return false;
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'AwaitExpression':
      return builder(context, node.argument, depth + 1);
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      if (callee.type !== 'MemberExpression') return false;
      const method = staticPropertyName(callee);
      return (method !== undefined && QUERY_BUILDER_FACTORIES.has(method)) || builder(context, callee.object, depth + 1);
    }
    case 'Identifier': {
      const variable = findVariable(context, node);
      const def = variable?.defs[0];
      if (variable === undefined || def === undefined) return false;
      const name = def.name as TSESTree.Identifier;
      const type = name.typeAnnotation?.typeAnnotation;
      if (type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && /QueryBuilder$|^WhereExpressionBuilder$/.test(type.typeName.name)) return true;
      if (def.type === 'Parameter') {
        ensureParents(context.sourceCode.ast);
        const fn = def.node as Node;
        const call = fn.parent;
        if (call?.type === 'NewExpression' && call.callee.type === 'Identifier' && BRACKETS.has(call.callee.name)) return true;
        if (call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && staticPropertyName(call.callee) === 'subQuery') return true;
        return false;
      }
      if (def.type !== 'Variable') return false;
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.id.type === 'Identifier' && builder(context, declarator.init, depth + 1)) return true;
      return variable.references.some((r) => r.init !== true && r.isWrite() && r.writeExpr != null && builder(context, r.writeExpr as Node, depth + 1));
    }
    default:
      return false;
  }
}

/** `db.prepare(sql).get(id)`, `const stmt = await db.prepare(sql); stmt.all(x)`: a statement whose methods take bound values, not SQL. */
export function isPreparedStatement(context: AnalysisContext, raw: Node): boolean {
  let node = skipWrappers(raw);
  if (node.type === 'Identifier') {
    const variable = findVariable(context, node);
    const def = variable?.defs[0];
    if (def?.type !== 'Variable') return false;
    const init = (def.node as TSESTree.VariableDeclarator).init;
    if (init === null) return false;
    node = skipWrappers(init);
  }
  if (node.type === 'AwaitExpression') node = skipWrappers(node.argument);
  if (node.type !== 'CallExpression') return false;
  const callee = skipWrappers(node.callee);
  return callee.type === 'MemberExpression' && staticPropertyName(callee) === 'prepare';
}

/**
 * The method a local function alias stands for: `const queryAsync = promisify(pool.query).bind(pool)`,
 * `const run = db.run.bind(db)`, `const query = util.promisify(conn.query)` give `pool.query`,
 * `db.run`, `conn.query`. Undefined when the callee is not such an alias.
 */
export function aliasedMethod(context: AnalysisContext, callee: Node): TSESTree.MemberExpression | undefined {
  let node = skipWrappers(callee);
  for (let depth = 0; depth < 6; depth++) {
    switch (node.type) {
      case 'MemberExpression':
        return depth === 0 ? undefined : node;
      case 'CallExpression': {
        const inner = skipWrappers(node.callee);
        const first = node.arguments[0];
        if (inner.type === 'MemberExpression' && staticPropertyName(inner) === 'bind') {
          node = skipWrappers(inner.object);
        } else if (first !== undefined && first.type !== 'SpreadElement' && resolveReference(context, inner) === 'util.promisify') {
          node = skipWrappers(first);
        } else {
          return undefined;
        }
        break;
      }
      case 'Identifier': {
        // Only a declared variable with an initialiser can be an alias: its name is written before `=` or `:`.
        if (!mayBindName(context, node.name)) return undefined;
        const variable = findVariable(context, node);
        const def = variable?.defs[0];
        if (def?.type !== 'Variable' || variable!.defs.length !== 1) return undefined;
        const declarator = def.node as TSESTree.VariableDeclarator;
        if (declarator.id.type !== 'Identifier' || declarator.init === null || !variable!.references.every((r) => r.init === true || !r.isWrite())) return undefined;
        node = skipWrappers(declarator.init);
        break;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}
