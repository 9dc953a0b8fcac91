import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import plugin from '../../src/eslint/index.js';
import { ruleDocUrl } from '../../src/meta.js';
import { engineKey, runEngine } from '../support/engine-runner.js';
import { ESLINT_MAJORS, eslintKey, runEslint } from '../support/eslint-runner.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { cli, tempProject } from '../support/temp.js';

test('every rule is an ESLint rule named by its kebab name, with meta derived from the rule', () => {
  assert.deepEqual(Object.keys(plugin.rules).sort(), RULES.map((r) => r.name).sort());
  for (const rule of RULES) {
    const { meta } = plugin.rules[rule.name]!;
    assert.equal(meta?.type, 'problem');
    assert.equal(meta?.docs?.description, rule.title);
    assert.equal(meta?.docs?.url, ruleDocUrl(rule));
    assert.deepEqual(meta?.messages, rule.messages);
    assert.equal(meta?.hasSuggestions, rule.hasSuggestions === true);
  }
  const recommended = Object.keys(plugin.configs.recommended[0]!.rules ?? {});
  assert.deepEqual(recommended.sort(), RULES.filter((r) => r.recommended).map((r) => `tsbandit/${r.name}`).sort());
  assert.equal(Object.keys(plugin.configs.strict[0]!.rules ?? {}).length, RULES.length);
});

const SUPPRESSED = `import { exec } from 'node:child_process';
import { createHash } from 'node:crypto';

export function run(dir: string) {
  // eslint-disable-next-line tsbandit/child-process-exec -- dir is validated against an allow-list upstream
  exec('ls ' + dir);
  exec('du -sh ' + dir); // eslint-disable-line tsbandit/child-process-exec
  // eslint-disable-next-line no-console, tsbandit/weak-hash
  exec('cat ' + dir);
  /* eslint-disable tsbandit/weak-hash */
  createHash('md5');
  /* eslint-enable tsbandit/weak-hash */
  return createHash('sha1');
}
`;

test('eslint-disable comments silence the same findings in the scanner and in ESLint 9 and 10', () => {
  const rules = RULES.filter((r) => r.name === 'child-process-exec' || r.name === 'weak-hash');
  const engine = runEngine('src/run.ts', SUPPRESSED, rules);
  assert.deepEqual(engine.findings.map((f) => `${f.ruleId}:${f.range.startLine}`), ['TSB103:9', 'TSB401:13']);
  assert.deepEqual(engine.suppressed.map((f) => `${f.ruleId}:${f.range.startLine}:${f.suppressed?.kind}`), ['TSB103:6:eslint-disable', 'TSB103:7:eslint-disable', 'TSB401:11:eslint-disable']);
  assert.equal(engine.suppressed[0]!.suppressed?.justification, 'dir is validated against an allow-list upstream');
  for (const eslint of ESLINT_MAJORS) {
    const messages = runEslint('src/run.ts', SUPPRESSED, 'typescript-eslint', rules, {}, eslint.Linter);
    assert.deepEqual(messages.map(eslintKey).sort(), engine.findings.map(engineKey).sort(), eslint.name);
  }
  const root = tempProject({ 'run.ts': SUPPRESSED });
  const text = cli(root, 'scan');
  assert.match(text.stdout, /Suppressed \(not shown\): 3/);
});

/**
 * What a user does: a fresh project with an eslint.config.js importing `tsbandit/eslint`,
 * linting the bundled examples with the ESLint CLI, must report what `tsbandit scan` reports.
 */
test('a fresh project using configs.recommended reports the same findings as tsbandit scan', () => {
  const project = tempProject({
    'eslint.config.js': "import tsbandit from 'tsbandit/eslint';\nexport default [...tsbandit.configs.recommended];\n",
    'package.json': JSON.stringify({ name: 'fresh-app', private: true, type: 'module' }),
  });
  cpSync(path.join(REPO_ROOT, 'examples'), path.join(project, 'examples'), { recursive: true });
  mkdirSync(path.join(project, 'node_modules'));
  symlinkSync(REPO_ROOT, path.join(project, 'node_modules', 'tsbandit'), 'dir');
  const eslintBin = path.join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const lint = spawnSync(process.execPath, [eslintBin, '--format', 'json', 'examples'], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') } });
  assert.ok(lint.status === 0 || lint.status === 1, lint.stderr);
  const eslintFindings = (JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; fatal?: boolean }[] }[])
    .flatMap((file) => file.messages.map((m) => {
      assert.ok(!m.fatal && m.ruleId !== null, `${file.filePath}: ${JSON.stringify(m)}`);
      return `${path.relative(project, file.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.ruleId!.replace('tsbandit/', '')}`;
    }))
    .sort();
  const recommended = new Set(RULES.filter((r) => r.recommended).map((r) => r.name));
  const scan = JSON.parse(cli(project, 'scan', 'examples', '-f', 'json').stdout) as { findings: { file: string; range: { startLine: number; startColumn: number }; ruleName: string }[] };
  const scanFindings = scan.findings.filter((f) => recommended.has(f.ruleName)).map((f) => `${f.file}:${f.range.startLine}:${f.range.startColumn} ${f.ruleName}`).sort();
  assert.ok(scanFindings.length > 0);
  assert.deepEqual(eslintFindings, scanFindings);
});

test('the editor path: ESLint Node API lintText with a file path, as the VS Code extension calls it', async () => {
  const { ESLint } = await import('eslint');
  const root = tempProject({ 'src/view.ts': "export function show(el: HTMLElement, html: string) {\n  el.innerHTML = '<div>' + html + '</div>';\n}\n" });
  writeFileSync(path.join(root, 'eslint.config.js'), 'export default [];\n');
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
  const [result] = await eslint.lintText("export function show(el: HTMLElement, html: string) {\n  el.innerHTML = '<div>' + html + '</div>';\n}\n", { filePath: path.join(root, 'src/view.ts') });
  assert.deepEqual(result!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.severity}`), ['tsbandit/dom-html-sink 2:3 2']);
});
