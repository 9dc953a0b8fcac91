import type * as Sarif from 'sarif';
import { renderRuleDoc, renderRuleHelpText } from '../docs/render.js';
import { ruleDocUrl, TOOL_HOMEPAGE, TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { familyOf, type AnyRule, type Confidence, type Severity } from '../rule/index.js';
import type { Finding, Notice } from '../findings/model.js';
import type { ReportInput } from './model.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'tsbandit/v1';
export const DEFAULT_CATEGORY = 'tsbandit/';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

/** SARIF 2.1.0 for GitHub code scanning: relative URIs under %SRCROOT%, UTF-16 columns, GitHub's line hash. */
export function sarifReport(input: ReportInput): string {
  const ruleIndex = new Map(input.rules.map((rule, index) => [rule.id, index]));
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
            toolExecutionNotifications: input.notices.map(notification),
          },
        ],
        results: input.findings.map((finding) => result(finding, ruleIndex.get(finding.ruleId) ?? -1)),
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

function result(finding: Finding, ruleIndex: number): Sarif.Result {
  const { range } = finding;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(finding.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: range.startLine,
            startColumn: range.startColumn,
            endLine: range.endLine,
            endColumn: range.endColumn,
            snippet: { text: finding.snippet },
          },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: finding.lineHash, [FINGERPRINT_KEY]: finding.fingerprint },
    properties: { confidence: finding.confidence, severity: finding.severity, cwe: finding.cwe.map((cwe) => `CWE-${cwe}`) },
  };
}

function notification(notice: Notice): Sarif.Notification {
  return {
    level: notice.kind === 'parse-error' || notice.kind === 'rule-error' ? 'error' : 'warning',
    descriptor: { id: notice.kind },
    message: { text: `${notice.file}: ${notice.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(notice.file), uriBaseId: '%SRCROOT%' },
          ...(notice.line !== undefined ? { region: { startLine: notice.line, startColumn: notice.column ?? 1 } } : {}),
        },
      },
    ],
    ...(notice.ruleId !== undefined ? { associatedRule: { id: notice.ruleId } } : {}),
  };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
const encodeUri = (file: string): string => file.split('/').map(encodeURIComponent).join('/');
