import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { CONFIDENCES, SEVERITIES, type Severity } from '../rule/types.js';
import type { Finding } from '../findings/model.js';
import type { ReportInput } from './model.js';
import { escapeControlCharacters } from '../engine/snippet.js';

export interface TextOptions {
  /** ANSI colours; the CLI turns them on for a TTY only (and never with NO_COLOR). */
  readonly color: boolean;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', magenta: '\x1b[35m' };
const SEVERITY_COLOR: Record<Severity, string> = { critical: ANSI.magenta, high: ANSI.red, medium: ANSI.yellow, low: ANSI.blue };

/** Bandit-like text: findings grouped by file, then notices, then a summary by severity and confidence. */
export function textReport(input: ReportInput, options: TextOptions): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const out: string[] = [];
  const { stats } = input;
  out.push(paint(ANSI.bold, `${TOOL_NAME} ${TOOL_VERSION}`) + `: ${stats.filesScanned} of ${stats.filesFound} files scanned, ${stats.lines} lines, ${input.rules.length} rules`);
  out.push(`Thresholds: severity >= ${input.thresholds.severity}, confidence >= ${input.thresholds.confidence}`);
  if (input.timing !== undefined) out.push(`Finished ${input.timing.finishedAt} in ${(input.timing.durationMs / 1000).toFixed(1)} s`);
  out.push('');

  let currentFile: string | undefined;
  for (const finding of input.findings) {
    if (finding.file !== currentFile) {
      currentFile = finding.file;
      // File names come from the scanned tree: escape control characters, as in snippets.
      out.push(paint(ANSI.bold, escapeControlCharacters(finding.file)));
    }
    out.push(...formatFinding(finding, paint));
  }
  if (input.findings.length === 0) out.push('No findings at or above the thresholds.', '');

  if (input.notices.length > 0) {
    out.push(paint(ANSI.bold, `Notices (${input.notices.length})`));
    for (const notice of input.notices) {
      const where = notice.line !== undefined ? `${notice.file}:${notice.line}:${notice.column ?? 1}` : notice.file;
      out.push(`  ${escapeControlCharacters(where)}  ${paint(ANSI.dim, notice.kind)}  ${escapeControlCharacters(notice.message)}`);
    }
    out.push('');
  }

  out.push(paint(ANSI.bold, 'Summary'));
  const countBy = <K extends string>(keys: readonly K[], pick: (f: Finding) => K): string =>
    [...keys].reverse().map((key) => `${key} ${input.findings.filter((f) => pick(f) === key).length}`).join(', ');
  out.push(`  Findings: ${input.findings.length} (${countBy(SEVERITIES, (f) => f.severity)})`);
  out.push(`  By confidence: ${countBy(CONFIDENCES, (f) => f.confidence)}`);
  if (input.belowThresholds > 0) out.push(`  Below thresholds (not shown): ${input.belowThresholds}`);
  if (input.suppressed > 0) out.push(`  Suppressed (not shown): ${input.suppressed}`);
  out.push(`  Notices: ${input.notices.length}`);
  return out.join('\n') + '\n';
}

function formatFinding(finding: Finding, paint: (code: string, text: string) => string): string[] {
  const { range } = finding;
  const level = paint(SEVERITY_COLOR[finding.severity], finding.severity.toUpperCase());
  const lines = [
    `  ${range.startLine}:${range.startColumn}  ${level} (confidence ${finding.confidence})  ${finding.ruleId} ${finding.ruleName}  ${finding.cwe.map((c) => `CWE-${c}`).join(', ')}`,
    `    ${finding.message}`,
  ];
  if (finding.flow !== undefined) {
    lines.push(`    flow: ${finding.flow.steps.map((step) => `${step.label} (line ${step.range.startLine})`).join(' -> ')}`);
  }
  const width = String(range.startLine + finding.snippet.split('\n').length - 1).length;
  finding.snippet.split('\n').forEach((line, i) => {
    lines.push(paint(ANSI.dim, `    ${String(range.startLine + i).padStart(width)} | `) + line);
  });
  for (const suggestion of finding.suggestions ?? []) lines.push(`    suggestion: ${suggestion.message}`);
  if (finding.suppressed !== undefined) {
    const by = finding.suppressed.kind === 'baseline' ? 'the baseline' : `a ${finding.suppressed.kind} comment on line ${finding.suppressed.line ?? '?'}`;
    lines.push(`    suppressed by ${by}${finding.suppressed.justification ? `: ${escapeControlCharacters(finding.suppressed.justification)}` : ''}`);
  }
  lines.push('');
  return lines;
}
