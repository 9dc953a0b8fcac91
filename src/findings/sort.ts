import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../rule/types.js';
import type { Finding, Notice } from './model.js';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The one order of every report: file, position, rule, message. Locale-independent. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.range.startLine - b.range.startLine ||
    a.range.startColumn - b.range.startColumn ||
    a.range.endLine - b.range.endLine ||
    a.range.endColumn - b.range.endColumn ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

export function compareNotices(a: Notice, b: Notice): number {
  return (
    compareText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.kind, b.kind) ||
    compareText(a.ruleId ?? '', b.ruleId ?? '') ||
    compareText(a.message, b.message)
  );
}

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);
export const confidenceRank = (confidence: Confidence): number => CONFIDENCES.indexOf(confidence);

export interface Thresholds {
  readonly severity: Severity;
  readonly confidence: Confidence;
}

/** Bandit's -l/-i: a finding is reported when both its severity and confidence reach the thresholds. */
export function meetsThresholds(finding: Finding, thresholds: Thresholds): boolean {
  return (
    severityRank(finding.severity) >= severityRank(thresholds.severity) &&
    confidenceRank(finding.confidence) >= confidenceRank(thresholds.confidence)
  );
}
