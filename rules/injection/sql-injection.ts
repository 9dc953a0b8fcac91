import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, findTaintFlow, stringParts } from '../../src/analysis/index.js';

/**
 * Methods that send their first argument to a database as SQL text, across mysql/mysql2, pg,
 * sqlite3/better-sqlite3, Sequelize, Knex, TypeORM, Prisma's unsafe variants and postgres.js.
 * Receivers (pools, clients, connections) are run-time values the analysis cannot resolve,
 * so the method name is the signal and the SQL shape of the text is the evidence.
 */
const SQL_TEXT_METHODS = new Set([
  'query', 'execute', 'exec', 'raw', 'prepare', 'run', 'all', 'get', 'each',
  '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe',
  'whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', 'selectRaw', 'literal',
]);

/** Text that reads as SQL: a statement keyword followed by its usual companion. */
const SQL_SHAPE = /\b(select\b[\s\S]*\bfrom|insert\s+into|update\b[\s\S]*\bset|delete\s+from|replace\s+into|merge\s+into|create\s+(table|view|index)|drop\s+(table|view|index|database)|alter\s+table|truncate\s+table|\swhere\s+[\w."`\[]+\s*(=|<|>|!|like\b|in\b|is\b|between\b)|order\s+by|group\s+by|values\s*\()/i;
/** Fragments passed to knex/Sequelize raw helpers are SQL whatever they look like. */
const RAW_FRAGMENT_METHODS = new Set(['whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', 'selectRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe', 'raw', 'literal']);

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
    why: 'When values are pasted into SQL text, a quote in the value ends the literal and the rest is parsed as SQL: an attacker can read or change any table the connection can reach. Escaping by hand misses cases (numbers, identifiers, multi-byte encodings).',
    fix: 'Keep the SQL text constant and pass values separately: `db.query("SELECT * FROM users WHERE id = $1", [id])`, knex `whereRaw("id = ?", [id])`, Prisma `$queryRaw` tagged templates. Identifiers (columns, sort order) must come from an allow-list.',
    examples: {
      flagged: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function findUser(email: string) {\n  return pool.query("SELECT * FROM users WHERE email = '" + email + "'");\n}`,
      safe: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function findUser(email: string) {\n  return pool.query('SELECT * FROM users WHERE email = $1', [email]);\n}`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html'],
    sources: ['bandit:B608', 'njsscan:node_sqli_injection'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const method = calleeWrittenName(node);
        if (method === undefined || !SQL_TEXT_METHODS.has(method)) return;
        const sql = argumentAt(node, 0);
        if (sql === undefined) return;
        const parts = stringParts(context, sql);
        if (parts.dynamicParts.length === 0) return;
        const flow = parts.dynamicParts.map((part) => findTaintFlow(context, part)).find((found) => found !== undefined);
        const fromInput = flow !== undefined;
        if (RAW_FRAGMENT_METHODS.has(method)) {
          // Raw fragments are SQL whatever they look like; passed whole, they matter when they visibly come from input.
          if (!parts.isBuilt && !fromInput) return;
        } else if (!parts.isBuilt || !SQL_SHAPE.test(parts.constantText)) {
          return;
        }
        context.report({ node: sql, messageId: 'builtSql', data: { method }, confidence: fromInput ? 'high' : undefined, flow });
      },
    };
  },
});
