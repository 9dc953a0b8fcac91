/**
 * Rule ids and names that were used once and may never be reused: suppressions, baselines and
 * GitHub alerts refer to them. Add an entry (with the date and why) instead of deleting a rule.
 */
export interface RetiredRule {
  readonly id: string;
  readonly name: string;
  readonly retired: string;
  readonly reason: string;
  readonly replacedBy?: string;
}

export const RETIRED_RULES: readonly RetiredRule[] = [];
