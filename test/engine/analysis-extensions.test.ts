import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { RULES } from '../../rules/index.js';
import { ConfigError, configSchema, regexRisk, validateConfig, type AnalysisConfig } from '../../src/config/index.js';
import { activateRules, scanSource } from '../../src/engine/scan.js';
import type { Finding } from '../../src/findings/model.js';
import { ESLINT_MAJORS } from '../support/eslint-runner.js';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../../src/eslint/index.js';
import type { Linter } from 'eslint';
import { cli, tempProject } from '../support/temp.js';
import { expandFakeSecrets } from '../support/fake-secrets.js';

/** The config a team with in-house wrappers would write (as in docs/configuration.md). */
const ANALYSIS: AnalysisConfig = {
  sinks: [
    { kind: 'sql', module: '@acme/db', method: 'rawQuery', argument: 0 },
    { kind: 'command', module: '@acme/shell', method: 'run' },
    { kind: 'html', module: '@acme/ui', method: 'renderMarkup', argument: 1 },
    { kind: 'code', method: 'evaluateFormula' },
    { kind: 'path', module: '@acme/storage', method: 'readBlob' },
    { kind: 'url', module: '@acme/http', method: 'fetchJson' },
  ],
  sources: ['ctx.state.input', { module: '@acme/gateway', property: 'userInput' }],
  sanitizers: [{ module: '@acme/validate', method: 'safeFileName' }, { method: 'sqlIdentifier' }],
};

const settings = { tsbandit: { analysis: ANALYSIS } };

const ROUTES = `import express from 'express';
import { rawQuery } from '@acme/db';
import shell from '@acme/shell';
import { renderMarkup } from '@acme/ui';
import { readBlob } from '@acme/storage';
import { fetchJson } from '@acme/http';
import { safeFileName } from '@acme/validate';
import { escapeHtml } from './html';
import { Spreadsheet } from './sheet';

const app = express();
const sheet = new Spreadsheet();

app.get('/orders', async (req, res) => {
  const customer = String(req.query.customer);
  // configured SQL sink, built from request data
  const rows = await rawQuery(\`SELECT * FROM orders WHERE customer = '\${customer}'\`);
  // parameterized: fine
  const safe = await rawQuery('SELECT * FROM orders WHERE customer = $1', [customer]);
  // a configured sanitizer makes the identifier safe
  const sorted = await rawQuery('SELECT * FROM orders ORDER BY ' + sqlIdentifier(String(req.query.sort)));
  res.json({ rows, safe, sorted });
});

app.post('/export', async (req, res) => {
  await shell.run('tar czf /tmp/export.tgz ' + req.body.dir);
  await shell.run('tar czf /tmp/export.tgz ' + safeFileName(req.body.dir));
  await shell.run('uptime');
  res.sendStatus(204);
});

export function preview(el: HTMLElement, title: string) {
  renderMarkup(el, '<h1>' + title + '</h1>');
  renderMarkup(el, '<h1>' + escapeHtml(title) + '</h1>');
  renderMarkup(el, title.length > 40 ? '<h1>Report</h1>' : '<h2>Report</h2>');
}

app.post('/cells', (req, res) => {
  res.json({ value: sheet.evaluateFormula(req.body.formula), fixed: sheet.evaluateFormula('SUM(A1:A9)') });
});

app.get('/blobs/:name', async (req, res) => {
  res.send(await readBlob(req.params.name));
  res.send(await readBlob('logo.png'));
});

app.get('/proxy', async (req, res) => {
  res.json(await fetchJson(String(req.query.target)));
  res.json(await fetchJson('https://status.example.com/api'));
});

function sqlIdentifier(name: string): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error('bad identifier');
  return '"' + name + '"';
}
`;

const lineOf = (source: string, text: string): number => source.split('\n').findIndex((line) => line.includes(text)) + 1;
const keys = (findings: readonly Finding[]): string[] => findings.filter((f) => f.suppressed === undefined).map((f) => `${f.ruleId}:${f.range.startLine}`).sort();

const SINK_RULES = RULES.filter((r) => ['TSB101', 'TSB103', 'TSB201', 'TSB301', 'TSB601'].includes(r.id) || r.name === 'server-side-request-forgery');

