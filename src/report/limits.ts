import type * as Sarif from 'sarif';

/**
 * What GitHub code scanning accepts from one SARIF run (docs: "SARIF support for code scanning",
 * limits). Above `results` GitHub keeps only its own top 5,000 results (it rejects more than
 * 25,000); above `threadFlowLocations` it keeps 1,000 of a result's data-flow steps (rejects
 * 10,000); above `relatedLocations` it shows 100 locations of a result (rejects 1,000). We cut
 * first, with our own priority and a notice, so what GitHub shows is what we chose and said.
 */
export const GITHUB_LIMITS = {
  results: 5000,
  threadFlowLocations: 1000,
  relatedLocations: 100,
} as const;

export interface SarifLimits {
  readonly results: number;
  readonly threadFlowLocations: number;
  readonly relatedLocations: number;
}

/** `toolExecutionNotifications[].descriptor.id` of the notice written when something was cut. */
export const LIMIT_NOTICE_ID = 'github-limit';

const SEVERITY_RANK: Readonly<Record<string, number>> = { critical: 4, high: 3, medium: 2, low: 1 };
const LEVEL_RANK: Readonly<Record<string, number>> = { error: 3, warning: 2, note: 1, none: 0 };
const CONFIDENCE_RANK: Readonly<Record<string, number>> = { high: 3, medium: 2, low: 1 };

/** Our severity (`properties.severity`), else the SARIF level read as one. */
function severityOf(result: Sarif.Result): number {
  const severity = result.properties?.['severity'];
  if (typeof severity === 'string' && severity in SEVERITY_RANK) return SEVERITY_RANK[severity]!;
  return (LEVEL_RANK[result.level ?? 'warning'] ?? 0) - 0.5; // error ranks between high and medium
}

function confidenceOf(result: Sarif.Result): number {
  const confidence = result.properties?.['confidence'];
  return typeof confidence === 'string' ? (CONFIDENCE_RANK[confidence] ?? 0) : 0;
}

export interface LimitOutcome {
  readonly results: Sarif.Result[];
  /** One sentence per kind of cut, for `toolExecutionNotifications` and stderr; empty when nothing was cut. */
  readonly messages: string[];
}

/**
 * Keeps a run within GitHub's limits. Results beyond `limits.results` are dropped by severity
 * first, then confidence, then the run's own (stable) order; the kept results stay in that order.
 * Data flows and related locations beyond their limits are shortened, keeping the source and the
 * sink; message links to a related location that was dropped are turned back into plain text.
 */
export function applySarifLimits(results: readonly Sarif.Result[], limits: SarifLimits = GITHUB_LIMITS): LimitOutcome {
  const messages: string[] = [];
  let kept: Sarif.Result[] = [...results];
  if (results.length > limits.results) {
    const ranked = results
      .map((result, index) => ({ result, index }))
      .sort((a, b) => severityOf(b.result) - severityOf(a.result) || confidenceOf(b.result) - confidenceOf(a.result) || a.index - b.index);
    const chosen = ranked.slice(0, limits.results).sort((a, b) => a.index - b.index);
    const last = ranked[limits.results - 1]!.result;
    kept = chosen.map(({ result }) => result);
    const lowest = [last.properties?.['severity'] ?? last.level, last.properties?.['confidence']].filter((part) => typeof part === 'string').join('/');
    messages.push(
      `GitHub code scanning keeps at most ${limits.results} results per run: ${results.length - limits.results} of ${results.length} results were left out, ` +
        `lowest severity and confidence first (the lowest kept is ${lowest || 'unranked'}); raise --severity or --confidence, or scan parts of the repository under separate --category values to see the rest.`,
    );
  }
  let flowsCut = 0;
  let relatedCut = 0;
  kept = kept.map((result) => {
    let changed: Sarif.Result = result;
    const steps = (result.codeFlows ?? []).reduce((sum, flow) => sum + flow.threadFlows.reduce((n, thread) => n + thread.locations.length, 0), 0);
    if (steps > limits.threadFlowLocations) {
      // GitHub counts the steps of all of a result's flows together: shorten each thread to its share.
      flowsCut++;
      const threads = result.codeFlows!.reduce((n, flow) => n + flow.threadFlows.length, 0);
      const share = Math.max(1, Math.floor(limits.threadFlowLocations / threads));
      const codeFlows = result.codeFlows!.map((flow) => ({
        ...flow,
        threadFlows: flow.threadFlows.map((thread) =>
          thread.locations.length <= share ? thread : { ...thread, locations: [thread.locations[0]!, ...(share > 1 ? thread.locations.slice(thread.locations.length - (share - 1)) : [])] },
        ),
      }));
      changed = { ...changed, codeFlows };
    }
    const related = result.relatedLocations;
    if (related !== undefined && related.length > limits.relatedLocations) {
      relatedCut++;
      const relatedLocations = related.slice(0, limits.relatedLocations);
      const ids = new Set(relatedLocations.map((location) => location.id));
      const text = (changed.message.text ?? '').replace(/\[((?:[^\]\\]|\\.)*)\]\((\d+)\)/g, (link, label: string, id: string) => (ids.has(Number(id)) ? link : label));
      changed = { ...changed, relatedLocations, message: { ...changed.message, text } };
    }
    return changed;
  });
  if (flowsCut > 0) {
    messages.push(`GitHub code scanning keeps at most ${limits.threadFlowLocations} data-flow steps per result: the flows of ${flowsCut} result(s) were shortened (source and last steps kept).`);
  }
  if (relatedCut > 0) {
    messages.push(`GitHub code scanning shows at most ${limits.relatedLocations} related locations per result: ${relatedCut} result(s) were shortened.`);
  }
  return { results: kept, messages };
}

/** The notice that goes with each message of `applySarifLimits`. */
export const limitNotification = (message: string): Sarif.Notification => ({
  level: 'warning',
  descriptor: { id: LIMIT_NOTICE_ID },
  message: { text: message },
});
