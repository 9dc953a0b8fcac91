import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import { generatedDocs, withReadmeTable } from '../../src/docs/build.js';
import { limitationsByRule } from '../../scripts/limitations.js';
import { engineKey, runEngine } from '../support/engine-runner.js';
import { eslintKey, parsersFor, runEslint } from '../support/eslint-runner.js';
import { REPO_ROOT } from '../support/fixtures.js';

test('docs/rules and the README table are up to date (run npm run docs)', () => {
  const limitations = limitationsByRule(RULES);
  for (const [relative, expected] of generatedDocs(RULES, (rule) => ({ limitations: limitations.get(rule.id) ?? [] }))) {
    let actual = '';
    try {
      actual = readFileSync(path.join(REPO_ROOT, relative), 'utf8');
    } catch {
      // missing file: reported by the comparison below
    }
    assert.equal(actual, expected, `${relative} is stale: run npm run docs`);
  }
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  assert.equal(readme, withReadmeTable(readme, RULES), 'README rule table is stale: run npm run docs');
});

for (const rule of RULES) {
  test(`${rule.id} ${rule.name}: documented examples behave as labelled in both hosts`, () => {
    const extension = rule.docs.examples.language ?? 'ts';
    const file = `example.${extension}`;
    for (const [label, code, wantFindings] of [['flagged', rule.docs.examples.flagged, true], ['safe', rule.docs.examples.safe, false]] as const) {
      const engine = runEngine(file, code, [rule]);
      assert.deepEqual(engine.notices, [], `${label} example: notices`);
      assert.equal(engine.findings.length > 0, wantFindings, `${label} example: ${engine.findings.length} finding(s)`);
      for (const parser of parsersFor(file)) {
        assert.deepEqual(runEslint(file, code, parser, [rule]).map(eslintKey).sort(), engine.findings.map(engineKey).sort(), `${label} example: ESLint (${parser}) disagrees`);
      }
    }
  });
}
