import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The CI-scale part of `npm run bench` (issue #13): the command line as a CI job runs it, on the
 * whole corpus folder. Each run is a fresh `tsbandit scan` process, timed from spawn to exit
 * (process start, discovery, the worker, the report: everything a CI job waits for), run in the
 * corpus folder as a CI job runs in its checkout:
 *   - the full scan;
 *   - the same files as 4 shards run one after the other (`--shard K/4`), then `tsbandit merge`,
 *     then the full scan again: the overhead of sharding is their sum over the mean of the two
 *     full scans around them;
 *   - a cold scan with `--cache DIR`, then a re-scan of the unchanged tree with the same cache.
 * The corpus keeps the packages' `dist/` folders (that is where npm packages put their code),
 * so default excludes are off and declaration files are excluded as the corpus list does.
 */

export interface ScaleRun {
  readonly name: string;
  readonly ms: number;
  readonly findings: number;
  readonly files: number;
}

export interface ScaleResult {
  readonly runs: ScaleRun[];
  /** Sum of the 4 shards (and the merge) over the mean of the round's two full scans (before and after them); the median of the rounds. */
  readonly shardOverhead: number;
  /** Warm cached re-scan over the full scan of the same round; the median of the rounds. */
  readonly cachedOverFull: number;
  /** Whether the merged shards equal the full scan's findings, in every round. */
  readonly mergeEqualsFull: boolean;
}

const SHARDS = 4;
/** Goals of the issue: shards add at most 5%; a cached re-scan costs at most a tenth of a cold scan. */
export const GOAL_SHARD_OVERHEAD = 1.05;
export const GOAL_CACHED_OVER_COLD = 0.1;

export function runScaleBench(bin: string, corpus: string, log: (line: string) => void = () => undefined, rounds = 1): ScaleResult {
  const work = mkdtempSync(path.join(os.tmpdir(), 'tsbandit-bench-scale-'));
  const common = ['--no-default-excludes', '--no-gitignore', '--exclude', '*.d.ts', '--exclude', '*.d.mts', '--exclude', '*.d.cts', '--no-progress', '--exit-zero', '-f', 'json'];
  const runs: ScaleRun[] = [];
  const scan = (name: string, extra: readonly string[]): { run: ScaleRun; report: string } => {
    const report = path.join(work, `${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
    const start = performance.now();
    const result = spawnSync(process.execPath, [bin, 'scan', '.', ...common, ...extra, '-o', report], { cwd: corpus, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - start;
    if (result.status !== 0) throw new Error(`${name}: tsbandit exited ${String(result.status ?? result.signal)}: ${result.stderr.trim().split('\n')[0] ?? ''}`);
    const data = JSON.parse(readFileSync(report, 'utf8')) as { findings: unknown[]; summary: { filesScanned: number } };
    const run = { name, ms, findings: data.findings.length, files: data.summary.filesScanned };
    runs.push(run);
    log(`  ${name}: ${(ms / 1000).toFixed(2)} s, ${run.files} files, ${run.findings} findings`);
    return { run, report };
  };
  const findingsOf = (file: string): string => JSON.stringify((JSON.parse(readFileSync(file, 'utf8')) as { findings: unknown }).findings);
  // Each round times the full scan next to its shards and its cached re-scan, so a slow spell
  // of a shared machine skews one round's ratios, not the median of the rounds.
  const shardRatios: number[] = [];
  const cacheRatios: number[] = [];
  let mergeEqualsFull = true;
  try {
    for (let round = 1; round <= rounds; round++) {
      if (rounds > 1) log(` round ${round}/${rounds}`);
      const full = scan('full scan', []);
      const shardReports: string[] = [];
      let shardMs = 0;
      for (let k = 1; k <= SHARDS; k++) {
        const shard = scan(`shard ${k}/${SHARDS}`, ['--shard', `${k}/${SHARDS}`]);
        shardReports.push(shard.report);
        shardMs += shard.run.ms;
      }
      // The full scan again after the shards: the machine's speed drifts over minutes (the same
      // shard took 33 s and 42 s within an hour), so the shards are set against the mean of the
      // full scans on either side of them.
      const fullAfter = scan('full scan, again after the shards', []);
      const merged = path.join(work, 'merged.json');
      const mergeStart = performance.now();
      const merge = spawnSync(process.execPath, [bin, 'merge', ...shardReports, '-o', merged], { encoding: 'utf8' });
      const mergeMs = performance.now() - mergeStart;
      if (merge.status !== 0) throw new Error(`merge exited ${String(merge.status)}: ${merge.stderr.trim()}`);
      runs.push({ name: `merge of ${SHARDS} shards`, ms: mergeMs, findings: 0, files: 0 });
      log(`  merge: ${(mergeMs / 1000).toFixed(2)} s`);
      if (findingsOf(merged) !== findingsOf(full.report) || findingsOf(fullAfter.report) !== findingsOf(full.report)) mergeEqualsFull = false;
      const cacheDir = path.join(work, `cache-${round}`);
      scan('cached scan, cold', ['--cache', cacheDir]);
      const warm = scan('cached re-scan, unchanged tree', ['--cache', cacheDir]);
      shardRatios.push((shardMs + mergeMs) / ((full.run.ms + fullAfter.run.ms) / 2));
      cacheRatios.push(warm.run.ms / full.run.ms);
    }
    return { runs, shardOverhead: median(shardRatios), cachedOverFull: median(cacheRatios), mergeEqualsFull };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
