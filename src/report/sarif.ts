import type * as Sarif from 'sarif';
import { renderRuleDoc, renderRuleHelpText } from '../docs/render.js';
import { ruleDocUrl, TOOL_HOMEPAGE, TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { familyOf, type AnyRule, type Confidence, type Severity } from '../rule/index.js';
import type { Finding, Notice, SourceRange, Suppression } from '../findings/model.js';
import { applySarifLimits, limitNotification } from './limits.js';
import type { ReportInput } from './model.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'tsbandit/v1';
export const DEFAULT_CATEGORY = 'tsbandit/';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

/** SARIF 2.1.0 for GitHub code scanning: relative URIs under %SRCROOT%, UTF-16 columns, GitHub's line hash. */
export function sarifReport(input: ReportInput): string {
  const ruleIndex = new Map(input.rules.map((rule, index) => [rule.id, index]));
  const lineHash = distinctLineHashes(input.findings);
  const limited = applySarifLimits(input.findings.map((finding, i) => result(finding, ruleIndex.get(finding.ruleId) ?? -1, lineHash[i]!)));
  for (const message of limited.messages) input.onLimit?.(message);
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: TOOL_VERSION,
            version: TOOL_VERSION,
            informationUri: TOOL_HOMEPAGE,
            rules: input.rules.map(ruleDescriptor),
          },
        },
        automationDetails: { id: input.category ?? DEFAULT_CATEGORY },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder the scan ran from; result paths are relative to it.' } } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [...input.notices.map(notification), ...limited.messages.map(limitNotification)],
          },
        ],
        results: limited.results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptor(rule: AnyRule): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.why.slice(0, 1024) },
    help: { text: renderRuleHelpText(rule), markdown: renderRuleDoc(rule) },
    helpUri: ruleDocUrl(rule),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', ...rule.cwe.map((cwe) => `external/cwe/cwe-${cwe}`), familyOf(rule)],
      precision: PRECISION[rule.confidence],
      'security-severity': rule.securitySeverity.toFixed(1),
      'problem.severity': rule.severity === 'low' ? 'recommendation' : LEVEL[rule.severity],
    },
  };
}

function result(finding: Finding, ruleIndex: number, lineHash: string): Sarif.Result {
  const { range } = finding;
  const flow = finding.flow === undefined || finding.flow.steps.length === 0 ? undefined : dataFlow(finding);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: flow === undefined ? finding.message : `${finding.message} ${flow.sentence}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(finding.file),
          region: { ...region(range), snippet: { text: finding.snippet } },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: lineHash, [FINGERPRINT_KEY]: finding.fingerprint },
    ...(flow !== undefined ? { relatedLocations: flow.related, codeFlows: flow.codeFlows } : {}),
    ...(finding.suppressed !== undefined ? { suppressions: [suppression(finding.file, finding.suppressed)] } : {}),
    properties: { confidence: finding.confidence, severity: finding.severity, cwe: finding.cwe.map((cwe) => `CWE-${cwe}`) },
  };
}

/**
 * A taint path as SARIF shows it: the whole path (source, each step, sink) as one thread flow,
 * the same steps in the same order as the JSON report's `flow.steps`; every step before the sink
 * (the sink is the primary location) as a related location with id 1..n, each linked from the
 * message's last sentence, `[label](id)` with `[`, `]` and `\` escaped in the label (SARIF 3.11.6).
 */
function dataFlow(finding: Finding): { sentence: string; related: Sarif.Location[]; codeFlows: Sarif.CodeFlow[] } {
  const steps = finding.flow!.steps;
  const sink = steps[steps.length - 1]!;
  const before = steps.slice(0, -1);
  const related = before.map((step, i): Sarif.Location => ({
    id: i + 1,
    physicalLocation: { artifactLocation: artifact(step.file), region: region(step.range) },
    message: { text: step.label },
  }));
  const link = (i: number): string => `[${escapeLinkText(before[i]!.label)}](${i + 1})`;
  const sentence =
    before.length === 0
      ? `The value reaches ${sink.label} from user input.`
      : `The value flows from ${link(0)}${before.length > 1 ? ` through ${before.slice(1).map((_, i) => link(i + 1)).join(', ')}` : ''} to ${sink.label}.`;
  const codeFlows: Sarif.CodeFlow[] = [
    {
      message: { text: steps.map((step) => step.label).join(' -> ') },
      threadFlows: [
        {
          locations: steps.map((step, i) => ({
            location: { physicalLocation: { artifactLocation: artifact(step.file), region: region(step.range) }, message: { text: step.label } },
            // 'taint' is a well-known SARIF kind; 'source' and 'sink' qualify the path's ends.
            kinds: i === 0 ? ['taint', 'source'] : i === steps.length - 1 ? ['taint', 'sink'] : ['taint'],
            nestingLevel: 0,
            executionOrder: i + 1,
          })),
        },
      ],
    },
  ];
  return { sentence, related, codeFlows };
}

const escapeLinkText = (text: string): string => text.replace(/[\\[\]]/g, (c) => `\\${c}`);

/** Inline comments (tsbandit-ignore, nosec, eslint-disable) are `inSource`; the baseline is `external`. */
function suppression(file: string, suppressed: Suppression): Sarif.Suppression {
  const justification = suppressed.justification?.trim() || (suppressed.kind === 'baseline' ? 'Recorded in the baseline file.' : undefined);
  return {
    kind: suppressed.kind === 'baseline' ? 'external' : 'inSource',
    status: 'accepted',
    ...(justification !== undefined ? { justification } : {}),
    ...(suppressed.line !== undefined ? { location: { physicalLocation: { artifactLocation: artifact(file), region: { startLine: suppressed.line } } } } : {}),
  };
}

/**
 * `primaryLocationLineHash` per finding: GitHub's value of the start line, except that the 2nd,
 * 3rd... finding of the same rule on the same line (same file, same hash) gets `:2`, `:3`...
 * appended, in column order. GitHub identifies an alert by rule, file and this value only, so
 * without the suffix it would merge them into one alert; the first keeps GitHub's exact value.
 */
function distinctLineHashes(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = `${finding.ruleId}\0${finding.file}\0${finding.lineHash}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? finding.lineHash : `${finding.lineHash}:${n}`;
  });
}

const artifact = (file: string): Sarif.ArtifactLocation => ({ uri: encodeUri(file), uriBaseId: '%SRCROOT%' });
const region = (range: SourceRange): Sarif.Region => ({ startLine: range.startLine, startColumn: range.startColumn, endLine: range.endLine, endColumn: range.endColumn });

function notification(notice: Notice): Sarif.Notification {
  return {
    level: notice.kind === 'parse-error' || notice.kind === 'rule-error' ? 'error' : 'warning',
    descriptor: { id: notice.kind },
    message: { text: `${notice.file}: ${notice.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(notice.file),
          ...(notice.line !== undefined ? { region: { startLine: notice.line, startColumn: notice.column ?? 1 } } : {}),
        },
      },
    ],
    ...(notice.ruleId !== undefined ? { associatedRule: { id: notice.ruleId } } : {}),
  };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
const encodeUri = (file: string): string => file.split('/').map(encodeURIComponent).join('/');
