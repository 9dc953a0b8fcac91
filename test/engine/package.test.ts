import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/fixtures.js';

test('the published package ships the engine, rules, docs and schema, and no tests, fixtures or examples', () => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const output = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files = (JSON.parse(output) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  for (const required of ['dist/src/cli/bin.js', 'dist/src/index.js', 'dist/src/eslint/index.js', 'dist/src/engine/worker.js', 'dist/rules/index.js', 'schema/config.schema.json', 'docs/rules/index.md', 'README.md']) {
    assert.ok(files.includes(required), `${required} is missing from the package`);
  }
  const forbidden = files.filter((file) => /^(test|examples|bench|scripts|dist\/test|dist\/scripts|src|rules)\//.test(file) || file.includes('fixtures'));
  assert.deepEqual(forbidden, []);
});
