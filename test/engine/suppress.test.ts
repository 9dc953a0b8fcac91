import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import { engineKey, runEngine } from '../support/engine-runner.js';
import { ESLINT_MAJORS, eslintKey, parsersFor, runEslint } from '../support/eslint-runner.js';
import { tempProject } from '../support/temp.js';

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
