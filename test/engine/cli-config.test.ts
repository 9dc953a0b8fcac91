import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

test('several files shifted by 20 lines: 0 new findings; one added vulnerable line: exactly 1 (text, JSON and exit code)', () => {
  const view = "export function show(el: HTMLElement, html: string) {\n  el.innerHTML = html;\n}\n";
  const db = "import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ host: 'db' });\nexport const find = (id: string) => pool.query('SELECT * FROM users WHERE id = ' + id);\n";
  const root = tempProject({ 'src/app.ts': APP, 'src/view.ts': view, 'src/db.ts': db, 'lib/tools.ts': APP });
  const written = cli(root, 'scan', '--timeout', '0', '--write-baseline', '.tsbandit-baseline.json', '--exit-zero');
  assert.match(written.stderr, /wrote baseline of 6 finding\(s\)/);
  const header = "/**\n * Licensed under the Apache License, Version 2.0.\n */\n" + Array.from({ length: 17 }, (_, i) => `// note ${i + 1}`).join('\n') + '\n';
  for (const [file, text] of [['src/app.ts', APP], ['src/view.ts', view], ['src/db.ts', db], ['lib/tools.ts', APP]] as const) writeFileSync(path.join(root, file), header + text);
  const shifted = cli(root, 'scan', '--timeout', '0', '--baseline', '.tsbandit-baseline.json', '-f', 'json');
  assert.equal(shifted.code, 0, shifted.stdout);
  assert.deepEqual((JSON.parse(shifted.stdout) as { findings: unknown[] }).findings, []);
  assert.match(shifted.stderr, /6 known finding\(s\) not reported, 0 baseline entries no longer found/);
  writeFileSync(path.join(root, 'src/db.ts'), header + db + "export const remove = (id: string) => pool.query('DELETE FROM users WHERE id = ' + id);\n");
  const added = cli(root, 'scan', '--timeout', '0', '--baseline', '.tsbandit-baseline.json', '-f', 'json');
  assert.equal(added.code, 1);
  assert.deepEqual((JSON.parse(added.stdout) as { findings: { file: string; ruleId: string; range: { startLine: number } }[] }).findings.map((f) => `${f.file}:${f.range.startLine}:${f.ruleId}`), ['src/db.ts:24:TSB201']);
  assert.match(cli(root, 'scan', '--timeout', '0', '--baseline', '.tsbandit-baseline.json').stdout, /Findings: 1 /);
});

test('a config discovered in the scanned folder: typo, YAML syntax error and unknown rule are one-line errors (exit 2)', () => {
  const cases: [string, string, RegExp][] = [
    ['tsbandit.config.json', JSON.stringify({ exlude: ['dist/**'] }), /tsbandit\.config\.json: exlude: unknown key \(expected one of include, exclude/],
    ['.tsbanditrc.yaml', 'severity: high\nrules:\n  weak-hash: { severity: low\n', /\.tsbanditrc\.yaml:\d+:\d+: YAML syntax error/],
    ['.tsbanditrc.yml', 'rules:\n  TSB999: off\n', /\.tsbanditrc\.yml: rules\.TSB999: unknown rule/],
    ['.tsbanditrc.json', JSON.stringify({ rules: { 'weak-hash': { severity: 'urgent' } } }), /\.tsbanditrc\.json: rules\.weak-hash\.severity: expected one of low, medium, high, critical, got "urgent"/],
    ['package.json', JSON.stringify({ name: 'app', tsbandit: { confidence: 'sure' } }), /package\.json: tsbandit: confidence: expected one of low, medium, high, got "sure"/],
  ];
  for (const [name, text, pattern] of cases) {
    const root = tempProject({ 'src/app.ts': APP, [name]: text });
    oneLineError(cli(root, 'scan'), pattern);
  }
});

test('a config inside the scanned folder naming a plugin never runs the plugin without --trust-config', () => {
  const root = tempProject({ 'package.json': JSON.stringify({ name: 'x', private: true, type: 'module' }), 'tsbandit.config.json': JSON.stringify({ plugins: ['tsbandit-plugin-evil'] }) });
  // A plugin that would leave a mark if it ran.
  mkdirSync(path.join(root, 'node_modules', 'tsbandit-plugin-evil'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'tsbandit-plugin-evil', 'package.json'), JSON.stringify({ name: 'tsbandit-plugin-evil', main: 'index.cjs' }));
  writeFileSync(path.join(root, 'node_modules', 'tsbandit-plugin-evil', 'index.cjs'), "require('node:fs').writeFileSync(require('node:path').join(__dirname, 'RAN'), 'x');\nmodule.exports = { rules: [] };\n");
  oneLineError(cli(root, 'scan'), /tsbandit\.config\.json: plugins: .*--trust-config/);
  assert.equal(existsSync(path.join(root, 'node_modules', 'tsbandit-plugin-evil', 'RAN')), false, 'the plugin code did not run');
  // Passing the config explicitly is the user vouching for it: then it loads (and here fails for exporting no rules).
  oneLineError(cli(root, 'scan', '--config', 'tsbandit.config.json'), /plugin tsbandit-plugin-evil: exports no rules/);
  assert.equal(existsSync(path.join(root, 'node_modules', 'tsbandit-plugin-evil', 'RAN')), true);
});

test('the starter config documents every top-level key, and its commented examples are valid when uncommented', () => {
  const root = tempProject({ 'src/app.ts': APP });
  assert.equal(cli(root, 'init').code, 0);
  const written = readFileSync(path.join(root, '.tsbanditrc.yaml'), 'utf8');
  for (const key of ['include', 'exclude', 'severity', 'confidence', 'maxFileSize', 'baseline', 'rules', 'plugins', 'analysis', 'reportUnscopedSuppressions', 'reportUnusedSuppressions']) {
    assert.match(written, new RegExp(`^#? ?${key}:`, 'm'), key);
  }
  // Uncomment the analysis and suppression-report examples (not plugins: no such package here).
  const uncommented = written
    .split('\n\n')
    .map((block) => (/^# (analysis|reportU\w+):/m.test(block) ? block.replace(/^# (?=(analysis|reportU\w+):| )/gm, '') : block))
    .join('\n\n');
  writeFileSync(path.join(root, '.tsbanditrc.yaml'), uncommented);
  const run = cli(root, 'scan', '--timeout', '0', '-f', 'json');
  assert.equal(run.code, 1, run.stderr);
  assert.ok(uncommented.includes('\nanalysis:\n  sinks:'), uncommented);
});
