import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { RETIRED_RULES, RULES } from '../../rules/index.js';
import { CWE_NAMES, familyOf, FAMILIES, messagePlaceholders, type AnyRule, type RuleContext } from '../../src/rule/index.js';
import { parseAnnotations } from '../support/annotations.js';
import { listFiles, listFixtures, REPO_ROOT } from '../support/fixtures.js';

const RULES_DIR = path.join(REPO_ROOT, 'rules');
const ruleFiles = listFiles(RULES_DIR, (file) => file.endsWith('.ts') && !['index.ts', 'retired.ts'].includes(path.basename(file)));

test('the registry lists every rule file exactly once, sorted by id', () => {
  const registered = RULES.map((rule) => `${familyOf(rule)}/${rule.name}.ts`).sort();
  const onDisk = ruleFiles.map((file) => path.relative(RULES_DIR, file).split(path.sep).join('/')).sort();
  assert.deepEqual(registered, onDisk);
  assert.deepEqual(RULES.map((r) => r.id), [...RULES.map((r) => r.id)].sort());
});

test('ids and names are unique, well-formed and never retired ones', () => {
  assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
  assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
  for (const rule of RULES) {
    assert.match(rule.id, /^TSB[1-8]\d\d$/);
    assert.match(rule.name, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    assert.ok(!RETIRED_RULES.some((r) => r.id === rule.id || r.name === rule.name), `${rule.id} reuses a retired id or name`);
  }
});

test("each rule's id is declared in its own file, whose folder is the id's family", () => {
  for (const file of ruleFiles) {
    const source = readFileSync(file, 'utf8');
    const id = /id: '(TSB\d{3})'/.exec(source)?.[1];
    const rule = RULES.find((r) => r.id === id);
    assert.ok(rule, `${file} declares no registered id`);
    assert.equal(path.basename(path.dirname(file)), familyOf(rule));
    assert.equal(path.basename(file, '.ts'), rule.name);
    assert.ok(Object.keys(FAMILIES).includes(familyOf(rule)));
  }
});

test('metadata is complete: CWE known, title one line, docs filled, security-severity in its band', () => {
  const band: Record<AnyRule['severity'], [number, number]> = { critical: [9, 10], high: [7, 8.9], medium: [4, 6.9], low: [0.1, 3.9] };
  for (const rule of RULES) {
    assert.ok(rule.cwe.length > 0 && rule.cwe.every((c) => CWE_NAMES[c] !== undefined), `${rule.id}: unknown CWE`);
    assert.ok(rule.title.length <= 120 && !rule.title.includes('\n'), `${rule.id}: title`);
    assert.ok(rule.docs.why.length > 40 && rule.docs.fix.length > 20, `${rule.id}: docs.why / docs.fix too short`);
    const [low, high] = band[rule.severity];
    assert.ok(rule.securitySeverity >= low && rule.securitySeverity <= high, `${rule.id}: security-severity ${rule.securitySeverity} outside the ${rule.severity} band`);
  }
});

test('every message id is used by its rule, and listener keys are real node types', () => {
  for (const file of ruleFiles) {
    const source = readFileSync(file, 'utf8');
    const rule = RULES.find((r) => source.includes(`id: '${r.id}'`))!;
    for (const messageId of Object.keys(rule.messages)) {
      assert.ok(source.includes(`'${messageId}'`), `${rule.id}: message ${messageId} is never reported`);
    }
    for (const text of Object.values<string>(rule.messages)) {
      for (const placeholder of messagePlaceholders(text)) assert.ok(source.includes(placeholder), `${rule.id}: placeholder ${placeholder} never filled`);
    }
  }
  const context = { id: '', filename: 'x.ts', sourceCode: {} as RuleContext['sourceCode'], options: {}, settings: {}, report: () => undefined };
  for (const rule of RULES) {
    for (const key of Object.keys(rule.create(context))) {
      const type = key.replace(/:exit$/, '');
      assert.ok(type in visitorKeys, `${rule.id}: listener "${key}" is not an ESTree node type`);
    }
  }
});

test('each rule has a fixture with at least one expect and one ok line', () => {
  const annotations = listFixtures().flatMap((file) => parseAnnotations(readFileSync(file, 'utf8')).annotations);
  for (const rule of RULES) {
    const mine = annotations.filter((a) => a.rule === rule.id || a.rule === rule.name);
    assert.ok(mine.some((a) => a.kind === 'expect'), `${rule.id} (${rule.name}) has no expect: fixture line`);
    assert.ok(mine.some((a) => a.kind === 'ok'), `${rule.id} (${rule.name}) has no ok: fixture line`);
  }
});
