import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { shardOf } from '../../src/discover/shard.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { cli, tempProject } from '../support/temp.js';

const APP = "import { exec } from 'child_process';\nimport { createHash } from 'crypto';\nexport const run = (x: string) => exec('ls ' + x);\nexport const digest = (b: string) => createHash('md5').update(b).digest('hex');\n";

test('--fail-on: exit 1 exactly when a reported finding reaches it; the report does not change', () => {
  const root = tempProject({ 'a.ts': APP }); // one high (TSB103), one medium (TSB401)
  const reports = new Set<string>();
  for (const [level, code] of [['low', 1], ['medium', 1], ['high', 1], ['critical', 0]] as const) {
    const run = cli(root, 'scan', '-f', 'json', '--fail-on', level);
    assert.equal(run.code, code, level);
    reports.add(run.stdout);
  }
  assert.equal(reports.size, 1);
  assert.equal(cli(root, 'scan', '--fail-on', 'high', '--severity', 'critical').code, 0, 'a finding below the report threshold never fails');
  writeFileSync(path.join(root, '.tsbanditrc.json'), JSON.stringify({ failOn: 'critical' }));
  assert.equal(cli(root, 'scan').code, 0);
  assert.equal(cli(root, 'scan', '--fail-on', 'medium').code, 1);
});

