import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { RULES } from '../../rules/index.js';
import { applyBaseline, readBaseline, renderBaseline } from '../../src/baseline/index.js';
import { applyRuleSettings, ConfigError, configSchema, enabledRules, findConfig, loadPlugins, ruleOptionsOf, validateConfig } from '../../src/config/index.js';
import { scan } from '../../src/engine/scan.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { tempProject } from '../support/temp.js';

const throwsConfig = (run: () => unknown, message: RegExp): void => {
  assert.throws(run, (error: unknown) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'));
};

test('config errors name the file, the key path and what was expected, on one line', () => {
  const root = tempProject({
    'typo/tsbandit.config.json': JSON.stringify({ severty: 'high' }),
    'yaml/.tsbanditrc.yaml': 'severity: high\nrules:\n  TSB201: [unclosed\n',
    'rule/.tsbanditrc.json': JSON.stringify({ rules: { TSB999: 'off' } }),
    'type/.tsbanditrc.json': JSON.stringify({ exclude: 'test/**' }),
    'option/.tsbanditrc.json': JSON.stringify({ rules: { 'sql-injection': { options: { strict: true } } } }),
  });
  throwsConfig(() => findConfig(path.join(root, 'typo'), RULES), /tsbandit\.config\.json: severty: unknown key/);
  throwsConfig(() => findConfig(path.join(root, 'yaml'), RULES), /\.tsbanditrc\.yaml:\d+:\d+: YAML syntax error: Flow sequence/);
  throwsConfig(() => findConfig(path.join(root, 'rule'), RULES), /\.tsbanditrc\.json: rules\.TSB999: unknown rule/);
  throwsConfig(() => findConfig(path.join(root, 'type'), RULES), /exclude: expected an array of strings, got "test\/\*\*"/);
  throwsConfig(() => findConfig(path.join(root, 'option'), RULES), /rules\.sql-injection\.options\.strict: unknown option of TSB201/);
});

test('lookup order: tsbandit.config.json, .tsbanditrc.json, .tsbanditrc.yaml, then package.json "tsbandit"', () => {
  const root = tempProject({
    'a/.tsbanditrc.yml': 'severity: medium\n',
    'a/package.json': JSON.stringify({ name: 'a', tsbandit: { severity: 'high' } }),
    'b/package.json': JSON.stringify({ name: 'b', tsbandit: { severity: 'high', rules: { 'weak-hash': 'off' } } }),
    'c/package.json': JSON.stringify({ name: 'c' }),
  });
  assert.equal(findConfig(path.join(root, 'a'), RULES)?.config.severity, 'medium');
  const fromPackage = findConfig(path.join(root, 'b'), RULES)!;
  assert.equal(fromPackage.config.severity, 'high');
  assert.ok(!enabledRules(RULES, fromPackage.config).some((rule) => rule.name === 'weak-hash'));
  assert.equal(findConfig(path.join(root, 'c'), RULES), undefined);
});

test('the published JSON Schema and the loader agree', () => {
  const validate = new Ajv({ strict: false }).compile(configSchema(RULES));
  const valid = [{}, { severity: 'high', exclude: ['test/**'], rules: { TSB201: 'off', 'weak-hash': { severity: 'low', confidence: 'high' } } }, { maxFileSize: '4m', format: 'sarif', baseline: 'b.json', plugins: ['x'] }];
  const invalid = [{ severty: 'high' }, { rules: { TSB999: 'off' } }, { exclude: 'x' }, { severity: 'huge' }, { rules: { TSB201: { level: 'x' } } }, { maxFileSize: 'big' }, []];
  for (const sample of valid) {
    assert.equal(validate(sample), true, JSON.stringify(sample));
    assert.doesNotThrow(() => validateConfig(sample, 'x', RULES));
  }
  for (const sample of invalid) {
    assert.equal(validate(sample), false, JSON.stringify(sample));
    assert.throws(() => validateConfig(sample, 'x', RULES), ConfigError);
  }
  const published = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', 'config.schema.json'), 'utf8'));
  assert.deepEqual(published, configSchema(RULES), 'schema/config.schema.json is stale: run npm run docs');
});

test('rule settings: severity override and per-rule confidence floor', () => {
  const root = tempProject({ 'a.ts': "import { createHash } from 'crypto';\ncreateHash('sha1');\ncreateHash('md5');\n" });
  const { findings } = scan({ root, paths: ['.'], rules: RULES, timeoutMs: 0 });
  const adjusted = applyRuleSettings(findings, RULES, { rules: { 'weak-hash': { severity: 'low', confidence: 'high' } } });
  assert.deepEqual(adjusted.map((f) => `${f.range.startLine}:${f.severity}:${f.confidence}`), ['3:low:high']);
});

test('a baseline keeps matching after 20 lines are inserted above; one new vulnerable line is the only new finding', () => {
  const app = "import { exec } from 'child_process';\nexport const a = (x: string) => exec('ls ' + x);\nexport const b = (x: string) => exec('ls ' + x);\n";
  const view = "export const show = (el: HTMLElement, h: string) => { el.innerHTML = h; };\n";
  const root = tempProject({ 'src/app.ts': app, 'src/view.ts': view });
  const before = scan({ root, paths: ['.'], rules: RULES, timeoutMs: 0 });
  assert.equal(before.findings.length, 3);
  const baselineFile = path.join(root, '.tsbandit-baseline.json');
  writeFileSync(baselineFile, renderBaseline(before.findings));
  assert.doesNotMatch(readFileSync(baselineFile, 'utf8'), /exec|innerHTML|"line/);
  const header = Array.from({ length: 20 }, (_, i) => `// header line ${i + 1}`).join('\n') + '\n';
  writeFileSync(path.join(root, 'src/app.ts'), header + app);
  writeFileSync(path.join(root, 'src/view.ts'), header + view);
  const shifted = applyBaseline(scan({ root, paths: ['.'], rules: RULES, timeoutMs: 0 }).findings, readBaseline(baselineFile));
  assert.equal(shifted.findings.filter((f) => f.suppressed === undefined).length, 0);
  assert.equal(shifted.fixed, 0);
  writeFileSync(path.join(root, 'src/app.ts'), header + app + "export const c = (x: string) => exec('rm ' + x);\n");
  const added = applyBaseline(scan({ root, paths: ['.'], rules: RULES, timeoutMs: 0 }).findings, readBaseline(baselineFile));
  assert.deepEqual(added.findings.filter((f) => f.suppressed === undefined).map((f) => `${f.file}:${f.range.startLine}`), ['src/app.ts:24']);
  writeFileSync(path.join(root, 'src/view.ts'), 'export {};\n');
  assert.equal(applyBaseline(scan({ root, paths: ['.'], rules: RULES, timeoutMs: 0 }).findings, readBaseline(baselineFile)).fixed, 1);
});

/** A project that has the example plugin and tsbandit installed, as a user's would. */
function projectWithPlugin(): string {
  const root = tempProject({ 'package.json': JSON.stringify({ name: 'acme-app', private: true, type: 'module' }) });
  mkdirSync(path.join(root, 'node_modules'));
  symlinkSync(REPO_ROOT, path.join(root, 'node_modules', 'tsbandit'), 'dir');
  cpSync(path.join(REPO_ROOT, 'examples', 'plugin', 'tsbandit-plugin-acme'), path.join(root, 'node_modules', 'tsbandit-plugin-acme'), { recursive: true });
  mkdirSync(path.join(root, 'src'));
  cpSync(path.join(REPO_ROOT, 'examples', 'plugin', 'usage.ts'), path.join(root, 'src', 'usage.ts'));
  return root;
}

test('a plugin made with the public API loads, runs in the worker, and may not collide with built-in ids', () => {
  const root = projectWithPlugin();
  const [plugin] = loadPlugins(['tsbandit-plugin-acme'], root, RULES);
  assert.deepEqual(plugin!.rules.map((r) => r.id), ['ACME201']);
  const rules = [...RULES, ...plugin!.rules];
  const result = scan({ root, paths: ['src'], rules, pluginFiles: [plugin!.file], pluginRuleIds: ['ACME201'] });
  assert.deepEqual(result.findings.map((f) => `${f.ruleId}:${f.range.startLine}`), ['ACME201:6']);
  assert.deepEqual(result.notices, []);
  throwsConfig(() => loadPlugins(['tsbandit-plugin-acme'], root, [...RULES, ...plugin!.rules]), /ACME201 collides with a built-in rule/);
  throwsConfig(() => loadPlugins(['tsbandit-plugin-missing'], root, RULES), /plugin tsbandit-plugin-missing: cannot be loaded/);
});

test('plugin rule options are checked against the rule schema and reach the rule (engine and worker)', () => {
  const root = projectWithPlugin();
  const [plugin] = loadPlugins(['tsbandit-plugin-acme'], root, RULES);
  const rules = [...RULES, ...plugin!.rules];
  throwsConfig(() => validateConfig({ rules: { ACME201: { options: { extraFunctions: 'unsafeBatch' } } } }, 'acme.yaml', rules), /^acme\.yaml: rules\.ACME201\.options\.extraFunctions: expected an array of strings, got "unsafeBatch"$/);
  throwsConfig(() => validateConfig({ rules: { 'acme-raw-query-injection': { options: { extraFunctions: ['ok', 7] } } } }, 'acme.yaml', rules), /rules\.acme-raw-query-injection\.options\.extraFunctions\[1\]: expected a string, got number/);
  const config = validateConfig({ rules: { ACME201: { options: { extraFunctions: ['unsafeBatch'] } } } }, 'acme.yaml', rules);
  for (const timeoutMs of [0, 10_000]) {
    const result = scan({ root, paths: ['src'], rules, ruleOptions: ruleOptionsOf(rules, config), pluginFiles: [plugin!.file], pluginRuleIds: ['ACME201'], timeoutMs });
    assert.deepEqual(result.findings.map((f) => `${f.ruleId}:${f.range.startLine}`), ['ACME201:6', 'ACME201:15'], `timeout ${timeoutMs}`);
  }
  // Editors see the same: the schema of a rule set with options describes them.
  const validate = new Ajv({ strict: false }).compile(configSchema(rules));
  assert.equal(validate({ rules: { ACME201: { options: { extraFunctions: ['unsafeBatch'] } } } }), true);
  assert.equal(validate({ rules: { ACME201: { options: { extraFunctions: 'unsafeBatch' } } } }), false);
  assert.equal(validate({ rules: { TSB101: { options: { anything: true } } } }), false, 'a rule without options takes none');
});
