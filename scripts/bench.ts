import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse as parseTsEstree } from '@typescript-eslint/typescript-estree';
import { RULES } from '../rules/index.js';
import { activateRules, scanSource } from '../src/engine/scan.js';
import { walk, type DispatchTable, type NodeHandler } from '../src/engine/walker.js';
import { parseSource } from '../src/parse/index.js';
import { runAdversarialBench, type AdversarialRow } from './bench-adversarial.js';
import { GOAL_CACHED_OVER_COLD, GOAL_SHARD_OVERHEAD, median, runScaleBench, type ScaleResult } from './bench-scale.js';

/**
 * npm run bench: times tsbandit against its own parser, and against ESLint with the usual
 * security plugins, on a pinned real-world corpus. A benchmark, not a test: it never fails on
 * a slow result, it reports it.
 *
 *   node dist/scripts/bench.js [--corpus DIR] [--size medium|large] [--runs N] [--skip-eslint]
 *                              [--eslint-mode linter|api] [--skip-scale] [--skip-adversarial]
 *
 * After the phases: the CI-scale runs of the command line (full scan, 4 shards + merge, cached
 * re-scan; scripts/bench-scale.ts) and the linear-time check of the content regexes on 1 MB
 * adversarial strings (scripts/bench-adversarial.ts).
 *
 * Every phase runs in its own child process (`--phase NAME`), one at a time, single-threaded, so
 * its peak RSS is its own; the child times its loop over the file list (read + the phase's work
 * per file; module loading and process start are outside the timed span) and prints one JSON line.
 * With --runs N the phases run in N rounds (each round runs every phase once) and the median is
 * reported, so a slow spell on a shared machine does not skew one phase against another.
 * The corpus is built by ../shared/bench/make-corpus.sh unless DIR/files.txt exists; ESLint and
 * its plugins are installed in bench/ (npm ci --prefix bench) when bench/node_modules is missing.
 * Results also go to DIR/bench-results.json. See docs/benchmark.md.
 */

const SCRIPT = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SCRIPT), '..', '..');
const CORPUS_SCRIPT = path.resolve(REPO_ROOT, '..', 'shared', 'bench', 'make-corpus.sh');
const BENCH_DIR = path.join(REPO_ROOT, 'bench');

type PhaseName = 'read' | 'estree' | 'estree-walk' | 'parse' | 'parse-walk' | 'scan' | 'eslint' | 'eslint-none' | 'eslint-tsbandit';
const ESLINT_PHASES: readonly PhaseName[] = ['eslint', 'eslint-none', 'eslint-tsbandit'];
const OWN_PHASES: readonly PhaseName[] = ['read', 'estree', 'estree-walk', 'parse', 'parse-walk', 'scan'];
const LABELS: Record<PhaseName, string> = {
  read: 'read only',
  estree: 'typescript-estree parse',
  'estree-walk': 'typescript-estree parse + walk',
  parse: 'parseSource (tsbandit parser)',
  'parse-walk': 'parseSource + walk',
  scan: 'tsbandit scan (all rules)',
  eslint: 'ESLint 9 + security plugins',
  'eslint-none': 'ESLint 9, no rules',
  'eslint-tsbandit': 'ESLint 9 + tsbandit plugin',
};

/**
 * Goals: the full scan within 1.3x of typescript-estree parse + walk (the reference parser, as
 * ESLint's TypeScript parser uses it), and at least 2.5x faster than the ESLint setup.
 */
const GOAL_SCAN_OVER_PARSE_WALK = 1.3;
const GOAL_ESLINT_OVER_SCAN = 2.5;

interface Options {
  corpus: string;
  size: 'medium' | 'large';
  runs: number;
  skipEslint: boolean;
  eslintMode: 'linter' | 'api';
  phase: PhaseName | undefined;
  skipScale: boolean;
  skipAdversarial: boolean;
}

/** What a phase child prints: its own counts and timings. */
interface PhaseReport {
  readonly phase: PhaseName;
  readonly files: number;
  /** The timed loop, in milliseconds: module loading and process start are outside it. */
  readonly ms: number;
  readonly maxRssKB: number;
  readonly parseErrors?: number;
  readonly findings?: number;
  readonly notices?: number;
  readonly crashed?: number;
  readonly messages?: number;
  readonly [key: string]: unknown;
}

interface PhaseSummary {
  readonly phase: PhaseName;
  readonly label: string;
  readonly files: number;
  readonly bytes: number;
  /** Median over the runs. */
  readonly ms: number;
  readonly runsMs: number[];
  readonly filesPerSec: number;
  readonly mbPerSec: number;
  readonly peakRssMB: number;
  readonly detail: PhaseReport;
}

