import { resolveOptions } from '../rule/define-rule.js';
import type { AnyRule } from '../rule/types.js';
import type { ActiveRule } from './run-rules.js';

/** Rules with their options resolved (defaults overlaid by the user's, by id or name). */
export function activateRules(rules: readonly AnyRule[], ruleOptions: Readonly<Record<string, unknown>> = {}): ActiveRule[] {
  return rules.map((rule) => ({ rule, options: resolveOptions(rule, ruleOptions[rule.id] ?? ruleOptions[rule.name]) }));
}
