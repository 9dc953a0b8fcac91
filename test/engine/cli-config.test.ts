import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/fixtures.js';
import { cli, tempProject } from '../support/temp.js';

const APP = "import { exec } from 'child_process';\nimport { createHash } from 'crypto';\nexport const run = (x: string) => exec('ls ' + x);\nexport const digest = (b: string) => createHash('md5').update(b).digest('hex');\n";

const oneLineError = (run: { code: number; stderr: string }, pattern: RegExp): void => {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, pattern);
};

test('tsbandit init writes a commented starter config that the scan accepts', () => {
  const root = tempProject({ 'src/app.ts': APP, 'test/fixtures/bad.ts': APP });
  assert.equal(cli(root, 'init').code, 0);
  const written = readFileSync(path.join(root, '.tsbanditrc.yaml'), 'utf8');
  assert.match(written, /^# tsbandit configuration/);
  const run = cli(root, 'scan', '-f', 'json');
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: { file: string }[] };
  assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['src/app.ts'], 'the starter excludes test/fixtures');
  assert.equal(cli(root, 'init').code, 2, 'init does not overwrite');
});

test('config mistakes are one-line errors naming the file and key path', () => {
  const root = tempProject({ 'a.ts': APP });
  writeFileSync(path.join(root, 'typo.json'), JSON.stringify({ exclud: ['x'] }));
  oneLineError(cli(root, 'scan', '--config', 'typo.json'), /typo\.json: exclud: unknown key/);
  writeFileSync(path.join(root, 'bad.yaml'), 'severity: [high\n');
  oneLineError(cli(root, 'scan', '--config', 'bad.yaml'), /bad\.yaml:\d+:\d+: YAML syntax error/);
  writeFileSync(path.join(root, 'rule.json'), JSON.stringify({ rules: { 'sql-injektion': 'off' } }));
  oneLineError(cli(root, 'scan', '--config', 'rule.json'), /rule\.json: rules\.sql-injektion: unknown rule/);
  oneLineError(cli(root, 'scan', '--config', 'missing.json'), /missing\.json: cannot read config/);
});

test('config settings apply, and command-line options win', () => {
  const root = tempProject({ 'a.ts': APP, 'tsbandit.config.json': JSON.stringify({ severity: 'high', rules: { 'weak-hash': 'off' }, format: 'json' }) });
  const run = cli(root, 'scan');
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; thresholds: { severity: string } };
  assert.deepEqual(report.findings.map((f) => f.ruleId), ['TSB103']);
  assert.equal(report.thresholds.severity, 'high');
  assert.match(cli(root, 'scan', '-f', 'text', '--severity', 'critical').stdout, /No findings at or above the thresholds/);
  assert.match(cli(root, 'scan', '--no-config', '-f', 'text').stdout, /TSB401/);
});

test('a config found in the scanned folder cannot load plugins without --trust-config', () => {
  const root = tempProject({ 'package.json': JSON.stringify({ name: 'x', private: true, type: 'module' }), '.tsbanditrc.json': JSON.stringify({ plugins: ['tsbandit-plugin-acme'] }) });
  mkdirSync(path.join(root, 'node_modules'));
  symlinkSync(REPO_ROOT, path.join(root, 'node_modules', 'tsbandit'), 'dir');
  cpSync(path.join(REPO_ROOT, 'examples', 'plugin', 'tsbandit-plugin-acme'), path.join(root, 'node_modules', 'tsbandit-plugin-acme'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'examples', 'plugin', 'usage.ts'), path.join(root, 'usage.ts'));
  oneLineError(cli(root, 'scan'), /\.tsbanditrc\.json: plugins: .*--trust-config/);
  const trusted = cli(root, 'scan', '--trust-config', '-f', 'json');
  assert.equal(trusted.code, 1, trusted.stderr);
  assert.deepEqual((JSON.parse(trusted.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId), ['ACME201']);
  const named = cli(root, 'scan', '--no-config', '--plugin', 'tsbandit-plugin-acme', '-f', 'json');
  assert.deepEqual((JSON.parse(named.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId), ['ACME201']);
  assert.match(cli(root, 'rules').stdout, /TSB101/);
});

test('--write-baseline then --baseline: line shifts report nothing new, one new line reports one', () => {
  const root = tempProject({ 'src/app.ts': APP });
  const written = cli(root, 'scan', '--write-baseline', '.tsbandit-baseline.json', '--exit-zero');
  assert.match(written.stderr, /wrote baseline of 2 finding\(s\)/);
  const header = Array.from({ length: 20 }, (_, i) => `// line ${i}`).join('\n') + '\n';
  writeFileSync(path.join(root, 'src/app.ts'), header + APP);
  const shifted = cli(root, 'scan', '--baseline', '.tsbandit-baseline.json');
  assert.equal(shifted.code, 0, shifted.stdout);
  assert.match(shifted.stderr, /2 known finding\(s\) not reported, 0 baseline entries no longer found/);
  writeFileSync(path.join(root, 'src/app.ts'), header + APP + "export const rm = (x: string) => exec('rm -rf ' + x);\n");
  const added = cli(root, 'scan', '--baseline', '.tsbandit-baseline.json', '-f', 'json');
  assert.equal(added.code, 1);
  assert.deepEqual((JSON.parse(added.stdout) as { findings: { range: { startLine: number } }[] }).findings.map((f) => f.range.startLine), [25]);
  oneLineError(cli(root, 'scan', '--baseline', 'nope.json'), /nope\.json: cannot read baseline: file not found/);
});

test('--ignore-nosec and --show-suppressed', () => {
  const root = tempProject({ 'a.ts': "import { exec } from 'child_process';\nexport const run = (x: string) => exec('ls ' + x); // nosec TSB103 -- x is an enum value\n" });
  const quiet = cli(root, 'scan');
  assert.equal(quiet.code, 0);
  assert.match(quiet.stdout, /Suppressed \(not shown\): 1/);
  assert.equal(cli(root, 'scan', '--ignore-nosec').code, 1);
  const shown = JSON.parse(cli(root, 'scan', '--show-suppressed', '-f', 'json').stdout) as { findings: { suppressed?: { kind: string; justification?: string } }[] };
  assert.deepEqual(shown.findings.map((f) => f.suppressed), [{ kind: 'inline', line: 2, justification: 'x is an enum value' }]);
});
