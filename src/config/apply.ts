import type { AnyRule, Confidence } from '../rule/types.js';
import type { Finding } from '../findings/model.js';
import { confidenceRank } from '../findings/sort.js';
import type { RuleSetting, TsbanditConfig } from './load.js';

const settingOf = (config: TsbanditConfig, rule: AnyRule): RuleSetting | undefined => config.rules?.[rule.id] ?? config.rules?.[rule.name];

/** The rules the config leaves on. */
export function enabledRules(rules: readonly AnyRule[], config: TsbanditConfig): AnyRule[] {
  return rules.filter((rule) => settingOf(config, rule) !== 'off');
}

/** Rule options by id, as the engine takes them. */
export function ruleOptionsOf(rules: readonly AnyRule[], config: TsbanditConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const rule of rules) {
    const setting = settingOf(config, rule);
    if (typeof setting === 'object' && setting.options !== undefined) out[rule.id] = setting.options;
  }
  return out;
}

/**
 * Applies per-rule severity overrides and drops findings under a rule's own confidence floor.
 * Severity is the config owner's call ("this rule matters less here"); the finding keeps its CWE.
 */
export function applyRuleSettings(findings: readonly Finding[], rules: readonly AnyRule[], config: TsbanditConfig): Finding[] {
  if (config.rules === undefined) return [...findings];
  const byId = new Map(rules.map((rule) => [rule.id, settingOf(config, rule)]));
  const out: Finding[] = [];
  for (const finding of findings) {
    const setting = byId.get(finding.ruleId);
    if (typeof setting !== 'object') {
      out.push(finding);
      continue;
    }
    const floor: Confidence | undefined = setting.confidence;
    if (floor !== undefined && confidenceRank(finding.confidence) < confidenceRank(floor)) continue;
    out.push(setting.severity === undefined ? finding : { ...finding, severity: setting.severity });
  }
  return out;
}