function parseArgs(argv: readonly string[]): Options {
  let size: Options['size'] = 'medium';
  let corpus: string | undefined;
  let runs = 1;
  let skipEslint = false;
  let eslintMode: Options['eslintMode'] = 'linter';
  let phase: PhaseName | undefined;
  let skipScale = false;
  let skipAdversarial = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--corpus') corpus = value();
    else if (arg === '--size') {
      const v = value();
      if (v !== 'medium' && v !== 'large') throw new Error('--size is medium or large');
      size = v;
    } else if (arg === '--runs') {
      runs = Number(value());
      if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs is a whole number >= 1');
    } else if (arg === '--skip-eslint') skipEslint = true;
    else if (arg === '--skip-scale') skipScale = true;
    else if (arg === '--skip-adversarial') skipAdversarial = true;
    else if (arg === '--eslint-mode') {
      const v = value();
      if (v !== 'linter' && v !== 'api') throw new Error('--eslint-mode is linter or api');
      eslintMode = v;
    } else if (arg === '--phase') {
      const v = value() as PhaseName;
      if (!OWN_PHASES.includes(v)) throw new Error(`--phase is one of ${OWN_PHASES.join(', ')}`);
      phase = v;
    } else throw new Error(`unknown argument ${String(arg)}`);
  }
  const fallback = process.env['TSBANDIT_BENCH_CORPUS'] ?? path.join(os.homedir(), '.cache', 'tsbandit-bench', size);
  return { corpus: path.resolve(corpus ?? fallback), size, runs, skipEslint, eslintMode, phase, skipScale, skipAdversarial };
}

function readFileList(corpus: string): string[] {
  return readFileSync(path.join(corpus, 'files.txt'), 'utf8').split('\n').filter((line) => line.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Child side: one phase over the whole list, timed in-process.

function runPhase(phase: PhaseName, corpus: string): PhaseReport {
  const files = readFileList(corpus);
  const noHandlers: DispatchTable = { enter: new Map<string, NodeHandler[]>(), exit: new Map<string, NodeHandler[]>() };
  const rules = activateRules(RULES);
  let parseErrors = 0;
  let findings = 0;
  let notices = 0;
  let chars = 0;
  const byRule: Record<string, number> = {};
  const noticeKinds: Record<string, number> = {};
  const started = performance.now();
  for (const rel of files) {
    const text = readFileSync(path.join(corpus, rel), 'utf8');
    switch (phase) {
      case 'read':
        chars += text.length;
        break;
      case 'estree':
      case 'estree-walk': {
        // The options tsbandit used with typescript-estree, and its fallback still uses.
        let ast: Parameters<typeof walk>[0] | undefined;
        try {
          ast = parseTsEstree(text, {
            filePath: rel,
            loc: true,
            range: true,
            comment: true,
            tokens: false,
            jsDocParsingMode: 'none',
            suppressDeprecatedPropertyWarnings: true,
          }) as unknown as Parameters<typeof walk>[0];
        } catch {
          parseErrors++;
        }
        if (ast !== undefined && phase === 'estree-walk') walk(ast, noHandlers);
        break;
      }
      case 'parse': {
        if (!parseSource(text, rel).ok) parseErrors++;
        break;
      }
      case 'parse-walk': {
        const parsed = parseSource(text, rel);
        if (parsed.ok) walk(parsed.ast, noHandlers);
        else parseErrors++;
        break;
      }
      case 'scan': {
        const result = scanSource(rel, text, rules);
        findings += result.findings.length;
        notices += result.notices.length;
        for (const f of result.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
        for (const n of result.notices) {
          noticeKinds[n.kind] = (noticeKinds[n.kind] ?? 0) + 1;
          if (n.kind === 'parse-error') parseErrors++;
        }
        break;
      }
      case 'eslint':
        throw new Error('the eslint phase runs bench/eslint-run.mjs');
    }
  }
  const ms = performance.now() - started;
  const base = { phase, files: files.length, ms, maxRssKB: process.resourceUsage().maxRSS };
  if (phase === 'read') return { ...base, chars };
  if (phase === 'scan') return { ...base, parseErrors, findings, notices, byRule, noticeKinds, rules: rules.length };
  return { ...base, parseErrors };
}

// ---------------------------------------------------------------------------------------------
// Parent side.

function run(command: string, args: readonly string[], what: string): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${String(result.status ?? result.signal)})`);
}

function ensureCorpus(options: Options): void {
  if (existsSync(path.join(options.corpus, 'files.txt'))) return;
  if (!existsSync(CORPUS_SCRIPT)) throw new Error(`no corpus at ${options.corpus} and no ${CORPUS_SCRIPT} to build one`);
  console.log(`building the ${options.size} corpus in ${options.corpus} (npm pack of pinned packages)...`);
  run('bash', [CORPUS_SCRIPT, options.corpus, options.size], 'make-corpus.sh');
}

function ensureBenchDeps(): void {
  if (existsSync(path.join(BENCH_DIR, 'node_modules', 'eslint'))) return;
  const lock = existsSync(path.join(BENCH_DIR, 'package-lock.json'));
  console.log(`installing the peer tools in bench/ (npm ${lock ? 'ci' : 'install'})...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, [lock ? 'ci' : 'install', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], 'installing bench/ dependencies');
}

