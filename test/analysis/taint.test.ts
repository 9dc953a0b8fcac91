import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTaintFlow } from '../../src/analysis/index.js';
import { lastCallArgument } from '../support/analysis-harness.js';

/** The flow's labels from source to the traced value. */
function labels(code: string, filename?: string): string[] | undefined {
  const { context, node } = lastCallArgument(code, filename);
  return findTaintFlow(context, node)?.steps.map((step) => step.label);
}

const tainted: [string, string, string[]][] = [
  ['three assignments', `app.get('/', (req, res) => { const a = req.query.q; const b = a.trim(); let c = 'x'; c = b + '!'; use(c) })`, ['req.query', 'a', 'b', 'c']],
  ['destructured body', `app.post('/', (req, res) => { const { name, age } = req.body; use('hi ' + name) })`, ['req.body', 'name']],
  ['helper function return', `function wrap(v: string) { return '<b>' + v + '</b>'; }\napp.get('/', (req, res) => { use(wrap(req.params.id)) })`, ['req.params', 'v', 'wrap() returns it']],
  ['call site of a local function', `function show(msg: string) { use(msg) }\napp.get('/', (req, res) => show(req.query.m))`, ['req.query', 'show(…) call', 'msg']],
  ['promise chain', `app.get('/', (req, res) => { Promise.resolve(req.query.q).then((q) => use(q)) })`, ['req.query', 'q']],
  ['awaited request json', `export async function POST(request: Request) { const data = await request.json(); use(data.cmd) }`, ['request.json()', 'data']],
  ['NestJS decorated parameter', `class C { find(@Query('q') q: string) { use(q) } }`, ["@Query() q", 'q']],
  ['Next.js searchParams', `export default function Page({ searchParams }: { searchParams: { q: string } }) { use(searchParams.q) }`, ['searchParams', 'searchParams']],
  ['message event data', `window.addEventListener('message', (e) => { use(e.data) })`, ['e.data']],
  ['for-of over request data', `app.post('/', (req, res) => { for (const item of req.body.items) use(item) })`, ['req.body', 'item']],
  ['localStorage', `const saved = localStorage.getItem('draft'); use(saved)`, ["localStorage.getItem('draft')", 'saved']],
  ['closure over an outer variable', `app.get('/', (req, res) => { const q = req.query.q; const later = () => use(q); later() })`, ['req.query', 'q']],
];

for (const [name, code, expected] of tainted) {
  test(`taint: ${name}`, () => {
    assert.deepEqual(labels(code), expected);
  });
}

const clean: [string, string][] = [
  ['number coercion', `app.get('/', (req, res) => { const id = Number(req.query.id); use('id=' + id) })`],
  ['parseInt through a variable', `app.get('/', (req, res) => { const page = parseInt(req.query.page, 10); use(page) })`],
  ['constant reassignment', `app.get('/', (req, res) => { let q = req.query.q; q = 'fixed'; use('x') })`],
  ['helper ignoring its argument', `function label(v: string) { return 'static'; }\napp.get('/', (req, res) => { use(label(req.params.id)) })`],
  ['unrelated parameter', `function show(msg: string) { use(msg) }\nshow('hello')`],
  ['tagged template', 'app.get(\'/\', (req, res) => { use(sql`SELECT ${req.query.q}`) })'],
  ['config object', `const config = { query: 'x' }; use(config.query)`],
  ['allow-list guard with early return', `const SORTABLE = ['name', 'created_at']; app.get('/', (req, res) => { const sort = String(req.query.sort); if (!SORTABLE.includes(sort)) return res.sendStatus(400); use('ORDER BY ' + sort) })`],
  ['Set allow-list in the branch', `const KINDS = new Set(['daily', 'weekly']); app.get('/', (req, res) => { const kind = req.query.kind; if (KINDS.has(kind)) { use(kind) } })`],
  ['anchored pattern guard that throws', `app.get('/', (req, res) => { const id = req.params.id; if (!/^[a-z0-9-]{1,36}$/.test(id)) throw new Error('bad id'); use(id) })`],
  ['allow-list conditional', `const MODES = ['asc', 'desc']; app.get('/', (req, res) => { const m = req.query.m; use(MODES.includes(m) ? m : 'asc') })`],
];

for (const [name, code] of clean) {
  test(`no taint: ${name}`, () => {
    assert.equal(labels(code), undefined);
  });
}

test('a sink-specific sanitizer stops the flow', () => {
  const { context, node } = lastCallArgument(`import path from 'node:path';\napp.get('/', (req, res) => { use(path.basename(req.query.f)) })`);
  assert.ok(findTaintFlow(context, node) !== undefined);
  const isBasename = (_: unknown, n: { type: string; callee?: { type: string; property?: { name?: string } } }) => n.type === 'CallExpression' && n.callee?.type === 'MemberExpression' && n.callee.property?.name === 'basename';
  assert.equal(findTaintFlow(context, node, { isSanitized: isBasename as never }), undefined);
});

test('guards that do not validate keep the flow', () => {
  for (const code of [
    `app.get('/', (req, res) => { const sort = req.query.sort; if (!sort) return; use('ORDER BY ' + sort) })`,
    `let allowed = ['a']; app.get('/', (req, res) => { const s = req.query.s; if (!allowed.includes(s)) return; use(s) })`,
    `app.get('/', (req, res) => { const id = req.params.id; if (!/[a-z]+/.test(id)) return; use(id) })`,
    `const OK = ['a']; app.get('/', (req, res) => { const s = req.query.s; if (!OK.includes(s)) { console.warn('odd'); } use(s) })`,
  ]) {
    assert.notEqual(labels(code), undefined, code);
  }
});
