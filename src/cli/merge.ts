import { readFileSync } from 'node:fs';
import type * as Sarif from 'sarif';
import type { Finding, Notice } from '../findings/model.js';
import { compareFindings, compareNotices } from '../findings/sort.js';
import { jsonReport } from '../report/json.js';
import { applySarifLimits, limitNotification } from '../report/limits.js';

export class MergeError extends Error {
  override name = 'MergeError';
}

interface JsonReportShape {
  reportVersion: number;
  tool: { name: string; version: string };
  thresholds: { severity: Finding['severity']; confidence: Finding['confidence'] };
  summary: { belowThresholds: number; suppressed?: number; filesFound: number; filesScanned: number; lines: number };
  findings: Finding[];
  notices: Notice[];
}

/**
 * Merges reports of shards (or of separate scans of disjoint paths) into one, in the same
 * format: JSON reports or SARIF logs, never mixed. The order is the scanner's own, so the merge
 * of a full scan's shards equals the full scan's report byte for byte.
 */
export function mergeReports(files: readonly string[], onLimit?: (message: string) => void): string {
  if (files.length === 0) throw new MergeError('merge needs at least one report file');
  const parsed = files.map((file) => {
    try {
      return { file, data: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
    } catch (error) {
      throw new MergeError(`${file}: not a readable JSON or SARIF report (${(error as Error).message.split('\n')[0]})`);
    }
  });
  const kinds = new Set(parsed.map(({ file, data }) => (data.version === '2.1.0' && Array.isArray(data.runs) ? 'sarif' : typeof data.reportVersion === 'number' ? 'json' : fail(file))));
  if (kinds.size > 1) throw new MergeError('cannot merge SARIF with JSON reports');
  return kinds.has('sarif') ? mergeSarif(parsed as unknown as { file: string; data: Sarif.Log }[], onLimit) : mergeJson(parsed as unknown as { file: string; data: JsonReportShape }[]);
}

const fail = (file: string): never => {
  throw new MergeError(`${file}: neither a tsbandit JSON report nor a SARIF 2.1.0 log`);
};

function mergeJson(reports: { file: string; data: JsonReportShape }[]): string {
  const [first] = reports;
  for (const { file, data } of reports) {
    if (data.tool.version !== first!.data.tool.version || JSON.stringify(data.thresholds) !== JSON.stringify(first!.data.thresholds)) {
      throw new MergeError(`${file}: made by another tsbandit version or with other thresholds than ${first!.file}`);
    }
  }
  const sum = (pick: (r: JsonReportShape) => number): number => reports.reduce((total, { data }) => total + pick(data), 0);
  const findings = reports.flatMap(({ data }) => data.findings).sort(compareFindings);
  const notices = uniqueNotices(reports.flatMap(({ data }) => data.notices));
  return jsonReport({
    findings,
    notices,
    rules: [],
    stats: { filesFound: sum((r) => r.summary.filesFound), filesScanned: sum((r) => r.summary.filesScanned), lines: sum((r) => r.summary.lines), bytes: 0 },
    thresholds: first!.data.thresholds,
    belowThresholds: sum((r) => r.summary.belowThresholds),
    suppressed: sum((r) => r.summary.suppressed ?? 0),
  });
}

function uniqueNotices(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.sort(compareNotices).filter((notice) => {
    const key = JSON.stringify(notice);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const uriOf = (location: Sarif.Location | undefined): string => decodeURIComponent(location?.physicalLocation?.artifactLocation?.uri ?? '');

/** The scanner's finding order (compareFindings) read back from SARIF results. */
function compareResults(a: Sarif.Result, b: Sarif.Result): number {
  const ra = a.locations?.[0]?.physicalLocation?.region ?? {};
  const rb = b.locations?.[0]?.physicalLocation?.region ?? {};
  return (
    text(uriOf(a.locations?.[0]), uriOf(b.locations?.[0])) ||
    (ra.startLine ?? 0) - (rb.startLine ?? 0) ||
    (ra.startColumn ?? 0) - (rb.startColumn ?? 0) ||
    (ra.endLine ?? 0) - (rb.endLine ?? 0) ||
    (ra.endColumn ?? 0) - (rb.endColumn ?? 0) ||
    text(a.ruleId ?? '', b.ruleId ?? '') ||
    text(a.message.text ?? '', b.message.text ?? '')
  );
}

/** The scanner's notice order (compareNotices) read back from SARIF notifications. */
function compareNotifications(a: Sarif.Notification, b: Sarif.Notification): number {
  const ra = a.locations?.[0]?.physicalLocation?.region ?? {};
  const rb = b.locations?.[0]?.physicalLocation?.region ?? {};
  return (
    text(uriOf(a.locations?.[0]), uriOf(b.locations?.[0])) ||
    (ra.startLine ?? 0) - (rb.startLine ?? 0) ||
    (ra.startColumn ?? 0) - (rb.startColumn ?? 0) ||
    text(a.descriptor?.id ?? '', b.descriptor?.id ?? '') ||
    text(a.associatedRule?.id ?? '', b.associatedRule?.id ?? '') ||
    text(a.message.text ?? '', b.message.text ?? '')
  );
}

/** SARIF logs are merged into one run, then cut to GitHub's limits as a scan's SARIF is (report/limits). */
function mergeSarif(logs: { file: string; data: Sarif.Log }[], onLimit?: (message: string) => void): string {
  const runs = logs.map(({ file, data }) => {
    if (data.runs.length !== 1) throw new MergeError(`${file}: expected one run, found ${data.runs.length}`);
    return { file, run: data.runs[0]! };
  });
  const base = runs[0]!;
  const rulesById = new Map<string, Sarif.ReportingDescriptor>();
  for (const { file, run } of runs) {
    if (run.tool.driver.name !== base.run.tool.driver.name || run.tool.driver.semanticVersion !== base.run.tool.driver.semanticVersion) {
      throw new MergeError(`${file}: made by another tool or version than ${base.file}`);
    }
    for (const rule of run.tool.driver.rules ?? []) if (!rulesById.has(rule.id)) rulesById.set(rule.id, rule);
  }
  const rules = [...rulesById.values()].sort((a, b) => text(a.id, b.id));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const all = runs.flatMap(({ run }) => run.results ?? []).sort(compareResults).map((result) => ({ ...result, ruleIndex: index.get(result.ruleId ?? '') ?? -1 }));
  const { results, messages } = applySarifLimits(all);
  for (const message of messages) onLimit?.(message);
  const seen = new Set<string>();
  const notifications = runs
    .flatMap(({ run }) => run.invocations?.[0]?.toolExecutionNotifications ?? [])
    .sort(compareNotifications)
    .filter((notification) => {
      const key = JSON.stringify(notification);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const merged: Sarif.Log = {
    ...logs[0]!.data,
    runs: [
      {
        ...base.run,
        tool: { ...base.run.tool, driver: { ...base.run.tool.driver, rules } },
        invocations: [
          {
            ...(base.run.invocations?.[0] ?? { executionSuccessful: true }),
            executionSuccessful: runs.every(({ run }) => run.invocations?.[0]?.executionSuccessful !== false),
            toolExecutionNotifications: [...notifications, ...messages.map(limitNotification)],
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(merged, null, 2) + '\n';
}

