import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Confidence } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, findTaintFlow, skipWrappers, staticKeyName, stringParts } from '../../src/analysis/index.js';
import { queryOrigin } from '../../src/analysis/query-origin.js';

/** Operators whose object carries JavaScript the server runs, and the keys holding the code. */
const CODE_OPERATORS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['$function', new Set(['body'])],
  ['$accumulator', new Set(['init', 'accumulate', 'merge', 'finalize'])],
]);
/** mapReduce's code, as arguments (`collection.mapReduce(map, reduce, options)`) or options keys (Mongoose `Model.mapReduce({ map, reduce })`). */
const MAP_REDUCE_KEYS = new Set(['map', 'reduce', 'finalize']);

export default defineRule({
  id: 'TSB202',
  name: 'nosql-javascript-injection',
  title: 'MongoDB server-side JavaScript ($where, $function, mapReduce) built from non-constant text',
  cwe: [943, 94],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.1,
  recommended: true,
  messages: {
    builtCode: '`{{operator}}` runs JavaScript built from non-constant values on the database server; use query operators (`$expr`, `$eq`, `$regex` with an escaped pattern) with the values as data.',
  },
  docs: {
    why: 'MongoDB evaluates `$where` strings, `$function`/`$accumulator` bodies and mapReduce functions as JavaScript on the server. A value pasted into that code can close the string it sits in and add its own conditions (`\' || \'1\'==\'1`), loop forever to deny service, or read other fields of every document.',
    fix: 'Express the condition with query operators (`{ name: value }`, `$expr`, `$gt`), or an aggregation pipeline, and pass values as data. Server-side JavaScript is disabled by `security.javascriptEnabled: false` on the server; keep it off.',
    examples: {
      flagged: `import express from 'express';\nimport { User } from './models/user';\nconst app = express();\napp.get('/users', async (req, res) => {\n  res.json(await User.find({ $where: "this.name == '" + req.query.name + "'" }));\n});`,
      safe: `import express from 'express';\nimport { User } from './models/user';\nconst app = express();\napp.get('/users', async (req, res) => {\n  res.json(await User.find({ name: String(req.query.name) }));\n});`,
    },
    references: [
      'https://www.mongodb.com/docs/manual/reference/operator/query/where/',
      'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection',
    ],
    sources: ['njsscan:node_nosqli_js_injection'],
  },
  create(context) {
    /** Reports code that is built here, or taken from input as a whole. */
    const check = (code: TSESTree.Node | undefined, operator: string, confidence: (fromInput: boolean) => Confidence): void => {
      if (code === undefined) return;
      const parts = stringParts(context, code);
      if (parts.dynamicParts.length === 0) return;
      const flow = parts.dynamicParts.map((part) => findTaintFlow(context, part)).find((found) => found !== undefined);
      if (!parts.isBuilt && flow === undefined) return;
      context.report({ node: code, messageId: 'builtCode', data: { operator }, confidence: confidence(flow !== undefined), flow });
    };
    const byEvidence = (fromInput: boolean): Confidence => (fromInput ? 'high' : 'medium');

    return {
      Property(node) {
        const key = staticKeyName(node);
        if (key === '$where') {
          check(node.value, '$where', byEvidence);
          return;
        }
        const codeKeys = key === undefined ? undefined : CODE_OPERATORS.get(key);
        const spec = skipWrappers(node.value);
        if (codeKeys === undefined || spec.type !== 'ObjectExpression') return;
        for (const property of spec.properties) {
          if (property.type === 'Property' && codeKeys.has(staticKeyName(property) ?? '')) check(property.value, key!, byEvidence);
        }
      },
      CallExpression(node) {
        const method = calleeWrittenName(node);
        if (method === '$where') {
          // Mongoose Query#$where(js)
          check(argumentAt(node, 0), '$where', byEvidence);
          return;
        }
        if (method !== 'mapReduce') return;
        const origin = queryOrigin(context, node.callee);
        if (origin !== undefined && origin.kind !== 'mongo') return;
        const confidence = (fromInput: boolean): Confidence => (origin !== undefined ? byEvidence(fromInput) : fromInput ? 'medium' : 'low');
        const first = argumentAt(node, 0);
        const options = first === undefined ? undefined : skipWrappers(first);
        if (options?.type === 'ObjectExpression') {
          for (const property of options.properties) {
            if (property.type === 'Property' && MAP_REDUCE_KEYS.has(staticKeyName(property) ?? '')) check(property.value, 'mapReduce', confidence);
          }
          return;
        }
        check(first, 'mapReduce', confidence);
        check(argumentAt(node, 1), 'mapReduce', confidence);
        const third = argumentAt(node, 2);
        const finalize = third === undefined ? undefined : skipWrappers(third);
        if (finalize?.type === 'ObjectExpression') {
          for (const property of finalize.properties) {
            if (property.type === 'Property' && staticKeyName(property) === 'finalize') check(property.value, 'mapReduce', confidence);
          }
        }
      },
    };
  },
});
