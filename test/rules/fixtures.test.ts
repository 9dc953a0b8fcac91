import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import type { AnyRule } from '../../src/rule/types.js';
import { parseAnnotations, type Annotation } from '../support/annotations.js';
import { engineKey, runEngine } from '../support/engine-runner.js';
import { ESLINT_MAJORS, eslintKey, parsersFor, runEslint } from '../support/eslint-runner.js';
import { expandFakeSecrets } from '../support/fake-secrets.js';
import { FIXTURES_DIR, listFixtures } from '../support/fixtures.js';

const ruleFor = (written: string): AnyRule | undefined => RULES.find((rule) => rule.id === written || rule.name === written);

/** Compares findings with the plan, per rule and line; returns readable problems. */
function checkPlan(lines: readonly string[], annotations: readonly Annotation[], rules: readonly AnyRule[], found: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  const show = (line: number): string => `\n    ${line} | ${lines[line - 1]?.trim() ?? ''}`;
  const claimed = new Set<string>();
  for (const a of annotations) {
    const rule = ruleFor(a.rule)!;
    const key = `${rule.id}@${a.target}`;
    claimed.add(key);
    const count = found.get(key) ?? 0;
    if (a.kind === 'expect' && count !== a.count) problems.push(`line ${a.target}: expected ${a.count} ${rule.id} (${rule.name}), found ${count}${show(a.target)}`);
    if (a.kind === 'ok' && count !== 0) problems.push(`line ${a.target}: expected no ${rule.id} (${rule.name}), found ${count}${show(a.target)}`);
    if (a.kind === 'todo-expect' && count > 0) problems.push(`line ${a.target}: todo-expect ${rule.id} now passes: promote it to expect${show(a.target)}`);
    if (a.kind === 'todo-ok' && count === 0) problems.push(`line ${a.target}: todo-ok ${rule.id} now passes: promote it to ok${show(a.target)}`);
  }
  for (const [key, count] of found) {
    if (claimed.has(key)) continue;
    const [id, line] = key.split('@') as [string, string];
    if (rules.some((rule) => rule.id === id)) problems.push(`line ${line}: ${count} unexpected ${id} finding(s)${show(Number(line))}`);
  }
  return problems;
}

for (const file of listFixtures()) {
  const relative = path.relative(FIXTURES_DIR, file).split(path.sep).join('/');
  test(`fixture ${relative}`, () => {
    const source = expandFakeSecrets(readFileSync(file, 'utf8'));
    const plan = parseAnnotations(source);
    assert.ok(plan.annotations.length > 0, 'a fixture must annotate at least one line');
    const unknown = plan.rules.filter((written) => ruleFor(written) === undefined);
    assert.deepEqual(unknown, [], `unknown rule(s) in annotations: ${unknown.join(', ')}`);
    const rules = [...new Set(plan.rules.map((written) => ruleFor(written)!))];
    const lines = source.split(/\r\n|\r|\n/);

    const engine = runEngine(relative, source, rules, plan.options);
    assert.deepEqual(engine.notices, [], 'the engine reported notices (parse or rule errors)');
    const found = new Map<string, number>();
    for (const f of engine.findings) found.set(`${f.ruleId}@${f.range.startLine}`, (found.get(`${f.ruleId}@${f.range.startLine}`) ?? 0) + 1);
    const problems = checkPlan(lines, plan.annotations, rules, found);
    assert.ok(problems.length === 0, `${relative}:\n  ${problems.join('\n  ')}`);

    const engineKeys = engine.findings.map(engineKey).sort();
    for (const eslint of ESLINT_MAJORS) {
      for (const parser of parsersFor(relative)) {
        const messages = runEslint(relative, source, parser, rules, plan.options, eslint.Linter);
        const fatal = messages.filter((m) => m.fatal === true || m.ruleId === null);
        assert.deepEqual(fatal, [], `${eslint.name} (${parser}) could not lint the fixture`);
        assert.deepEqual(messages.map(eslintKey).sort(), engineKeys, `engine and ${eslint.name} (${parser}) disagree`);
      }
    }
  });
}