test('configured sinks of every kind are checked by their rule; constants, parameters and sanitized values are not', () => {
  const without = scanSource('src/routes.ts', ROUTES, activateRules(SINK_RULES));
  assert.deepEqual(keys(without.findings), [], 'nothing without the config: the wrappers are unknown');
  const { findings } = scanSource('src/routes.ts', ROUTES, activateRules(SINK_RULES), { settings });
  const ssrf = RULES.find((r) => r.name === 'server-side-request-forgery')!.id;
  assert.deepEqual(keys(findings), [
    `TSB201:${lineOf(ROUTES, "rawQuery(`SELECT")}`,
    `TSB103:${lineOf(ROUTES, "shell.run('tar czf /tmp/export.tgz ' + req.body.dir)")}`,
    `TSB301:${lineOf(ROUTES, "renderMarkup(el, '<h1>' + title")}`,
    `TSB101:${lineOf(ROUTES, 'sheet.evaluateFormula(req.body.formula)')}`,
    `TSB601:${lineOf(ROUTES, 'readBlob(req.params.name)')}`,
    `${ssrf}:${lineOf(ROUTES, 'fetchJson(String(req.query.target))')}`,
  ].sort());
  const byRule = new Map(findings.map((f) => [f.ruleId, f]));
  assert.equal(byRule.get('TSB201')!.confidence, 'high', 'request data reaches the configured SQL sink');
  assert.match(byRule.get('TSB201')!.message, /@acme\/db\.rawQuery/);
  assert.equal(byRule.get('TSB201')!.flow?.steps[0]?.label, 'req.query.customer');
  assert.equal(byRule.get('TSB103')!.confidence, 'high');
  assert.equal(byRule.get('TSB301')!.confidence, 'medium', 'a parameter of unknown origin');
});

test('the same settings give the same findings in ESLint (settings.tsbandit.analysis)', () => {
  const { findings } = scanSource('src/routes.ts', ROUTES, activateRules(SINK_RULES), { settings });
  for (const { name, Linter: LinterClass } of ESLINT_MAJORS) {
    const linter = new LinterClass({ configType: 'flat' });
    const config: Linter.Config = {
      files: ['**/*.ts'],
      plugins: { tsbandit: plugin },
      languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' },
      settings,
      rules: Object.fromEntries(SINK_RULES.map((rule) => [`tsbandit/${rule.name}`, 'error'])),
    };
    const messages = linter.verify(ROUTES, [config], { filename: 'src/routes.ts' });
    assert.deepEqual(messages.map((m) => `${m.ruleId}:${m.line}`).sort(), findings.map((f) => `tsbandit/${f.ruleName}:${f.range.startLine}`).sort(), name);
  }
});

const KOA = `import Koa from 'koa';
import Router from '@koa/router';
import { exec } from 'node:child_process';
import { userInput } from '@acme/gateway';

const router = new Router();

router.post('/convert', async (ctx) => {
  const { input } = ctx.state;
  exec('convert ' + input.file + ' out.png');
  exec('convert ' + ctx.state.input.file + ' out.pdf');
  exec('grep ' + userInput('q') + ' /var/log/app.log');
  exec('ls ' + ctx.state.user.home);
  ctx.status = 202;
});

new Koa().use(router.routes()).listen(3000);
`;

test('configured sources raise confidence to high with a flow; other values keep the default', () => {
  const rules = RULES.filter((r) => r.id === 'TSB103');
  const plain = scanSource('src/convert.ts', KOA, activateRules(rules));
  assert.deepEqual(plain.findings.map((f) => f.confidence), ['medium', 'medium', 'medium', 'medium']);
  const { findings } = scanSource('src/convert.ts', KOA, activateRules(rules), { settings });
  assert.deepEqual(findings.map((f) => `${f.range.startLine}:${f.confidence}`), ['10:high', '11:high', '12:high', '13:medium']);
  assert.deepEqual(findings[0]!.flow?.steps.map((s) => s.label), ['ctx.state.input', 'input', 'exec']);
  assert.equal(findings[1]!.flow?.steps[0]?.label, 'ctx.state.input.file');
  assert.equal(findings[2]!.flow?.steps[0]?.label, "userInput('q')");
});

test('a source given as a bare property is that property of any object, read or destructured', () => {
  const source = `import { WebSocketServer } from 'ws';
import { execSync } from 'node:child_process';

const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { rawPayload: string; id: number };
    const { rawPayload } = msg;
    execSync('notify-send ' + msg.rawPayload);
    execSync('notify-send ' + rawPayload);
    execSync('notify-send ' + msg.id);
  });
});
`;
  const rules = RULES.filter((r) => r.id === 'TSB103');
  const analysis: AnalysisConfig = { sources: [{ property: 'rawPayload' }] };
  const { findings } = scanSource('src/ws.ts', source, activateRules(rules), { settings: { tsbandit: { analysis } } });
  assert.deepEqual(findings.map((f) => `${f.range.startLine}:${f.confidence}`), ['9:high', '10:high', '11:medium']);
  assert.deepEqual(findings[1]!.flow?.steps.map((s) => s.label), ['msg.rawPayload', 'rawPayload', 'execSync']);
});

