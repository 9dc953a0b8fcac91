import { readFileSync } from 'node:fs';
import type { Finding } from '../findings/model.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';

export const BASELINE_VERSION = 1;

/** One accepted finding: where, which rule, and the line-free fingerprint. Never a secret's value. */
export interface BaselineEntry {
  readonly file: string;
  readonly ruleId: string;
  readonly fingerprint: string;
}

export interface Baseline {
  readonly entries: readonly BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

const keyOf = (entry: BaselineEntry): string => `${entry.file}\0${entry.ruleId}\0${entry.fingerprint}`;

/**
 * The baseline file for the given findings: sorted, no line numbers, no code, no messages, so
 * it changes only when findings do and a secret's value never lands in it.
 */
export function renderBaseline(findings: readonly Finding[]): string {
  const entries = findings
    .filter((finding) => finding.suppressed === undefined)
    .map((finding) => ({ file: finding.file, ruleId: finding.ruleId, fingerprint: finding.fingerprint }))
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return JSON.stringify({ tool: TOOL_NAME, baselineVersion: BASELINE_VERSION, createdWith: TOOL_VERSION, findings: entries }, null, 2) + '\n';
}

export function readBaseline(file: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : error instanceof SyntaxError ? `not valid JSON (${error.message})` : String(error);
    throw new BaselineError(`${file}: cannot read baseline: ${reason}`);
  }
  const record = parsed as { tool?: unknown; baselineVersion?: unknown; findings?: unknown };
  if (record.tool !== TOOL_NAME || record.baselineVersion !== BASELINE_VERSION || !Array.isArray(record.findings)) {
    throw new BaselineError(`${file}: not a tsbandit baseline (version ${BASELINE_VERSION}); write one with --write-baseline`);
  }
  const entries = record.findings.map((entry: unknown, index: number) => {
    const { file: path, ruleId, fingerprint } = (entry ?? {}) as Record<string, unknown>;
    if (typeof path !== 'string' || typeof ruleId !== 'string' || typeof fingerprint !== 'string') {
      throw new BaselineError(`${file}: findings[${index}] needs string file, ruleId and fingerprint`);
    }
    return { file: path, ruleId, fingerprint };
  });
  return { entries };
}

export interface BaselineOutcome {
  /** The findings, those in the baseline marked suppressed by it. */
  readonly findings: Finding[];
  /** Baseline entries no finding matched any more: fixed (or moved to another file). */
  readonly fixed: number;
}

/**
 * Marks the findings the baseline already accepted. Matching is by file, rule and fingerprint,
 * counted as a multiset, so line shifts and edits elsewhere keep a finding matched and a second
 * copy of an accepted finding is still new.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const entry of baseline.entries) remaining.set(keyOf(entry), (remaining.get(keyOf(entry)) ?? 0) + 1);
  const marked = findings.map((finding) => {
    if (finding.suppressed !== undefined) return finding;
    const key = keyOf(finding);
    const left = remaining.get(key) ?? 0;
    if (left === 0) return finding;
    remaining.set(key, left - 1);
    return { ...finding, suppressed: { kind: 'baseline' as const } };
  });
  let fixed = 0;
  for (const left of remaining.values()) fixed += left;
  return { findings: marked, fixed };
}
