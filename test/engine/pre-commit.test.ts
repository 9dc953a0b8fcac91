import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/fixtures.js';
import { cli, tempProject } from '../support/temp.js';

test('the pre-commit hook is valid and its entry scans the staged files it is given', () => {
  const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; types_or: string[] }[];
  const hook = hooks.find((h) => h.id === 'tsbandit');
  assert.ok(hook);
  assert.equal(hook.language, 'node');
  assert.deepEqual(hook.types_or, ['ts', 'tsx', 'javascript', 'jsx']);
  const [binary, ...args] = hook.entry.split(' ');
  assert.equal(binary, 'tsbandit');
  const root = tempProject({ 'staged.ts': 'eval(location.hash);\n', 'other.ts': 'eval(location.hash);\n' });
  const run = cli(root, ...args, 'staged.ts', '--fail-on', 'high', '-f', 'json');
  assert.equal(run.code, 1);
  assert.deepEqual((JSON.parse(run.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file), ['staged.ts']);
});
