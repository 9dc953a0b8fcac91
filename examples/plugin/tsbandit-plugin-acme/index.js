// An example third-party rule plugin for tsbandit (see docs/writing-rules.md).
// ACME's in-house database client sends `rawQuery(sql)` text straight to the server;
// this rule flags SQL built from non-constant values passed to it.
import { defineRule, findInputSource, resolveCallee, stringParts, argumentAt } from 'tsbandit';

/** `@acme/db` functions whose first argument is SQL text. */
const RAW_SQL_CALLS = new Set(['@acme/db.rawQuery', '@acme/db.rawExecute']);

const rawQueryInjection = defineRule({
  id: 'ACME201',
  name: 'acme-raw-query-injection',
  title: 'SQL built from non-constant values passed to @acme/db rawQuery',
  cwe: [89],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    builtSql: '`{{callee}}` receives SQL built from non-constant values; use `query(sql, params)` with placeholders.',
  },
  // Options are checked against this schema when a config sets them (rules.ACME201.options).
  schema: {
    type: 'object',
    properties: {
      extraFunctions: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'More `@acme/db` exports that take raw SQL text as their first argument, e.g. `unsafeBatch`.',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { extraFunctions: [] },
  docs: {
    why: 'rawQuery sends its text to the database unmodified: values pasted into it can end the literal and run any SQL.',
    fix: 'Call `query` with `?` placeholders and a parameter array.',
    examples: {
      flagged: "import { rawQuery } from '@acme/db';\nexport const byName = (name: string) => rawQuery(\"SELECT * FROM staff WHERE name = '\" + name + \"'\");",
      safe: "import { query } from '@acme/db';\nexport const byName = (name: string) => query('SELECT * FROM staff WHERE name = ?', [name]);",
    },
  },
  create(context) {
    const sinks = new Set([...RAW_SQL_CALLS, ...context.options.extraFunctions.map((name) => `@acme/db.${name}`)]);
    return {
      CallExpression(node) {
        const callee = resolveCallee(context, node);
        if (callee === undefined || !sinks.has(callee)) return;
        const sql = argumentAt(node, 0);
        if (sql === undefined) return;
        const { dynamicParts } = stringParts(context, sql);
        if (dynamicParts.length === 0) return;
        const fromInput = dynamicParts.some((part) => findInputSource(context, part) !== undefined);
        context.report({ node: sql, messageId: 'builtSql', data: { callee }, confidence: fromInput ? 'high' : undefined });
      },
    };
  },
});

export const rules = [rawQueryInjection];
export default { rules };
