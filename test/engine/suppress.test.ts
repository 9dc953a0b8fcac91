import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type * as Sarif from 'sarif';
import { RULES } from '../../rules/index.js';
import { activateRules, scan, scanSource } from '../../src/engine/scan.js';
import { engineKey, runEngine } from '../support/engine-runner.js';
import { ESLINT_MAJORS, eslintKey, parsersFor, runEslint } from '../support/eslint-runner.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { GENERATED_BANNER } from '../../src/docs/build.js';
import type { Finding } from '../../src/findings/model.js';
import { renderSuppressionRuleDoc, SUPPRESSION_RULES } from '../../src/suppress/index.js';
import { cli, tempProject } from '../support/temp.js';

const SOURCE = `import { exec } from 'node:child_process';
import { createHash } from 'node:crypto';

export function tools(dir: string, html: string, el: HTMLElement) {
  exec('ls ' + dir); // tsbandit-ignore TSB103 -- dir comes from a fixed list
  // tsbandit-ignore child-process-exec -- standalone: covers the next code line

  exec('du ' + dir);
  // tsbandit-ignore-next-line TSB103, TSB401
  exec('cat ' + dir);
  exec('rm ' + dir); // nosec
  exec('mv ' + dir); // nosec TSB401
  /* tsbandit-ignore-start weak-hash */
  createHash('md5');
  createHash('sha1');
  /* tsbandit-ignore-end */
  el.innerHTML = html; // tsbandit-ignore TSB103
  return createHash('md5');
}
`;

test('tsbandit-ignore, -next-line, -start/-end and nosec silence exactly what they name, in both hosts', () => {
  const rules = RULES.filter((r) => ['TSB103', 'TSB401', 'TSB301'].includes(r.id));
  const engine = runEngine('tools.ts', SOURCE, rules);
  assert.deepEqual(engine.findings.map((f) => `${f.ruleId}:${f.range.startLine}`), ['TSB103:12', 'TSB301:17', 'TSB401:18']);
  assert.deepEqual(engine.suppressed.map((f) => `${f.ruleId}:${f.range.startLine}`), ['TSB103:5', 'TSB103:8', 'TSB103:10', 'TSB103:11', 'TSB401:14', 'TSB401:15']);
  assert.ok(engine.suppressed.every((f) => f.suppressed?.kind === 'inline'));
  assert.equal(engine.suppressed[0]!.suppressed?.justification, 'dir comes from a fixed list');
  for (const eslint of ESLINT_MAJORS) {
    for (const parser of parsersFor('tools.ts')) {
      assert.deepEqual(runEslint('tools.ts', SOURCE, parser, rules, {}, eslint.Linter).map(eslintKey).sort(), engine.findings.map(engineKey).sort(), eslint.name);
    }
  }
});

test('ignoreInlineSuppressions (--ignore-nosec) reports everything, eslint-disable still applies', () => {
  const root = tempProject({ 'a.ts': SOURCE + "// eslint-disable-next-line tsbandit/weak-hash\ncreateHash('md5');\n" });
  const honoured = scan({ root, paths: ['.'], rules: RULES });
  const ignored = scan({ root, paths: ['.'], rules: RULES, ignoreInlineSuppressions: true });
  assert.equal(honoured.findings.filter((f) => f.suppressed === undefined).length, 3);
  assert.deepEqual(ignored.findings.filter((f) => f.suppressed !== undefined).map((f) => f.suppressed?.kind), ['eslint-disable']);
  assert.equal(ignored.findings.filter((f) => f.suppressed === undefined).length, 9);
});

// --- Reporting the suppression comments themselves (TSB001 unscoped, TSB002 unused) ---

const HYGIENE = `import { exec, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import express from 'express';

const app = express();

app.get('/files', async (req, res) => {
  const dir = String(req.query.dir);
  exec('ls ' + dir); // nosec
  // tsbandit-ignore-next-line TSB103 -- moved to execFile in #412
  execFile('ls', ['-l', dir]);
  exec('du -sh ' + dir); // tsbandit-ignore child-process-exec, weak-hash -- dir is checked by the router
  /* tsbandit-ignore-start weak-hash -- legacy cache keys */
  const key = createHash('sha256').update(dir).digest('hex');
  /* tsbandit-ignore-end */
  res.json({ key });
});

export function cacheKey(name: string) {
  // tsbandit-ignore
  return createHash('md5').update(name).digest('hex');
}

export const listing = (dir: string) => execFile('ls', [dir]); // nosec
export const sized = (dir: string) => exec('du ' + dir); // nosec TSB103 -- dir is from ALLOWED_DIRS
`;

const ruleIdsAt = (findings: readonly { ruleId: string; range: { startLine: number } }[]): string[] => findings.map((f) => `${f.ruleId}:${f.range.startLine}`);

