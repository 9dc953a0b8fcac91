import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../../rules/index.js';
import { renderRuleDoc } from '../docs/render.js';
import { scan } from '../engine/scan.js';
import { compareFindings, meetsThresholds, severityRank } from '../findings/sort.js';
import { parseShard, type Shard } from '../discover/shard.js';
import { writeFileAtomic } from './write-atomic.js';
import { mergeReports, MergeError } from './merge.js';
import { createProgressLine } from './progress.js';
import { applyBaseline, BaselineError, readBaseline, renderBaseline } from '../baseline/index.js';
import { ConfigError } from '../config/index.js';
import { resolveScanSettings } from './settings.js';
import { STARTER_CONFIG } from './starter-config.js';
import { renderSuppressionRuleDoc, SUPPRESSION_RULES, suppressionRulesFor, type SuppressionReporting } from '../suppress/diagnostics.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/index.js';
import { CONFIDENCES, SEVERITIES, type AnyRule, type Confidence, type Severity } from '../rule/types.js';
import { DEFAULT_CATEGORY } from '../report/sarif.js';
import { changedFiles } from '../git/changed.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  /** Whether stderr is a terminal: the progress line goes there. */
  readonly stderrIsTTY?: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A mistake in how the tool was called: one line to stderr, exit 2, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const HELP = `Usage: ${TOOL_NAME} <command> [options]

Commands:
  scan [paths...]      Scan files and folders (default: .) and report findings
  rules                List the rules: id, name, severity, confidence, CWE
  explain <rule>       Print a rule's documentation (id or name)
  init                 Write a commented starter config (.tsbanditrc.yaml) in the current folder
  merge FILES... [-o F] Merge JSON reports or SARIF logs of shards into one

Scan options:
  -f, --format FORMAT        text (default), json, sarif, html (one self-contained file) or
                             github (GitHub Actions annotations: ::error file=...::message)
  -o, --output FILE          Write the report to FILE instead of standard output
  --severity LEVEL           Report findings of at least this severity: low (default), medium, high, critical
  --confidence LEVEL         Report findings of at least this confidence: low (default), medium, high
  --exit-zero                Exit 0 even when findings are reported
  --fail-on LEVEL            Exit 1 only for reported findings of at least this severity
                             (default: any reported finding); the report is unchanged
  --fail-on-notice           Also exit 1 when a file could not be read, parsed or analysed
  --timestamp                Put the scan's date and duration in the report (html, text)
  --shard K/N                Scan only the K-th of N shares of the files (stable split for CI
                             matrices); merge the reports with 'tsbandit merge'
  --cache DIR                Reuse results of unchanged files kept in DIR (keyed by content,
                             path, tsbandit's code, rules and options)
  --exclude PATTERN          Skip paths matching PATTERN (gitignore syntax, relative to the
                             current folder, or to a scanned folder outside it); repeatable
  --no-default-excludes      Also scan node_modules, dist, build, coverage, *.min.js, *.d.ts
  --no-gitignore             Do not honour .gitignore files
  --max-file-size SIZE       Skip larger files with a notice (bytes, or 512k, 4m; default 2m)
  --category ID              SARIF automationDetails.id (default ${DEFAULT_CATEGORY})
  --include-suppressed       Also write suppressed findings (same as --show-suppressed); in SARIF
                             they carry suppressions[] (inSource: comment, external: baseline)
  --changed-since REF        Scan only files changed since the merge base of git REF and HEAD
                             (commits, staged, unstaged, untracked; deleted files skipped);
                             excludes and .gitignore still apply
  -c, --config FILE          Use this config file (default: tsbandit.config.json, .tsbanditrc.json,
                             .tsbanditrc.yaml or package.json "tsbandit" in the current folder)
  --no-config                Ignore config files
  --trust-config             Let a config found in the scanned folder load the plugins it names
  --plugin NAME              Load rules from an npm package (repeatable); plugins are code
  -b, --baseline FILE        Report only findings not recorded in FILE
  --write-baseline FILE      Record the current findings in FILE
  --ignore-nosec             Ignore tsbandit-ignore and nosec comments (eslint-disable still applies)
  --show-suppressed          Also list suppressed findings (marked as such)
  --report-unscoped-suppressions
                             Report tsbandit-ignore/nosec comments that name no rule (TSB001, low)
  --report-unused-suppressions
                             Report tsbandit-ignore/nosec comments that silence nothing (TSB002, low)
  --project TSCONFIG         Type-aware mode: build the TypeScript program of this tsconfig once and let
                             rules ask the checker (slower; see docs/type-aware.md)
  --timeout SECONDS          Per-file analysis time limit (default 10; 0 = none, in-process)
  --max-memory MB            Heap limit of the analysis worker (default 4096)
  --color, --no-color        Force colours on or off (default: on for a terminal, off with NO_COLOR)
  --no-progress, -q/--quiet  No progress line (shown on a terminal's stderr unless CI=true)
  --debug                    Print stack traces of internal errors

General:
  -h, --help                 Show this help
  -v, --version              Show the version

Exit codes: 0 no findings at or above the thresholds, 1 findings, 2 usage or fatal error.
Notices (files that could not be parsed or read) are reported but do not change the exit code.
`;

