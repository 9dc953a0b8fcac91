import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import type { Finding } from '../../src/findings/model.js';
import { textReport } from '../../src/report/text.js';
import { parseAnnotations } from '../support/annotations.js';
import { runEngine } from '../support/engine-runner.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

/**
 * The taint fixtures (test/fixtures/taint) through the engine: annotations say where findings
 * are; this says how sure they are and which path the report shows. For each expected finding
 * line: the line of every flow step, source first and sink last; `medium` for findings that
 * must stay without a flow (a sanitised or unknown origin).
 */
const PLAN: Record<string, Record<number, readonly number[] | 'medium'>> = {
  'express-command-flows.ts': {
    // req.body.target -> target -> folder -> command -> run(command)
    17: [12, 12, 13, 15, 17],
    // req.body.branch -> branch -> branch (helper) -> range -> gitLog() returns it -> exec
    30: [28, 28, 23, 23, 30, 30],
    // req.query.domain -> domain (.then) -> domain (.then) -> execSync
    38: [35, 36, 38, 38],
    66: 'medium',
  },
  'express-sql-flows.ts': {
    16: [11, 11, 16],
    38: [38, 38, 32, 38],
    48: [44, 44, 45, 48],
    66: [62, 63, 66, 66],
    87: [85, 87],
  },
  'koa-command-flows.js': {
    // ctx.request.body.file -> file -> input -> buildConvertCommand() returns it -> command -> exec
    20: [16, 16, 11, 17, 17, 20],
    // ctx.query.host -> host -> ping(…) call -> host (parameter) -> exec
    28: [32, 32, 33, 28, 28],
    // ctx.request.body.folder -> parts.push() -> parts -> exec
    54: [52, 52, 54, 54],
  },
  'browser-html-flows.ts': {
    11: [7, 7, 11],
    21: [18, 19, 21],
    31: [29, 29, 26, 31, 31],
    43: 'medium',
  },
  'nest-next-sql-flows.ts': {
    16: [13, 14, 32, 14, 16],
    28: [25, 26, 28],
    40: [38, 40],
  },
};

function scanFixture(name: string): { findings: readonly Finding[]; expectLines: number[] } {
  const relative = `taint/${name}`;
  const source = readFileSync(path.join(FIXTURES_DIR, 'taint', name), 'utf8');
  const plan = parseAnnotations(source);
  const rules = RULES.filter((rule) => plan.rules.includes(rule.id) || plan.rules.includes(rule.name));
  const run = runEngine(relative, source, rules);
  assert.deepEqual(run.notices, []);
  const expectLines = plan.annotations.filter((a) => a.kind === 'expect').map((a) => a.target);
  return { findings: run.findings, expectLines };
}

for (const [name, lines] of Object.entries(PLAN)) {
  test(`taint flow: ${name}`, () => {
    const { findings, expectLines } = scanFixture(name);
    // Every expect line of the fixture is covered by the plan, and the reverse.
    assert.deepEqual(expectLines.sort((a, b) => a - b), Object.keys(lines).map(Number).sort((a, b) => a - b));
    for (const [line, expected] of Object.entries(lines)) {
      const finding = findings.find((f) => f.range.startLine === Number(line));
      assert.ok(finding !== undefined, `no finding on line ${line}`);
      if (expected === 'medium') {
        assert.equal(finding.confidence, 'medium', `line ${line}`);
        assert.equal(finding.flow, undefined, `line ${line}`);
        continue;
      }
      assert.equal(finding.confidence, 'high', `line ${line}`);
      assert.ok(finding.flow !== undefined, `line ${line} has no flow`);
      assert.deepEqual(finding.flow.steps.map((step) => step.range.startLine), expected, `flow of line ${line}: ${finding.flow.steps.map((s) => s.label).join(' -> ')}`);
      for (const step of finding.flow.steps) assert.equal(step.file, `taint/${name}`);
    }
  });
}

test('taint flow: the text report shows the chain with lines', () => {
  const { findings } = scanFixture('express-command-flows.ts');
  const text = textReport(
    {
      findings,
      notices: [],
      rules: RULES.filter((rule) => rule.id === 'TSB103'),
      stats: { filesFound: 1, filesScanned: 1, lines: 70, bytes: 2000 },
      thresholds: { severity: 'low', confidence: 'low' },
      belowThresholds: 0,
      suppressed: 0,
    },
    { color: false },
  );
  assert.match(text, /flow: req\.body\.target \(line 12\) -> target \(line 12\) -> folder \(line 13\) -> command \(line 15\) -> run \(line 17\)/);
  assert.match(text, /flow: req\.query\.domain \(line 35\) -> domain \(line 36\) -> domain \(line 38\) -> execSync \(line 38\)/);
});