test('--report-unscoped-suppressions reports every tsbandit-ignore / nosec naming no rule, at the comment, as LOW', () => {
  const rules = RULES.filter((r) => ['TSB103', 'TSB401'].includes(r.id));
  const result = scanSource('routes.ts', HYGIENE, activateRules(rules), { reportSuppressions: { unscoped: true } });
  const unscoped = result.findings.filter((f) => f.ruleId === 'TSB001');
  assert.deepEqual(ruleIdsAt(unscoped), ['TSB001:9', 'TSB001:20', 'TSB001:24']);
  assert.ok(unscoped.every((f) => f.severity === 'low' && f.ruleName === 'unscoped-suppression' && f.suppressed === undefined));
  assert.equal(unscoped[0]!.range.startColumn, 22, 'located at the comment');
  assert.match(unscoped[0]!.message, /`nosec` names no rule/);
  assert.match(unscoped[1]!.message, /`tsbandit-ignore` names no rule, so it silences every rule on the next line/);
  // The unscoped comments still silence what they cover.
  assert.deepEqual(ruleIdsAt(result.findings.filter((f) => f.suppressed !== undefined)).sort(), ['TSB103:12', 'TSB103:25', 'TSB103:9', 'TSB401:21'].sort());
  // Off by default.
  assert.deepEqual(scanSource('routes.ts', HYGIENE, activateRules(rules)).findings.filter((f) => f.ruleId.startsWith('TSB00')), []);
});

test('--report-unused-suppressions reports comments, and rules named in them, that silenced nothing', () => {
  const rules = RULES.filter((r) => ['TSB103', 'TSB401'].includes(r.id));
  const result = scanSource('routes.ts', HYGIENE, activateRules(rules), { reportSuppressions: { unused: true } });
  const unused = result.findings.filter((f) => f.ruleId === 'TSB002');
  assert.deepEqual(unused.map((f) => `${f.range.startLine}:${f.messageId}`), ['10:unused', '12:unusedRules', '13:unused', '24:unused']);
  assert.match(unused[0]!.message, /`tsbandit-ignore-next-line TSB103` suppresses nothing on the next line/);
  assert.match(unused[1]!.message, /names weak-hash, which reported nothing on this line; remove it from the list/);
  assert.match(unused[2]!.message, /suppresses nothing in its block/);
  assert.ok(unused.every((f) => f.severity === 'low' && f.confidence === 'high' && f.fingerprint.length === 16 && f.lineHash !== ''));
  // A rule that did not run is not held against a comment: with TSB401 off, lines 12 and 13 name only rules that ran and
  // matched or did not run; the bare comment of line 20 now silences nothing.
  const withoutHash = scanSource('routes.ts', HYGIENE, activateRules(rules.filter((r) => r.id === 'TSB103')), { reportSuppressions: { unused: true } });
  assert.deepEqual(withoutHash.findings.filter((f) => f.ruleId === 'TSB002').map((f) => f.range.startLine), [10, 20, 24]);
});

test('--ignore-nosec turns the suppression reports off with the suppressions', () => {
  const rules = RULES.filter((r) => ['TSB103', 'TSB401'].includes(r.id));
  const result = scanSource('routes.ts', HYGIENE, activateRules(rules), { ignoreInlineSuppressions: true, reportSuppressions: { unscoped: true, unused: true } });
  assert.deepEqual(result.findings.filter((f) => f.ruleId.startsWith('TSB00')), []);
  assert.equal(result.findings.filter((f) => f.suppressed !== undefined).length, 0);
});

