import type { AnyRule, Confidence, Severity } from '../rule/types.js';
import type { Finding, Notice } from '../findings/model.js';
import type { ScanStats } from '../engine/scan.js';

/** Everything a reporter may print. Reporters are pure: the same input gives the same bytes. */
export interface ReportInput {
  /** Findings at or above the thresholds, sorted. */
  readonly findings: readonly Finding[];
  readonly notices: readonly Notice[];
  /** The rules that ran, sorted by id. */
  readonly rules: readonly AnyRule[];
  readonly stats: ScanStats;
  readonly thresholds: { readonly severity: Severity; readonly confidence: Confidence };
  /** Findings below the thresholds, not listed. */
  readonly belowThresholds: number;
  /** Findings silenced by a suppression comment, not listed. */
  readonly suppressed: number;
  /** When and how long: only with --timestamp, so reports stay byte-identical by default. */
  readonly timing?: { readonly finishedAt: string; readonly durationMs: number };
  /** SARIF `automationDetails.id`. */
  readonly category?: string;
  /** Told, once per kind of cut, when a SARIF report was cut to GitHub's limits (report/limits). */
  readonly onLimit?: (message: string) => void;
}

export type ReportFormat = 'text' | 'json' | 'sarif' | 'html' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'html', 'github'];
