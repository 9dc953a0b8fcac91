import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import { compareFindings } from '../../src/findings/sort.js';
import { sarifReport } from '../../src/report/sarif.js';
import { textReport } from '../../src/report/text.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { fuzzRules } from '../support/fuzz.js';
import { tempProject } from '../support/temp.js';

const SEED = 20261128;
const ITERATIONS = 2000;

test(`fuzz: ${ITERATIONS} mutated fixtures (seed ${SEED}) never crash a rule, and reports stay valid`, () => {
  const outcome = fuzzRules(SEED, ITERATIONS);
  assert.deepEqual(outcome.failures, []);
  assert.ok(outcome.parsed > ITERATIONS / 10, `only ${outcome.parsed} inputs parsed: the mutations are too destructive to exercise rules`);
  const findings = [...outcome.findings].sort(compareFindings);
  const input = {
    findings,
    notices: outcome.notices,
    rules: RULES,
    stats: { filesFound: outcome.inputs, filesScanned: outcome.parsed, lines: 0, bytes: 0 },
    thresholds: { severity: 'low', confidence: 'low' },
    belowThresholds: 0,
    suppressed: 0,
  } as const;
  // No control character from source reaches the terminal raw.
  assert.doesNotMatch(textReport(input, { color: false }), /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  const sarif = sarifReport(input);
  JSON.parse(sarif);
  // Keep GitHub's result limit out of the picture: the validator checks structure here.
  const file = path.join(tempProject({}), 'fuzz.sarif');
  writeFileSync(file, sarif);
  const validator = spawnSync(process.execPath, [path.join(REPO_ROOT, '..', 'shared', 'sarif', 'validate-sarif.mjs'), '--quiet', file], { cwd: REPO_ROOT, encoding: 'utf8' });
  const errors = validator.stdout.split('\n').filter((line) => line.includes(': error:') && !line.includes('[github/limit-results]') && !line.includes('[sanity/duplicate-fingerprint]'));
  assert.deepEqual(errors, [], validator.stdout);
});
