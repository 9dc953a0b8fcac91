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
  ['three assignments', `app.get('/', (req, res) => { const a = req.query.q; const b = a.trim(); let c = 'x'; c = b + '!'; use(c) })`, ['req.query.q', 'a', 'b', 'c']],
  ['destructured body', `app.post('/', (req, res) => { const { name, age } = req.body; use('hi ' + name) })`, ['req.body.name', 'name']],
  ['helper function return', `function wrap(v: string) { return '<b>' + v + '</b>'; }\napp.get('/', (req, res) => { use(wrap(req.params.id)) })`, ['req.params.id', 'v', 'wrap() returns it']],
  ['call site of a local function', `function show(msg: string) { use(msg) }\napp.get('/', (req, res) => show(req.query.m))`, ['req.query.m', 'show(…) call', 'msg']],
  ['promise chain', `app.get('/', (req, res) => { Promise.resolve(req.query.q).then((q) => use(q)) })`, ['req.query.q', 'q']],
  ['awaited request json', `export async function POST(request: Request) { const data = await request.json(); use(data.cmd) }`, ['request.json()', 'data']],
  ['NestJS decorated parameter', `class C { find(@Query('q') q: string) { use(q) } }`, ["@Query() q", 'q']],
  ['Next.js searchParams', `export default function Page({ searchParams }: { searchParams: { q: string } }) { use(searchParams.q) }`, ['searchParams', 'searchParams']],
  ['message event data', `window.addEventListener('message', (e) => { use(e.data) })`, ['e.data']],
  ['for-of over request data', `app.post('/', (req, res) => { for (const item of req.body.items) use(item) })`, ['req.body.items', 'item']],
  ['localStorage', `const saved = localStorage.getItem('draft'); use(saved)`, ["localStorage.getItem('draft')", 'saved']],
  ['closure over an outer variable', `app.get('/', (req, res) => { const q = req.query.q; const later = () => use(q); later() })`, ['req.query.q', 'q']],
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

const moreTainted: [string, string, string[]][] = [
  ['handler parameter with another name', `app.get('/', (r, s) => { use(r.query.q) })`, ['r.query.q']],
  ['error middleware request', `app.use((err, rq, rs, next) => { use(rq.headers.referer) })`, ['rq.headers.referer']],
  ['parameter typed as a request', `export function handle(incoming: express.Request) { use(incoming.body.cmd) }`, ['incoming.body.cmd']],
  ['destructured handler parameter', `app.post('/', ({ body }, res) => { use(body.name) })`, ['request body', 'body']],
  ['Koa destructuring of the request', `router.post('/', async (ctx) => { const { body } = ctx.request; use(body.file) })`, ['ctx.request.body', 'body']],
  ['Hapi payload', `server.route({ method: 'POST', path: '/', handler: (request, h) => use(request.payload.name) })`, ['request.payload.name']],
  ['Next.js route handler params', `export async function GET(req: Request, { params }: { params: { id: string } }) { use(params.id) }`, ['params', 'params']],
  ['Next.js page props', `export default async function Page(props: { searchParams: Promise<{ q: string }> }) { const { q } = await props.searchParams; use(q) }`, ['props.searchParams.q', 'q']],
  ['NextRequest searchParams', `export async function GET(req: NextRequest) { const q = req.nextUrl.searchParams.get('q'); use(q) }`, ['req.nextUrl.searchParams', 'q']],
  ['destructured message data', `window.addEventListener('message', ({ data }) => { use(data.html) })`, ['message event data', 'data']],
  ['localStorage property', `use(localStorage.token)`, ['localStorage.token']],
  ['URLSearchParams of the location', `const p = new URLSearchParams(window.location.search); const n = p.get('next'); use(n)`, ['window.location.search', 'p', 'n']],
  ['array push then join', `app.get('/', (req, res) => { const parts = ['a']; parts.push(req.query.x); use(parts.join(',')) })`, ['req.query.x', 'parts.push()', 'parts']],
  ['property assignment', `app.get('/', (req, res) => { const o = {}; o.x = req.query.x; use(o.x) })`, ['req.query.x', 'o.x', 'o']],
  ['Object.assign into a local', `app.get('/', (req, res) => { const o = {}; Object.assign(o, req.body); use(o.a) })`, ['req.body', 'Object.assign()', 'o']],
  ['helper receiving the request', `function getQ(r) { return r.query.q } app.get('/', (req, res) => { use(getQ(req)) })`, ['r.query.q', 'getQ() returns it']],
  ['class method summary', `class S { q(x) { return 'a' + x } h(req) { use(this.q(req.query.x)) } }`, ['req.query.x', 'x', 'this.q() returns it']],
  ['then callback result', `app.get('/', (req, res) => { use(Promise.resolve(req.query.q).then((v) => v.trim())) })`, ['req.query.q', 'v']],
  ['process.argv destructuring', `const [, , file] = process.argv; use(file)`, ['process.argv', 'file']],
];