function spawnPhase(phase: PhaseName, options: Options): PhaseReport {
  const args =
    ESLINT_PHASES.includes(phase)
      ? [path.join(BENCH_DIR, 'eslint-run.mjs'), options.corpus, '--mode', options.eslintMode, '--rules', phase === 'eslint' ? 'peers' : phase.slice('eslint-'.length)]
      : [SCRIPT, '--phase', phase, '--corpus', options.corpus];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`phase ${phase} failed (exit ${String(result.status ?? result.signal)})`);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as PhaseReport;
}

function summarise(phase: PhaseName, reports: readonly PhaseReport[], bytes: number): PhaseSummary {
  const runsMs = reports.map((r) => r.ms);
  const ms = median(runsMs);
  const detail = reports[reports.length - 1] as PhaseReport;
  return {
    phase,
    label: LABELS[phase],
    files: detail.files,
    bytes,
    ms,
    runsMs,
    filesPerSec: detail.files / (ms / 1000),
    mbPerSec: bytes / 1e6 / (ms / 1000),
    peakRssMB: Math.max(...reports.map((r) => r.maxRssKB)) / 1024,
    detail,
  };
}

function notes(s: PhaseSummary): string {
  const d = s.detail;
  const parts: string[] = [];
  if (d.parseErrors !== undefined) parts.push(`${d.parseErrors} parse errors`);
  if (d.findings !== undefined) parts.push(`${d.findings} findings`, `${String(d.notices)} notices`);
  if (d.messages !== undefined) parts.push(`${d.messages} warnings`, `${String(d.crashed)} crashed`);
  return parts.join(', ');
}

