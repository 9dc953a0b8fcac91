import ignore from 'ignore';
import type { AnyRule, Confidence } from '../rule/types.js';
import type { Finding } from '../findings/model.js';
import { confidenceRank } from '../findings/sort.js';
import type { RuleSetting, TsbanditConfig } from './load.js';

const settingIn = (table: Readonly<Record<string, RuleSetting>> | undefined, rule: Pick<AnyRule, 'id' | 'name'>): RuleSetting | undefined =>
  table?.[rule.id] ?? table?.[rule.name];

/** The rules a scan must run: on at top level, or turned on for some paths by an override. */
export function enabledRules(rules: readonly AnyRule[], config: TsbanditConfig): AnyRule[] {
  return rules.filter((rule) => settingIn(config.rules, rule) !== 'off' || (config.overrides ?? []).some((o) => { const s = settingIn(o.rules, rule); return s !== undefined && s !== 'off'; }));
}

/** Rule options by id, as the engine takes them. */
export function ruleOptionsOf(rules: readonly AnyRule[], config: TsbanditConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const rule of rules) {
    const setting = settingIn(config.rules, rule);
    if (typeof setting === 'object' && setting.options !== undefined) out[rule.id] = setting.options;
  }
  return out;
}

/**
 * Per-file rule settings: `rules`, then each matching override in order (later wins). Applied to
 * findings after the scan: a rule off for `test/**` drops its findings there, a severity set for
 * `scripts/**` changes theirs, a confidence floor drops weaker ones.
 */
export function applyRuleSettings(findings: readonly Finding[], rules: readonly AnyRule[], config: TsbanditConfig): Finding[] {
  if (config.rules === undefined && config.overrides === undefined) return [...findings];
  const overrides = (config.overrides ?? []).map((o) => ({ matches: ignore().add([...o.files]), rules: o.rules }));
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const out: Finding[] = [];
  for (const finding of findings) {
    const rule = byId.get(finding.ruleId) ?? { id: finding.ruleId, name: finding.ruleName };
    let setting = settingIn(config.rules, rule);
    for (const override of overrides) {
      const here = settingIn(override.rules, rule);
      if (here !== undefined && isRelative(finding.file) && override.matches.ignores(finding.file)) setting = here;
    }
    if (setting === 'off') continue;
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

/** `ignore` only takes relative paths; a file outside the root matches no override. */
const isRelative = (file: string): boolean => file !== '' && !file.startsWith('../') && !file.startsWith('/');
