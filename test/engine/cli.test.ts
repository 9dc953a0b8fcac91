import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { TOOL_VERSION } from '../../src/meta.js';
import { cli, tempProject } from '../support/temp.js';
import { REPO_ROOT } from '../support/fixtures.js';

const VULNERABLE = `import { exec } from 'node:child_process';
import { createHash } from 'node:crypto';
export function handler(req: { query: { dir: string } }) {
  exec('ls ' + req.query.dir);
  return createHash('md5').update('x').digest('hex');
}
`;

test('--version and --help', () => {
  assert.deepEqual(cli(REPO_ROOT, '--version'), { code: 0, stdout: `${TOOL_VERSION}\n`, stderr: '' });
  const help = cli(REPO_ROOT, '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: tsbandit <command>/);
  assert.match(help.stdout, /Exit codes: 0 .* 1 findings, 2 usage/);
});

test('usage errors exit 2 with one line and no stack trace', () => {
  const root = tempProject({ 'a.ts': 'export {};\n' });
  for (const argv of [['scan', '--bogus'], ['scan', '-f', 'xml'], ['scan', '--severity', 'huge'], ['frobnicate'], ['scan', 'no/such/dir']]) {
    const run = cli(root, ...argv);
    assert.equal(run.code, 2, argv.join(' '));
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^tsbandit: .+\n/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.match(cli(root, 'scan', 'missing.ts').stderr, /path not found: missing\.ts/);
});

test('exit code follows findings and thresholds', () => {
  const root = tempProject({ 'src/app.ts': VULNERABLE, 'src/clean.ts': 'export const add = (a: number, b: number) => a + b;\n' });
  const all = cli(root, 'scan');
  assert.equal(all.code, 1);
  assert.match(all.stdout, /src\/app\.ts/);
  assert.match(all.stdout, /TSB103 child-process-exec/);
  assert.match(all.stdout, /TSB401 weak-hash/);
  assert.match(all.stdout, /Findings: 2 \(critical 0, high 1, medium 1, low 0\)/);
  assert.equal(cli(root, 'scan', '--exit-zero').code, 0);
  const high = cli(root, 'scan', '--severity', 'high', '-f', 'json');
  assert.equal(high.code, 1);
  const report = JSON.parse(high.stdout) as { findings: { ruleId: string }[]; summary: { belowThresholds: number } };
  assert.deepEqual(report.findings.map((f) => f.ruleId), ['TSB103']);
  assert.equal(report.summary.belowThresholds, 1);
  assert.equal(cli(root, 'scan', '--severity', 'critical').code, 0);
  assert.equal(cli(root, 'scan', 'src/clean.ts').code, 0);
});

test('json report: stable, documented fields, byte-identical across runs', () => {
  const root = tempProject({ 'b.ts': VULNERABLE, 'a.ts': VULNERABLE });
  const first = cli(root, 'scan', '-f', 'json');
  const second = cli(root, 'scan', '-f', 'json');
  assert.equal(first.stdout, second.stdout);
  const report = JSON.parse(first.stdout) as { reportVersion: number; findings: Record<string, unknown>[] };
  assert.equal(report.reportVersion, 1);
  assert.deepEqual(report.findings.map((f) => f.file), ['a.ts', 'a.ts', 'b.ts', 'b.ts']);
  const [finding] = report.findings;
  assert.deepEqual(Object.keys(finding!), ['ruleId', 'ruleName', 'severity', 'confidence', 'cwe', 'message', 'file', 'range', 'snippet', 'fingerprint', 'flow']);
  assert.deepEqual((finding!.flow as { steps: { label: string }[] }).steps.map((s) => s.label), ['req.query.dir', 'exec']);
  assert.deepEqual(finding!.range, { startLine: 4, startColumn: 8, endLine: 4, endColumn: 29 });
  assert.equal(finding!.confidence, 'high');
});

test('a file that does not parse is a located notice; other files are still scanned; exit code unaffected', () => {
  const root = tempProject({ 'broken.ts': 'export function f( {\n  return 1;\n', 'ok.ts': 'export const x = 1;\n' });
  const run = cli(root, 'scan', '-f', 'json');
  assert.equal(run.code, 0);
  const report = JSON.parse(run.stdout) as { notices: { kind: string; file: string; line: number; column: number; message: string }[] };
  assert.equal(report.notices.length, 1);
  assert.equal(report.notices[0]!.kind, 'parse-error');
  assert.equal(report.notices[0]!.file, 'broken.ts');
  assert.ok(report.notices[0]!.line >= 1 && report.notices[0]!.column >= 1);
  const text = cli(root, 'scan');
  assert.match(text.stdout, /broken\.ts:\d+:\d+ {2}parse-error {2}could not be parsed: /);
});

test('-o writes the report to a file and says so on stderr', () => {
  const root = tempProject({ 'app.ts': VULNERABLE });
  const run = cli(root, 'scan', '-f', 'sarif', '-o', 'out.sarif');
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /wrote sarif report to out\.sarif: 2 finding\(s\)/);
  assert.equal(JSON.parse(readFileSync(path.join(root, 'out.sarif'), 'utf8')).version, '2.1.0');
});

test('rules and explain list the registry', () => {
  const rules = cli(REPO_ROOT, 'rules');
  assert.equal(rules.code, 0);
  assert.match(rules.stdout, /^ID\s+NAME\s+SEVERITY\s+CONFIDENCE\s+CWE\s+TITLE/);
  assert.match(rules.stdout, /TSB201\s+sql-injection\s+high\s+medium\s+CWE-89/);
  const explain = cli(REPO_ROOT, 'explain', 'sql-injection');
  assert.match(explain.stdout, /^# TSB201 sql-injection: /);
  assert.equal(cli(REPO_ROOT, 'explain', 'TSB999').code, 2);
});

test('the installed binary runs as a process with the same exit codes', () => {
  const root = tempProject({ 'app.ts': VULNERABLE });
  const bin = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'bin.js');
  const found = spawnSync(process.execPath, [bin, 'scan', '.'], { cwd: root, encoding: 'utf8' });
  assert.equal(found.status, 1, found.stderr);
  const usage = spawnSync(process.execPath, [bin, 'scan', '--nope'], { cwd: root, encoding: 'utf8' });
  assert.equal(usage.status, 2);
});

test('--exclude applies to a folder outside the current one, relative to that folder', () => {
  const root = tempProject({
    'work/.keep': '',
    'lib/src/app.ts': VULNERABLE,
    'lib/src/app.d.ts': 'export declare function handler(req: unknown): string;\n',
    'lib/test/app.test.ts': VULNERABLE,
  });
  const run = cli(path.join(root, 'work'), 'scan', '../lib', '--no-default-excludes', '--exclude', '*.d.ts', '--exclude', 'test/**', '-f', 'json', '--exit-zero');
  const report = JSON.parse(run.stdout) as { findings: { file: string }[]; summary: { filesScanned: number } };
  assert.equal(report.summary.filesScanned, 1);
  assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['../lib/src/app.ts']);
});
