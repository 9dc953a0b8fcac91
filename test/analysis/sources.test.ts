import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRequestDerived, stringParts } from '../../src/analysis/index.js';
import { lastCallArgument } from '../support/analysis-harness.js';

test('isRequestDerived follows request data through locals, templates and string methods', () => {
  const derived = [
    `app.get('/', (req, res) => { use(req.query.id) })`,
    `app.get('/', (req, res) => { const { id } = req.params; use('x' + id) })`,
    `router.post('/', async (ctx) => { use(\`\${ctx.request.body.name.trim()}\`) })`,
    `use(location.hash.slice(1))`,
    `use(new URLSearchParams(location.search).get('next'))`,
    `use(process.argv[2])`,
    `app.get('/', (req, res) => { use(req.get('X-User')) })`,
  ];
  for (const code of derived) {
    const { context, node } = lastCallArgument(code);
    assert.equal(isRequestDerived(context, node), true, code);
  }
  const clean = [`use(config.query)`, `function f(name: string) { use(name) }`, `use('static')`, `const query = 'q'; use(query)`];
  for (const code of clean) {
    const { context, node } = lastCallArgument(code);
    assert.equal(isRequestDerived(context, node), false, code);
  }
});

test('stringParts separates constant SQL text from dynamic parts', () => {
  const { context, node } = lastCallArgument(`function f(id: string, n: number) { const sql = 'SELECT * FROM t WHERE id = ' + id + ' LIMIT ' + Number(n); use(sql) }`);
  const parts = stringParts(context, node);
  assert.equal(parts.isBuilt, true);
  assert.equal(parts.dynamicParts.length, 1);
  assert.equal(parts.constantText, 'SELECT * FROM t WHERE id =   LIMIT  ');
  const template = lastCallArgument('function f(t: string) { use(`DELETE FROM ${t}`) }');
  assert.equal(stringParts(template.context, template.node).dynamicParts.length, 1);
  const constant = lastCallArgument(`const T = 'users'; use('SELECT * FROM ' + T)`);
  assert.deepEqual(stringParts(constant.context, constant.node).dynamicParts, []);
});
