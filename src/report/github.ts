import { ruleDocUrl, TOOL_NAME } from '../meta.js';
import type { Finding, Notice } from '../findings/model.js';
import { confidenceRank, severityRank } from '../findings/sort.js';
import { SEVERITIES, type Severity } from '../rule/types.js';
import type { ReportInput } from './model.js';

/** Annotation level per severity: GitHub Actions knows `error`, `warning` and `notice`. */
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };

/** GitHub shows this many annotations of each level per step (and 50 per job); the rest stay in the log only. */
export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

/** A workflow command's message: `%`, CR and LF percent-encoded (as @actions/core's escapeData). */
export const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A workflow command's property value: also `:` and `,`, which separate properties (as escapeProperty). */
export const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const command = (name: string, properties: readonly (readonly [string, string | number | undefined])[], message: string): string => {
  const props = properties.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${name}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
};

/**
 * GitHub Actions workflow commands, one annotation per finding, for repositories without code
 * scanning: `::error file=...,line=...,endLine=...,col=...,endColumn=...,title=TSB201 sql-injection::message`.
 * Most severe first (then most confident, then file order), because GitHub shows only the first
 * ten annotations of each level per step; then the notices as warnings, then a one-line summary.
 * Paths are relative to the folder the scan ran from: run it from the repository root.
 */
export function githubReport(input: ReportInput): string {
  const ordered = input.findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        Number(a.finding.suppressed !== undefined) - Number(b.finding.suppressed !== undefined) ||
        severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
        confidenceRank(b.finding.confidence) - confidenceRank(a.finding.confidence) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
  const lines = [...ordered.map(annotation), ...input.notices.map(noticeAnnotation)];
  const active = input.findings.filter((f) => f.suppressed === undefined);
  const counts = [...SEVERITIES]
    .reverse()
    .map((severity) => [severity, active.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${severity} ${n}`);
  const perLevel = ['error', 'warning', 'notice'].map((level) => lines.filter((line) => line.startsWith(`::${level} `)).length);
  lines.push(
    `${TOOL_NAME}: ${active.length} finding(s)${counts.length > 0 ? ` (${counts.join(', ')})` : ''}, ${input.notices.length} notice(s)` +
      (input.suppressed > 0 ? `, ${input.suppressed} suppressed` : '') +
      (input.belowThresholds > 0 ? `, ${input.belowThresholds} below the thresholds` : '') +
      (perLevel.some((n) => n > ANNOTATIONS_SHOWN_PER_LEVEL) ? `; GitHub shows the first ${ANNOTATIONS_SHOWN_PER_LEVEL} annotations of each level per step, all are listed in this log` : ''),
  );
  return lines.join('\n') + '\n';
}

function annotation(finding: Finding): string {
  const { range } = finding;
  const oneLine = range.startLine === range.endLine;
  const details = [
    finding.message,
    ...(finding.flow !== undefined ? [`Data flow: ${finding.flow.steps.map((step) => `${step.label} (line ${step.range.startLine})`).join(' -> ')}`] : []),
    ...(finding.suppressed !== undefined ? [`Suppressed by ${finding.suppressed.kind === 'baseline' ? 'the baseline' : `a ${finding.suppressed.kind} comment`}${finding.suppressed.justification ? `: ${finding.suppressed.justification}` : ''}`] : []),
    `Severity ${finding.severity}, confidence ${finding.confidence}${finding.cwe.length > 0 ? `, ${finding.cwe.map((cwe) => `CWE-${cwe}`).join(', ')}` : ''}. ${ruleDocUrl({ name: finding.ruleName })}`,
  ];
  return command(
    finding.suppressed !== undefined ? 'notice' : COMMAND[finding.severity],
    [
      ['file', finding.file],
      ['line', range.startLine],
      ['endLine', range.endLine],
      ['col', oneLine ? range.startColumn : undefined],
      ['endColumn', oneLine ? range.endColumn : undefined],
      ['title', `${finding.ruleId} ${finding.ruleName}${finding.suppressed !== undefined ? ' (suppressed)' : ''}`],
    ],
    details.join('\n'),
  );
}

function noticeAnnotation(notice: Notice): string {
  return command(
    'warning',
    [
      ['file', notice.file],
      ['line', notice.line],
      ['col', notice.line !== undefined ? notice.column : undefined],
      ['title', `${TOOL_NAME} ${notice.kind}`],
    ],
    notice.message,
  );
}