test('suppression reports in text, JSON and SARIF (validated), explained by tsbandit explain; config keys turn them on', () => {
  const root = tempProject({ 'src/routes.ts': HYGIENE });
  const text = cli(root, 'scan', '--report-unscoped-suppressions', '--report-unused-suppressions');
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /9:22 {2}LOW \(confidence high\) {2}TSB001 unscoped-suppression {2}CWE-710/);
  assert.match(text.stdout, /TSB002 unused-suppression {2}CWE-1164/);
  assert.match(text.stdout, /Suppressed \(not shown\): 4/);
  const json = JSON.parse(cli(root, 'scan', '--timeout', '0', '--report-unused-suppressions', '-f', 'json').stdout) as { findings: { ruleId: string }[] };
  assert.equal(json.findings.filter((f) => f.ruleId === 'TSB002').length, 4);
  assert.equal(json.findings.filter((f) => f.ruleId === 'TSB001').length, 0);

  const sarifFile = path.join(root, 'out.sarif');
  assert.equal(cli(root, 'scan', '--timeout', '0', '--report-unscoped-suppressions', '--report-unused-suppressions', '-f', 'sarif', '-o', 'out.sarif').code, 1);
  const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as Sarif.Log;
  const run = log.runs[0]!;
  const ids = run.tool.driver.rules!.map((r) => r.id);
  for (const result of run.results!.filter((r) => r.ruleId!.startsWith('TSB00'))) {
    assert.equal(ids[result.ruleIndex!], result.ruleId);
    assert.equal(result.level, 'note');
  }
  const descriptor = run.tool.driver.rules!.find((r) => r.id === 'TSB001')!;
  assert.match(descriptor.help!.text, /names no rule|List the rules/);
  const validated = spawnSync(process.execPath, [path.join(REPO_ROOT, '..', 'shared', 'sarif', 'validate-sarif.mjs'), '--strict', sarifFile], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(validated.status, 0, validated.stdout + validated.stderr);

  assert.match(cli(root, 'explain', 'TSB002').stdout, /# TSB002 unused-suppression/);
  assert.match(cli(root, 'explain', 'unscoped-suppression').stdout, /--report-unscoped-suppressions/);
  assert.match(cli(root, '--help').stdout, /--report-unused-suppressions/);

  writeFileSync(path.join(root, '.tsbanditrc.yaml'), 'reportUnscopedSuppressions: true\n');
  const fromConfig = JSON.parse(cli(root, 'scan', '--timeout', '0', '-f', 'json').stdout) as { findings: { ruleId: string }[] };
  assert.equal(fromConfig.findings.filter((f) => f.ruleId === 'TSB001').length, 3);
  writeFileSync(path.join(root, '.tsbanditrc.yaml'), 'reportUnusedSuppressions: yes please\n');
  const bad = cli(root, 'scan', '--timeout', '0');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /\.tsbanditrc\.yaml: reportUnusedSuppressions: expected true or false, got "yes please"/);
});

test('every suppression form, by id and kebab name, in the scan summary and --show-suppressed', () => {
  const source = `import { exec } from 'node:child_process';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'db' });
export async function report(table: string, user: string) {
  await pool.query('SELECT * FROM ' + table); // tsbandit-ignore TSB201 -- table comes from the REPORTS enum
  // tsbandit-ignore sql-injection -- same, on the line above
  await pool.query('SELECT * FROM ' + table);
  // tsbandit-ignore-next-line TSB201, child-process-exec -- both from the enum
  await pool.query('DELETE FROM ' + table + ' WHERE owner = ' + user);
  /* tsbandit-ignore-start TSB201 */
  await pool.query('SELECT count(*) FROM ' + table);
  exec('wc -l ' + table);
  /* tsbandit-ignore-end */
  exec('ls ' + table); // nosec
  exec('cat ' + table); // nosec TSB103
  exec('rm ' + table); // nosec TSB201 -- names another rule: still reported
}
`;
  const root = tempProject({ 'src/report.ts': source });
  const run = cli(root, 'scan', '--timeout', '0', '-f', 'json');
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string; range: { startLine: number } }[]; summary?: unknown };
  assert.deepEqual(ruleIdsAt(report.findings), ['TSB103:13', 'TSB103:17']);
  assert.match(cli(root, 'scan', '--timeout', '0').stdout, /Suppressed \(not shown\): 6/);
  const shown = JSON.parse(cli(root, 'scan', '--timeout', '0', '-f', 'json', '--show-suppressed').stdout) as { findings: { ruleId: string; range: { startLine: number }; suppressed?: { kind: string; line: number } }[] };
  assert.deepEqual(shown.findings.filter((f) => f.suppressed !== undefined).map((f) => `${f.ruleId}:${f.range.startLine}<-${f.suppressed!.line}`), [
    'TSB201:6<-6', 'TSB201:8<-7', 'TSB201:10<-9', 'TSB201:12<-11', 'TSB103:15<-15', 'TSB103:16<-16',
  ]);
  const ignored = JSON.parse(cli(root, 'scan', '--timeout', '0', '-f', 'json', '--ignore-nosec').stdout) as { findings: unknown[] };
  assert.equal(ignored.findings.length, 8);
});

test('TSB001 and TSB002 have generated doc pages, and their documented examples behave as labelled', () => {
  for (const rule of SUPPRESSION_RULES) {
    const page = readFileSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule.name}.md`), 'utf8');
    assert.equal(page, `${GENERATED_BANNER}\n\n${renderSuppressionRuleDoc(rule)}`, `docs/rules/${rule.name}.md is stale: run npm run docs`);
    assert.doesNotMatch(page, /tsbandit\/(unscoped|unused)-suppression/, 'not presented as an ESLint rule');
    const reporting = { unscoped: true, unused: true };
    const ofRule = (code: string): Finding[] => scanSource('example.ts', code, activateRules(RULES.filter((r) => r.id === 'TSB103')), { reportSuppressions: reporting }).findings.filter((f) => f.ruleId === rule.id);
    assert.equal(ofRule(rule.docs.examples.flagged).length, 1, `${rule.id} flagged example`);
    assert.equal(ofRule(rule.docs.examples.safe).length, 0, `${rule.id} safe example`);
  }
});