test('a config turning a rule off for test/** silences it there and nowhere else', () => {
  const root = tempProject({
    'src/app.ts': APP,
    'test/app.test.ts': APP,
    '.tsbanditrc.json': JSON.stringify({ overrides: [{ files: ['test/**'], rules: { 'child-process-exec': 'off', TSB401: { severity: 'low' } } }] }),
  });
  const report = JSON.parse(cli(root, 'scan', '-f', 'json').stdout) as { findings: { file: string; ruleId: string; severity: string }[] };
  assert.deepEqual(report.findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`), ['src/app.ts TSB103 high', 'src/app.ts TSB401 medium', 'test/app.test.ts TSB401 low']);
});

function shardsEqualFullScan(root: string, paths: string[], shards: number): void {
  for (const format of ['json', 'sarif']) {
    const full = cli(root, 'scan', ...paths, '-f', format, '-o', `full.${format}`, '--exit-zero');
    assert.equal(full.code, 0, full.stderr);
    const parts = Array.from({ length: shards }, (_, i) => `part${i + 1}.${format}`);
    parts.forEach((part, i) => assert.equal(cli(root, 'scan', ...paths, '-f', format, '-o', part, '--shard', `${i + 1}/${shards}`, '--exit-zero').code, 0));
    const merged = cli(root, 'merge', ...parts, '-o', `merged.${format}`);
    assert.equal(merged.code, 0, merged.stderr);
    assert.equal(readFileSync(path.join(root, `merged.${format}`), 'utf8'), readFileSync(path.join(root, `full.${format}`), 'utf8'), `${format}: merged shards differ from the full scan`);
  }
}

test('shards of examples/ never overlap, cover every file, and merge into the full scan', () => {
  const root = tempProject({});
  cpSync(path.join(REPO_ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
  const lists = [1, 2].map((k) => (JSON.parse(cli(root, 'scan', 'examples', '-f', 'json', '--shard', `${k}/2`, '--exit-zero').stdout) as { summary: { filesFound: number } }).summary.filesFound);
  const full = (JSON.parse(cli(root, 'scan', 'examples', '-f', 'json', '--exit-zero').stdout) as { summary: { filesFound: number } }).summary.filesFound;
  assert.equal(lists[0]! + lists[1]!, full);
  shardsEqualFullScan(root, ['examples'], 2);
});

test('a generated tree of 1,500 files: three shards merge into the full scan', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1500; i++) {
    const folder = `pkg${i % 37}/src/${i % 5 === 0 ? 'routes' : 'lib'}`;
    files[`${folder}/file${i}.ts`] = i % 7 === 0 ? APP : i % 11 === 0 ? 'export function (' : `export const v${i} = ${i};\n`;
  }
  const root = tempProject(files);
  const assigned = Object.keys(files).map((file) => shardOf(file, 3));
  assert.ok([1, 2, 3].every((k) => assigned.filter((s) => s === k).length > 400), 'the split is balanced');
  shardsEqualFullScan(root, ['.'], 3);
});

test('a failing scan leaves no report, and an older report is not truncated', () => {
  const root = tempProject({ 'a.ts': APP, 'bad.json': '{ "severity": ' });
  assert.equal(cli(root, 'scan', '-f', 'sarif', '-o', 'new.sarif', '--config', 'bad.json').code, 2);
  assert.equal(existsSync(path.join(root, 'new.sarif')), false);
  writeFileSync(path.join(root, 'old.sarif'), 'previous report');
  assert.equal(cli(root, 'scan', '-f', 'sarif', '-o', 'old.sarif', '--shard', '3/2').code, 2);
  assert.equal(readFileSync(path.join(root, 'old.sarif'), 'utf8'), 'previous report');
  assert.equal(cli(root, 'scan', '-o', 'old.sarif', '--exit-zero').code, 0);
  assert.match(readFileSync(path.join(root, 'old.sarif'), 'utf8'), /^tsbandit /);
});

test('--cache: a re-scan reuses results, identical to a cold scan; a config change gets a fresh store', () => {
  const root = tempProject({ 'src/a.ts': APP, 'src/b.ts': 'export const x = 1;\n' });
  const dir = path.join(root, '.cache');
  /** The result stores in the cache folder: file name → its entries' paths. */
  const stores = (): Map<string, string[]> => {
    const found = new Map<string, string[]>();
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const data = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { entries: Record<string, unknown> };
      found.set(name, Object.keys(data.entries));
    }
    return found;
  };
  const modified = (): number[] => [...stores().keys()].map((name) => statSync(path.join(dir, name)).mtimeMs);
  const cold = cli(root, 'scan', '-f', 'json', '--no-config');
  const first = cli(root, 'scan', '-f', 'json', '--cache', '.cache', '--no-config');
  assert.deepEqual([...stores().values()], [['src/a.ts', 'src/b.ts']]);
  const written = modified();
  const warm = cli(root, 'scan', '-f', 'json', '--cache', '.cache', '--no-config');
  assert.equal(first.stdout, cold.stdout);
  assert.equal(warm.stdout, cold.stdout);
  assert.deepEqual(modified(), written, 'the warm scan wrote nothing');
  writeFileSync(path.join(root, 'src/b.ts'), APP);
  const changed = JSON.parse(cli(root, 'scan', '-f', 'json', '--cache', '.cache', '--no-config').stdout) as { findings: { file: string }[] };
  assert.equal(changed.findings.filter((f) => f.file === 'src/b.ts').length, 2, 'a changed file is scanned again');
  const [before] = stores().keys();
  writeFileSync(path.join(root, 'off.json'), JSON.stringify({ rules: { 'weak-hash': 'off' } }));
  const reconfigured = JSON.parse(cli(root, 'scan', '-f', 'json', '--cache', '.cache', '--config', 'off.json').stdout) as { findings: { ruleId: string }[] };
  assert.ok(reconfigured.findings.every((f) => f.ruleId !== 'TSB401'), 'results of another rule set are not read back');
  assert.equal(stores().size, 1, 'the store of the old rule set is replaced, not kept');
  assert.notEqual([...stores().keys()][0], before);
});

test('--cache: shards sharing a cache folder keep each other\'s entries', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`src/f${i}.ts`] = i % 5 === 0 ? APP : `export const v${i} = ${i};\n`;
  const root = tempProject(files);
  const full = cli(root, 'scan', '-f', 'json', '--no-config');
  for (const shard of ['1/2', '2/2']) assert.equal(cli(root, 'scan', '-f', 'json', '--no-config', '--cache', '.cache', '--shard', shard, '-o', `${shard.replace('/', '-')}.json`, '--exit-zero').code, 0);
  const [store] = readdirSync(path.join(root, '.cache'));
  const entries = Object.keys((JSON.parse(readFileSync(path.join(root, '.cache', store!), 'utf8')) as { entries: object }).entries);
  assert.equal(entries.length, 40);
  const warm = cli(root, 'scan', '-f', 'json', '--no-config', '--cache', '.cache');
  assert.equal(warm.stdout, full.stdout);
});