for (const [name, code, expected] of moreTainted) {
  test(`taint: ${name}`, () => {
    assert.deepEqual(labels(code), expected);
  });
}

const moreClean: [string, string][] = [
  ['imported request library', `import request from 'request'; use(request.get('https://example.com'))`],
  ['required request library', `const request = require('superagent'); use(request.query)`],
  ['non-routing callback', `cache.fetch(key, (value, meta) => use(value.body))`],
  ['location.origin is the site', `use(location.origin + '/api')`],
  ['strict replace', `app.get('/', (req, res) => { use(req.query.x.replace(/[^a-z0-9_-]/gi, '')) })`],
  ['then callback dropping the value', `app.get('/', (req, res) => { use(Promise.resolve(req.query.q).then(() => 'fixed')) })`],
  ['then callback coercing to a number', `app.get('/', (req, res) => { use(Promise.resolve(req.query.q).then((v) => Number(v))) })`],
  ['a DB result is not the input', `app.get('/', (req, res) => { db.find(req.query.id).then((row) => use(row.name)) })`],
  ['message data of a click handler', `window.addEventListener('click', ({ data }) => { use(data) })`],
  ['params outside a Next.js entry', `function helper({ params }) { use(params.id) }`],
  ['process.env without weakSources', `use(process.env.DB_NAME)`],
];

for (const [name, code] of moreClean) {
  test(`no taint: ${name}`, () => {
    assert.equal(labels(code), undefined);
  });
}

test('a lax replace keeps the flow', () => {
  assert.notEqual(labels(`app.get('/', (req, res) => { use(req.query.x.replace(/[^a-z<>]/g, '')) })`), undefined);
  assert.notEqual(labels(`app.get('/', (req, res) => { use(req.query.x.replace(/[a-z]/g, '')) })`), undefined);
});

test('weak sources are followed on request and marked weak', () => {
  const env = lastCallArgument(`const name = process.env.DB_NAME; use('SELECT * FROM ' + name)`);
  const flow = findTaintFlow(env.context, env.node, { weakSources: true });
  assert.deepEqual(flow?.steps.map((s) => s.label), ['process.env.DB_NAME', 'name']);
  assert.equal(flow?.weak, true);
  const upload = lastCallArgument(`import fs from 'node:fs'; app.post('/', (req, res) => { const text = fs.readFileSync(req.file.path, 'utf8'); use(text) })`);
  assert.equal(findTaintFlow(upload.context, upload.node), undefined);
  assert.equal(findTaintFlow(upload.context, upload.node, { weakSources: true })?.weak, true);
  const strong = lastCallArgument(`app.get('/', (req, res) => use(req.query.q))`);
  assert.equal(findTaintFlow(strong.context, strong.node, { weakSources: true })?.weak, undefined);
});

test('the flow stays linear: a long chain of assignments is followed within the caps', () => {
  const chain = Array.from({ length: 15 }, (_, i) => `const v${i + 1} = v${i} + 'x';`).join(' ');
  const code = `app.get('/', (req, res) => { const v0 = req.query.q; ${chain} use(v15) })`;
  const steps = labels(code);
  assert.equal(steps?.[0], 'req.query.q');
  assert.equal(steps?.length, 17);
});

test('callbacks of HTTP clients are not route handlers', () => {
  for (const code of [
    `$.get('/api/items', (data, status) => { use(data.url) })`,
    `axios.get('/x').then((response) => use(response.data.body))`,
    `client.get('/api', (reply, meta) => { use(reply.body) })`,
  ]) {
    assert.equal(labels(code), undefined, code);
  }
});

test('client-side router hooks are URL sources', () => {
  assert.deepEqual(labels(`import { useSearchParams } from 'next/navigation'; export function C() { const params = useSearchParams(); use(params.get('next')) }`, 'c.tsx'), ['useSearchParams()', 'params']);
  assert.deepEqual(labels(`import { useParams } from 'react-router-dom'; export function C() { const { id } = useParams(); use(id) }`, 'c.tsx'), ['useParams().id', 'id']);
  assert.deepEqual(labels(`import { useRouter } from 'next/router'; export function C() { const router = useRouter(); use(router.query.returnUrl) }`, 'c.tsx'), ['router.query.returnUrl']);
  assert.deepEqual(labels(`import { useRoute } from 'vue-router'; const route = useRoute(); use(route.params.slug)`), ['route.params.slug']);
  // Same names from elsewhere are not sources.
  assert.equal(labels(`import { useRouter } from 'next/navigation'; export function C() { const router = useRouter(); use(router.query) }`, 'c.tsx'), undefined);
  assert.equal(labels(`function useParams() { return { id: '1' } } const { id } = useParams(); use(id)`), undefined);
});
