import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { CONFIDENCES, SEVERITIES } from '../rule/types.js';
import type { ReportInput } from './model.js';

/** Bumped when a field changes meaning or disappears; new fields do not bump it. */
export const JSON_REPORT_VERSION = 1;

/** The JSON report (documented in docs/json-report.md). Keys in a fixed order, no timestamps. */
export function jsonReport(input: ReportInput): string {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, input.findings.filter((f) => f.severity === s).length]));
  const byConfidence = Object.fromEntries(CONFIDENCES.map((c) => [c, input.findings.filter((f) => f.confidence === c).length]));
  const report = {
    reportVersion: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    thresholds: input.thresholds,
    summary: {
      findings: input.findings.length,
      bySeverity,
      byConfidence,
      belowThresholds: input.belowThresholds,
      suppressed: input.suppressed,
      notices: input.notices.length,
      filesFound: input.stats.filesFound,
      filesScanned: input.stats.filesScanned,
      lines: input.stats.lines,
    },
    findings: input.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      confidence: f.confidence,
      cwe: f.cwe,
      message: f.message,
      file: f.file,
      range: f.range,
      snippet: f.snippet,
      fingerprint: f.fingerprint,
      ...(f.suggestions !== undefined ? { suggestions: f.suggestions } : {}),
      ...(f.flow !== undefined ? { flow: f.flow } : {}),
      ...(f.suppressed !== undefined ? { suppressed: f.suppressed } : {}),
    })),
    notices: input.notices.map((n) => ({
      kind: n.kind,
      file: n.file,
      ...(n.line !== undefined ? { line: n.line, column: n.column } : {}),
      ...(n.ruleId !== undefined ? { ruleId: n.ruleId } : {}),
      message: n.message,
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