test('a configured sanitizer silences built-in sinks too (its result is safe text)', () => {
  const source = `import { exec } from 'node:child_process';
import { safeFileName } from '@acme/validate';
import type { Request, Response } from 'express';

export async function archive(req: Request, res: Response) {
  const dir = safeFileName(String(req.query.dir));
  exec('tar czf /tmp/a.tgz ' + dir);
  exec('tar czf /tmp/b.tgz ' + safeFileName(req.body.name));
  exec('tar czf /tmp/c.tgz ' + req.body.name);
  res.sendStatus(204);
}
`;
  const rules = RULES.filter((r) => r.id === 'TSB103');
  assert.deepEqual(keys(scanSource('src/archive.ts', source, activateRules(rules)).findings), ['TSB103:7', 'TSB103:8', 'TSB103:9']);
  assert.deepEqual(keys(scanSource('src/archive.ts', source, activateRules(rules), { settings }).findings), ['TSB103:9']);
});

test('path and URL rules take the configured sources (and sanitizers) too', () => {
  const source = `import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { safeFileName } from '@acme/validate';
import type { Context } from 'koa';

export async function download(ctx: Context) {
  const raw = await readFile(path.join('/srv/files', ctx.state.input.name));
  const clean = await readFile(path.join('/srv/files', safeFileName(ctx.state.input.name)));
  ctx.body = Buffer.concat([raw, clean]);
}

export async function proxy(ctx: Context) {
  const upstream = await fetch(ctx.state.input.url);
  const checked = await fetch(safeFileName(ctx.state.input.url));
  ctx.body = { a: upstream.status, b: checked.status };
}
`;
  const rules = RULES.filter((r) => r.id === 'TSB601' || r.id === 'TSB602');
  assert.deepEqual(keys(scanSource('src/files.ts', source, activateRules(rules)).findings), [], 'ctx.state.input is no built-in source');
  assert.deepEqual(keys(scanSource('src/files.ts', source, activateRules(rules), { settings }).findings), ['TSB601:7', 'TSB602:13']);
});

test('secret patterns of the config are reported by TSB501; allowlisted values and paths are not', () => {
  const root = tempProject({
    'src/billing.ts': `import { AcmeClient } from '@acme/billing';

export const client = new AcmeClient({ apiKey: 'acmek_live_9fQ2xL7vB3nR8tK1pZ6wY4cH' });
export const sandbox = new AcmeClient({ apiKey: 'acmek_live_0000SANDBOX0000KEY00000' });
export const stripe = '${expandFakeSecrets('{{fake:stripe-live-key}}')}';
`,
    'test/fixtures/keys.ts': "export const key = 'acmek_live_T3stK3yF0rF1xtur3sOnly00';\n",
    '.tsbanditrc.yaml': [
      'analysis:',
      '  secretPatterns:',
      '    - id: acme-key',
      '      name: an ACME billing key',
      "      regex: 'acmek_(live|test)_[A-Za-z0-9]{24}'",
      '  allowlist:',
      '    values: [acmek_live_0000SANDBOX0000KEY00000]',
      '    paths: ["test/fixtures/**"]',
      '',
    ].join('\n'),
  });
  const report = JSON.parse(cli(root, 'scan', '--timeout', '0', '-f', 'json').stdout) as { findings: Finding[] };
  const found = report.findings.map((f) => `${f.file}:${f.range.startLine}:${f.ruleId}`);
  assert.deepEqual(found, ['src/billing.ts:3:TSB501', 'src/billing.ts:5:TSB501']);
  const acme = report.findings[0]!;
  assert.match(acme.message, /an ACME billing key/);
  assert.doesNotMatch(JSON.stringify(report), /9fQ2xL7vB3nR8tK1pZ6wY4cH/, 'the value is masked like any secret');
  // Without the config, the custom format is unknown.
  const plain = JSON.parse(cli(root, 'scan', '--timeout', '0', '--no-config', '-f', 'json').stdout) as { findings: Finding[] };
  assert.ok(!plain.findings.some((f) => f.range.startLine === 3 && f.file === 'src/billing.ts' && f.ruleId === 'TSB501'));
});

test('the CLI passes the config analysis to rules, in the worker and in-process alike', () => {
  const root = tempProject({
    'src/routes.ts': ROUTES,
    'tsbandit.config.json': JSON.stringify({ analysis: ANALYSIS, rules: {} }),
  });
  for (const timeout of ['10', '0']) {
    const run = cli(root, 'scan', '-f', 'json', '--timeout', timeout);
    const ids = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.map((f) => f.ruleId);
    assert.ok(['TSB101', 'TSB103', 'TSB201', 'TSB301', 'TSB601'].every((id) => ids.includes(id)), `${timeout}: ${ids.join(',')}`);
  }
});

