import { readFileSync } from 'node:fs';
import { parseAnnotations } from '../test/support/annotations.js';
import { listFixtures } from '../test/support/fixtures.js';
import type { AnyRule } from '../src/rule/types.js';

/** Known limitations per rule id: the reasons of the fixtures' todo-expect / todo-ok annotations. */
export function limitationsByRule(rules: readonly AnyRule[]): Map<string, string[]> {
  const byRule = new Map<string, Set<string>>();
  for (const file of listFixtures()) {
    for (const annotation of parseAnnotations(readFileSync(file, 'utf8')).annotations) {
      if (!annotation.kind.startsWith('todo') || annotation.reason === undefined) continue;
      const rule = rules.find((r) => r.id === annotation.rule || r.name === annotation.rule);
      if (rule === undefined) continue;
      const prefix = annotation.kind === 'todo-expect' ? 'Not flagged yet: ' : 'Flagged although safe: ';
      const set = byRule.get(rule.id) ?? new Set<string>();
      set.add(prefix + annotation.reason);
      byRule.set(rule.id, set);
    }
  }
  return new Map([...byRule].map(([id, set]) => [id, [...set].sort()]));
}