function table(rows: readonly PhaseSummary[]): string {
  const head = ['phase', 'files', 'wall s', 'files/s', 'MB/s', 'peak RSS MB', 'notes'];
  const body = rows.map((s) => [
    s.label,
    String(s.files),
    (s.ms / 1000).toFixed(2),
    s.filesPerSec.toFixed(0),
    s.mbPerSec.toFixed(2),
    s.peakRssMB.toFixed(0),
    notes(s),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    '| ' + cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (i === 0 || i === widths.length - 1 ? ' ' + '-'.repeat(w) + ' ' : ' ' + '-'.repeat(w - 1) + ': ')).join('|') + '|';
  return [line(head), rule, ...body.map(line)].join('\n');
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  if (options.phase !== undefined) {
    process.stdout.write(JSON.stringify(runPhase(options.phase, options.corpus)) + '\n');
    return;
  }
  ensureCorpus(options);
  if (!options.skipEslint) ensureBenchDeps();
  const files = readFileList(options.corpus);
  let bytes = 0;
  for (const rel of files) bytes += statSync(path.join(options.corpus, rel)).size;
  console.log(
    `corpus ${options.corpus}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; ${options.runs} round(s) of every phase, median reported; load average ${os.loadavg()[0]?.toFixed(2)}`,
  );

  const phases: PhaseName[] = [...OWN_PHASES, ...(options.skipEslint ? [] : ESLINT_PHASES)];
  // One untimed read of every file first, so the page cache is warm for all phases alike.
  for (const rel of files) readFileSync(path.join(options.corpus, rel));
  // Rounds, not blocks: round r runs every phase once, so a slow spell on a shared machine
  // slows all phases alike instead of skewing one phase's figure, and the ratios stay fair.
  const reports = new Map<PhaseName, PhaseReport[]>(phases.map((p) => [p, []]));
  for (let r = 0; r < options.runs; r++) {
    for (const phase of phases) {
      process.stdout.write(`  run ${r + 1}/${options.runs} ${LABELS[phase]}... `);
      const report = spawnPhase(phase, options);
      process.stdout.write(`${(report.ms / 1000).toFixed(2)} s\n`);
      reports.get(phase)?.push(report);
    }
  }
  const summaries = new Map<PhaseName, PhaseSummary>(phases.map((p) => [p, summarise(p, reports.get(p) ?? [], bytes)]));
  console.log('\n' + table([...summaries.values()]) + '\n');
  const ms = (phase: PhaseName): number | undefined => summaries.get(phase)?.ms;
  const scanMs = ms('scan') as number;
  const ratios: Record<string, number> = {
    scanOverEstreeWalk: scanMs / (ms('estree-walk') as number),
    scanOverParse: scanMs / (ms('parse') as number),
    scanOverParseWalk: scanMs / (ms('parse-walk') as number),
    estreeWalkOverParseWalk: (ms('estree-walk') as number) / (ms('parse-walk') as number),
  };
  const x = (key: string): string => `${(ratios[key] as number).toFixed(2)}x`;
  const walkOk = (ratios['scanOverEstreeWalk'] as number) <= GOAL_SCAN_OVER_PARSE_WALK;
  console.log(`scan / (typescript-estree parse + walk) = ${x('scanOverEstreeWalk')}   goal <= ${GOAL_SCAN_OVER_PARSE_WALK}x: ${walkOk ? 'MET' : 'NOT MET'}`);
  console.log(`scan / parseSource                      = ${x('scanOverParse')}`);
  console.log(`scan / (parseSource + walk)             = ${x('scanOverParseWalk')}   (rule work over the engine's own parse + walk)`);
  console.log(`typescript-estree+walk / parseSource+walk = ${x('estreeWalkOverParseWalk')}`);
  const goals: Record<string, boolean> = { scanWithin1_3xEstreeParseWalk: walkOk };
  const eslintMs = ms('eslint');
  if (eslintMs !== undefined) {
    ratios['eslintOverScan'] = eslintMs / scanMs;
    const eslintOk = ratios['eslintOverScan'] >= GOAL_ESLINT_OVER_SCAN;
    goals['atLeast2_5xFasterThanEslint'] = eslintOk;
    console.log(`ESLint / scan                           = ${ratios['eslintOverScan'].toFixed(2)}x   goal >= ${GOAL_ESLINT_OVER_SCAN}x: ${eslintOk ? 'MET' : 'NOT MET'}`);
  } else {
    console.log('ESLint / scan                           = (skipped: --skip-eslint)');
  }
  const bareMs = ms('eslint-none');
  const pluginMs = ms('eslint-tsbandit');
  if (bareMs !== undefined && pluginMs !== undefined) {
    // What tsbandit's rules add inside ESLint, over ESLint's own parse and traversal.
    ratios['eslintPluginOverBare'] = pluginMs / bareMs;
    console.log(`ESLint+tsbandit / ESLint (no rules)     = ${ratios['eslintPluginOverBare'].toFixed(2)}x   (the plugin's own cost in the editor)`);
  }

  let scale: ScaleResult | undefined;
  if (!options.skipScale) {
    console.log('\nCI scale: the command line on the corpus folder (one process per run, spawn to exit)');
    scale = runScaleBench(path.join(REPO_ROOT, 'dist', 'src', 'cli', 'bin.js'), options.corpus, console.log, options.runs);
    const shardOk = scale.shardOverhead <= GOAL_SHARD_OVERHEAD;
    const cacheOk = scale.cachedOverFull <= GOAL_CACHED_OVER_COLD;
    // The goals are set on the large corpus: each shard process pays about a second of start,
    // discovery and warm-up, which a 20 s medium scan cannot hide within 5%.
    const judged = options.size === 'large';
    const verdict = (ok: boolean): string => (judged ? (ok ? 'MET' : 'NOT MET') : 'set on --size large; not judged here');
    if (judged) {
      goals['shardsWithin5Percent'] = shardOk;
      goals['cachedRescanWithinTenth'] = cacheOk;
    }
    goals['mergedShardsEqualFullScan'] = scale.mergeEqualsFull;
    console.log(`4 shards + merge / full scan            = ${scale.shardOverhead.toFixed(2)}x   goal <= ${GOAL_SHARD_OVERHEAD}x: ${verdict(shardOk)}`);
    console.log(`cached re-scan / full scan              = ${scale.cachedOverFull.toFixed(3)}x  goal <= ${GOAL_CACHED_OVER_COLD}x: ${verdict(cacheOk)}`);
    console.log(`merged shards equal the full scan       = ${scale.mergeEqualsFull ? 'yes' : 'NO'}`);
  }
  let adversarial: AdversarialRow[] | undefined;
  if (!options.skipAdversarial) {
    console.log('\nAdversarial inputs: content regexes on 256 KB and 1 MB strings (growth ~4x is linear, ~16x quadratic)');
    adversarial = runAdversarialBench(console.log);
    goals['contentRegexesLinear'] = adversarial.every((row) => row.linear);
  }

  const out = path.join(options.corpus, 'bench-results.json');
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    corpus: options.corpus,
    size: options.size,
    files: files.length,
    bytes,
    runs: options.runs,
    loadAverageAtEnd: os.loadavg(),
    phases: [...summaries.values()],
    ratios,
    goals,
    scale,
    adversarial,
  };
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nresults written to ${out}`);
}

try {
  main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