const fails = (analysis: unknown, message: RegExp): void => {
  assert.throws(
    () => validateConfig({ analysis }, 'tsbandit.config.json', RULES),
    (error: unknown) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'),
    JSON.stringify(analysis),
  );
};

test('analysis entries are validated with the key path in the error', () => {
  fails({ sinks: [{ kind: 'ldap', method: 'search' }] }, /tsbandit\.config\.json: analysis\.sinks\[0\]\.kind: expected one of sql, command, html, code, path, url, got "ldap"/);
  fails({ sinks: [{ kind: 'sql', module: 'my-db', method: 'rawQuery', arg: 1 }] }, /analysis\.sinks\[0\]\.arg: unknown key/);
  fails({ sinks: [{ kind: 'sql', method: 'raw query' }] }, /analysis\.sinks\[0\]\.method: expected a function name/);
  fails({ sinks: [{ kind: 'sql', method: 'q', argument: -1 }] }, /analysis\.sinks\[0\]\.argument: expected an argument index/);
  fails({ sources: ['input'] }, /analysis\.sources\[0\]: expected a member path/);
  fails({ sources: [{ module: 'x', object: 'y', property: 'z' }] }, /analysis\.sources\[0\]: give module or object, not both/);
  fails({ sanitizers: [{ module: 'x' }] }, /analysis\.sanitizers\[0\]\.method: expected a function name/);
  fails({ secretPatterns: [{ id: 'acme', name: 'x', regex: '(a+)+$' }] }, /analysis\.secretPatterns\[0\]\.regex: has a repeated group .*linear time/);
  fails({ secretPatterns: [{ id: 'acme', name: 'x', regex: '(["\'])\\w+\\1' }] }, /regex: uses a backreference/);
  fails({ secretPatterns: [{ id: 'acme', name: 'x', regex: 'acme_[' }] }, /regex: not a valid regular expression/);
  fails({ secretPatterns: [{ id: 'acme', name: 'x', regex: 'a*' }] }, /regex: matches the empty string/);
  fails({ secretPatterns: [{ id: 'a', name: 'x', regex: 'k_\\d{4}' }, { id: 'a', name: 'y', regex: 'j_\\d{4}' }] }, /secretPatterns\[1\]\.id: duplicate id "a"/);
  fails({ allowlist: { value: ['x'] } }, /analysis\.allowlist\.value: unknown key/);
  fails({ allowlist: { values: ['/(x|xy)*/'] } }, /analysis\.allowlist\.values\[0\]: has a repeated group/);
  fails({ taint: [] }, /analysis\.taint: unknown key/);
  fails([], /analysis: expected an object/);
});

test('regexRisk accepts the usual token shapes and rejects backtracking shapes', () => {
  for (const safe of ['acmek_(live|test)_[A-Za-z0-9]{24}', 'xox[bp]-\\d{10,13}-[A-Za-z0-9]{24}', '-----BEGIN ACME KEY-----', '(?:sk|pk)_[a-z0-9]{32}', '[(+*]{3}', 'ey(?:[A-Za-z0-9+/]{4})*={0,2}']) {
    assert.equal(regexRisk(safe), undefined, safe);
  }
  for (const risky of ['(a+)+', '(a*)*b', '(a|aa)+', '(\\w+\\s?)*$', '(?:x{2,})+', '(a)\\1', '(?<=k)ey', '(?<q>[\'"]).*\\k<q>']) {
    assert.notEqual(regexRisk(risky), undefined, risky);
  }
});

test('the schema describes analysis as the loader checks it', () => {
  const validate = new Ajv({ strict: false }).compile(configSchema(RULES));
  assert.equal(validate({ analysis: ANALYSIS }), true, JSON.stringify(validate.errors));
  assert.doesNotThrow(() => validateConfig({ analysis: ANALYSIS }, 'x', RULES));
  for (const bad of [{ analysis: { sinks: [{ kind: 'ldap', method: 'x' }] } }, { analysis: { sources: [{ prop: 'x' }] } }, { analysis: { extra: 1 } }, { reportUnusedSuppressions: 'yes' }]) {
    assert.equal(validate(bad), false, JSON.stringify(bad));
    assert.throws(() => validateConfig(bad, 'x', RULES), ConfigError);
  }
});

test('a config analysis error from a discovered config is a one-line exit-2 error', () => {
  const root = tempProject({ 'a.ts': 'export {};\n' });
  writeFileSync(path.join(root, '.tsbanditrc.json'), JSON.stringify({ analysis: { sinks: [{ kind: 'sql', module: 'db', method: 'q', argumnet: 1 }] } }));
  const run = cli(root, 'scan');
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1);
  assert.match(run.stderr, /\.tsbanditrc\.json: analysis\.sinks\[0\]\.argumnet: unknown key \(expected kind, module, method, argument\)/);
});