export function runCli(argv: readonly string[], io: CliIO): number {
  const debug = argv.includes('--debug');
  try {
    return dispatch(argv, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BaselineError) {
      io.stderr(`${TOOL_NAME}: error: ${error.message}\n`);
      return EXIT_ERROR;
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`${TOOL_NAME}: ${(error as Error).message}\nRun '${TOOL_NAME} --help' for usage.\n`);
      return EXIT_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${TOOL_NAME}: error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function dispatch(argv: readonly string[], io: CliIO): number {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout(HELP);
      return command === undefined ? EXIT_ERROR : EXIT_CLEAN;
    case '-v':
    case '--version':
      io.stdout(`${TOOL_VERSION}\n`);
      return EXIT_CLEAN;
    case 'scan':
      return scanCommand(rest, io);
    case 'rules':
      io.stdout(listRules(RULES));
      return EXIT_CLEAN;
    case 'explain':
      return explainCommand(rest, io);
    case 'init':
      return initCommand(io);
    case 'merge':
      return mergeCommand(rest, io);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

function scanCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      severity: { type: 'string' },
      confidence: { type: 'string' },
      'exit-zero': { type: 'boolean', default: false },
      'fail-on': { type: 'string' },
      'fail-on-notice': { type: 'boolean', default: false },
      timestamp: { type: 'boolean', default: false },
      shard: { type: 'string' },
      cache: { type: 'string' },
      'no-progress': { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      exclude: { type: 'string', multiple: true, default: [] },
      'no-default-excludes': { type: 'boolean', default: false },
      'no-gitignore': { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      category: { type: 'string', default: DEFAULT_CATEGORY },
      config: { type: 'string', short: 'c' },
      'no-config': { type: 'boolean', default: false },
      'trust-config': { type: 'boolean', default: false },
      plugin: { type: 'string', multiple: true, default: [] },
      baseline: { type: 'string', short: 'b' },
      'write-baseline': { type: 'string' },
      'ignore-nosec': { type: 'boolean', default: false },
      'show-suppressed': { type: 'boolean', default: false },
      'include-suppressed': { type: 'boolean', default: false },
      'changed-since': { type: 'string' },
      'report-unscoped-suppressions': { type: 'boolean', default: false },
      'report-unused-suppressions': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'max-memory': { type: 'string' },
      project: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_CLEAN;
  }
  const settings = resolveScanSettings(
    {
      paths: positionals,
      format: values.format,
      severity: values.severity,
      confidence: values.confidence,
      exclude: values.exclude,
      maxFileSize: values['max-file-size'],
      config: values.config,
      noConfig: values['no-config'],
      trustConfig: values['trust-config'],
      plugins: values.plugin,
      baseline: values.baseline === undefined ? undefined : path.resolve(io.cwd, values.baseline),
      timeoutSeconds: values.timeout,
      maxMemoryMb: values['max-memory'],
    },
    io.cwd,
    parseSize,
  );
  const format = oneOf('--format', settings.format ?? 'text', REPORT_FORMATS) as ReportFormat;
  const severity = oneOf('--severity', settings.severity ?? 'low', SEVERITIES) as Severity;
  const confidence = oneOf('--confidence', settings.confidence ?? 'low', CONFIDENCES) as Confidence;
  const failOnText = values['fail-on'] ?? settings.config?.config.failOn;
  const failOn = failOnText === undefined ? undefined : (oneOf('--fail-on', failOnText, SEVERITIES) as Severity);
  const shard = values.shard === undefined ? undefined : shardOrUsageError(values.shard);
  // Read the baseline before scanning: a bad file is a usage error, not a late surprise.
  const baseline = settings.baseline === undefined ? undefined : readBaseline(settings.baseline);

  const reportSuppressions = suppressionReporting(values['report-unscoped-suppressions'] || settings.config?.config.reportUnscopedSuppressions === true, values['report-unused-suppressions'] || settings.config?.config.reportUnusedSuppressions === true);
  const changed = values['changed-since'] === undefined ? undefined : changedFiles(io.cwd, values['changed-since']);
  if (changed !== undefined) io.stderr(`${TOOL_NAME}: --changed-since ${values['changed-since']}: ${changed.files.size} changed file(s) since ${changed.base.slice(0, 12)}\n`);
  const showProgress = io.stderrIsTTY === true && !values['no-progress'] && !values.quiet && io.env.CI !== 'true' && io.env.CI !== '1';
  const progress = showProgress ? createProgressLine(io.stderr) : undefined;
  const result = scan({
    root: io.cwd,
    paths: settings.paths,
    rules: settings.rules,
    ruleOptions: settings.ruleOptions,
    exclude: settings.exclude,
    useDefaultExcludes: !values['no-default-excludes'],
    useGitignore: !values['no-gitignore'],
    maxFileSize: settings.maxFileSize,
    timeoutMs: settings.timeoutMs,
    maxMemoryMb: settings.maxMemoryMb,
    pluginFiles: settings.pluginFiles,
    pluginRuleIds: settings.pluginRuleIds,
    ignoreInlineSuppressions: values['ignore-nosec'],
    ...(reportSuppressions !== undefined ? { reportSuppressions } : {}),
    ...(settings.settings !== undefined ? { settings: settings.settings } : {}),
    ...(shard !== undefined ? { shard } : {}),
    ...(changed !== undefined ? { onlyFiles: changed.files } : {}),
    ...(values.cache !== undefined ? { cacheDir: path.resolve(io.cwd, values.cache) } : {}),
    ...(progress !== undefined ? { onProgress: progress.update } : {}),
    ...(values.project !== undefined ? { project: projectOrUsageError(path.resolve(io.cwd, values.project)) } : {}),
  });
  progress?.done();
  if (result.missing.length > 0) {
    throw new UsageError(`path not found: ${result.missing.join(', ')}`);
  }
  const adjusted = settings.adjust(result.findings);
  if (values['write-baseline'] !== undefined) {
    writeFileAtomic(path.resolve(io.cwd, values['write-baseline']), renderBaseline(adjusted));
    io.stderr(`${TOOL_NAME}: wrote baseline of ${adjusted.filter((f) => f.suppressed === undefined).length} finding(s) to ${values['write-baseline']}\n`);
  }
  const applied = baseline === undefined ? { findings: adjusted, fixed: 0 } : applyBaseline(adjusted, baseline);
  if (baseline !== undefined) {
    io.stderr(`${TOOL_NAME}: baseline ${values.baseline ?? settings.baseline}: ${applied.findings.filter((f) => f.suppressed?.kind === 'baseline').length} known finding(s) not reported, ${applied.fixed} baseline entr${applied.fixed === 1 ? 'y' : 'ies'} no longer found (fixed)\n`);
  }
  const thresholds = { severity, confidence };
  const active = applied.findings.filter((finding) => finding.suppressed === undefined);
  const shown = active.filter((finding) => meetsThresholds(finding, thresholds));
  const suppressed = applied.findings.filter((finding) => finding.suppressed !== undefined);
  const listed = values['show-suppressed'] || values['include-suppressed'] ? [...shown, ...suppressed.filter((finding) => meetsThresholds(finding, thresholds))].sort(compareFindings) : shown;
  const color = values['no-color'] ? false : (values.color ?? (io.isTTY && !values.output && io.env.NO_COLOR === undefined));
  const report = renderReport(
    format,
    {
      findings: listed,
      notices: result.notices,
      rules: [...suppressionRulesFor(reportSuppressions), ...settings.rules],
      stats: result.stats,
      thresholds,
      belowThresholds: active.length - shown.length,
      suppressed: suppressed.length,
      category: values.category,
      onLimit: (message: string) => io.stderr(`${TOOL_NAME}: warning: ${message}\n`),
      ...(values.timestamp ? { timing: { finishedAt: new Date().toISOString(), durationMs: Math.round(result.durationMs) } } : {}),
    },
    { color },
  );
  if (values.output !== undefined) {
    writeFileAtomic(path.resolve(io.cwd, values.output), report);
    io.stderr(`${TOOL_NAME}: wrote ${format} report to ${values.output}: ${shown.length} finding(s), ${result.notices.length} notice(s)\n`);
  } else {
    io.stdout(report);
  }
  if (values['exit-zero']) return EXIT_CLEAN;
  if (values['fail-on-notice'] && result.notices.length > 0) return EXIT_FINDINGS;
  const failing = failOn === undefined ? shown : shown.filter((finding) => severityRank(finding.severity) >= severityRank(failOn));
  return failing.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function suppressionReporting(unscoped: boolean, unused: boolean): SuppressionReporting | undefined {
  return unscoped || unused ? { unscoped, unused } : undefined;
}

function shardOrUsageError(text: string): Shard {
  try {
    return parseShard(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function mergeCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' } } });
  let merged: string;
  try {
    merged = mergeReports(
      positionals.map((file) => path.resolve(io.cwd, file)),
      (message) => io.stderr(`${TOOL_NAME}: warning: ${message}\n`),
    );
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
  if (values.output === undefined) io.stdout(merged);
  else writeFileAtomic(path.resolve(io.cwd, values.output), merged);
  return EXIT_CLEAN;
}

function initCommand(io: CliIO): number {
  const file = path.join(io.cwd, '.tsbanditrc.yaml');
  if (existsSync(file)) throw new UsageError(`.tsbanditrc.yaml already exists in ${io.cwd}`);
  writeFileSync(file, STARTER_CONFIG);
  io.stdout(`Wrote ${file}. Run '${TOOL_NAME} scan' to use it.\n`);
  return EXIT_CLEAN;
}

function explainCommand(args: readonly string[], io: CliIO): number {
  const wanted = args[0];
  if (wanted === undefined) throw new UsageError('explain needs a rule id or name, e.g. tsbandit explain TSB201');
  const rule = [...RULES, ...SUPPRESSION_RULES].find((r) => r.id === wanted.toUpperCase() || r.name === wanted);
  if (rule === undefined) throw new UsageError(`unknown rule '${wanted}'; '${TOOL_NAME} rules' lists them`);
  io.stdout(SUPPRESSION_RULES.includes(rule) ? renderSuppressionRuleDoc(rule) : renderRuleDoc(rule));
  return EXIT_CLEAN;
}

export function listRules(rules: readonly AnyRule[]): string {
  const rows = rules.map((r) => [r.id, r.name, r.severity, r.confidence, r.cwe.map((c) => `CWE-${c}`).join(','), r.title]);
  const header = ['ID', 'NAME', 'SEVERITY', 'CONFIDENCE', 'CWE', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function oneOf(option: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value;
}

/** `2097152`, `512k`, `4m`, `4MiB` → bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (match === null) throw new UsageError(`--max-file-size must be a size such as 2097152, 512k or 4m (got '${text}')`);
  const unit = (match[2] ?? 'b').toLowerCase().charAt(0);
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(match[1]) * factor);
}

/** `--project`: the tsconfig must exist (a folder means its tsconfig.json). */
function projectOrUsageError(file: string): string {
  const config = existsSync(file) && statSync(file).isDirectory() ? path.join(file, 'tsconfig.json') : file;
  if (!existsSync(config)) throw new UsageError(`--project: ${config} not found`);
  return config;
}
