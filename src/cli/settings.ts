import path from 'node:path';
import ignore from 'ignore';
import { RULES } from '../../rules/index.js';
import { applyRuleSettings, ConfigError, enabledRules, loadPlugins, locateConfig, pluginNamesOf, readConfig, ruleOptionsOf, validateConfig, type LoadedConfig, type RawConfig, type TsbanditConfig } from '../config/index.js';
import { DEFAULT_MAX_FILE_SIZE } from '../discover/read.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_MS } from '../engine/scan.js';
import type { Finding } from '../findings/model.js';
import type { AnyRule, Confidence, Severity } from '../rule/types.js';

/** The scan options as parsed from the command line; undefined means "not given". */
export interface ScanFlags {
  readonly paths: readonly string[];
  readonly format?: string;
  readonly severity?: string;
  readonly confidence?: string;
  readonly exclude: readonly string[];
  readonly maxFileSize?: string;
  readonly config?: string;
  readonly noConfig: boolean;
  readonly trustConfig: boolean;
  readonly plugins: readonly string[];
  readonly baseline?: string;
  readonly timeoutSeconds?: string;
  readonly maxMemoryMb?: string;
}

/** What a scan runs with: command line over config over defaults. */
export interface ScanSettings {
  readonly paths: readonly string[];
  readonly format?: string;
  readonly severity?: string;
  readonly confidence?: string;
  readonly exclude: readonly string[];
  readonly maxFileSize: number;
  readonly rules: readonly AnyRule[];
  readonly ruleOptions: Record<string, unknown>;
  readonly pluginFiles: readonly string[];
  readonly pluginRuleIds: readonly string[];
  readonly baseline?: string;
  readonly timeoutMs: number;
  readonly maxMemoryMb: number;
  readonly config?: LoadedConfig;
  /** What rules see as `context.settings`: `{ tsbandit: { analysis } }` when the config extends the analysis. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Per-rule severity and confidence settings from the config, applied to the findings. */
  readonly adjust: (findings: readonly Finding[]) => Finding[];
}

export function resolveScanSettings(flags: ScanFlags, cwd: string, parseSize: (text: string) => number): ScanSettings {
  const explicit = flags.config !== undefined;
  const raw: RawConfig | undefined = flags.noConfig ? undefined : explicit ? readConfig(path.resolve(cwd, flags.config!)) : locateConfig(cwd);
  const configDir = raw === undefined ? cwd : path.dirname(raw.file);

  // A plugin is code. A config found in the scanned folder may be an attacker's: it may name
  // plugins only when the user vouches for it.
  const configPlugins = pluginNamesOf(raw);
  if (configPlugins.length > 0 && !explicit && !flags.trustConfig) {
    throw new ConfigError(`${raw!.where}: plugins: this config was found in the scanned folder and names plugins, which are code; pass --trust-config to load them, or name them with --plugin`);
  }
  const fromFlags = loadPlugins(flags.plugins, cwd, RULES);
  const fromConfig = loadPlugins(configPlugins, configDir, [...RULES, ...fromFlags.flatMap((plugin) => plugin.rules)]);
  const plugins = [...fromFlags, ...fromConfig];
  const pluginRules = plugins.flatMap((plugin) => plugin.rules);
  const allRules = [...RULES, ...pluginRules];
  const effective: TsbanditConfig = raw === undefined ? {} : validateConfig(raw.data, raw.where, allRules);
  const config = effective;
  const loaded: LoadedConfig | undefined = raw === undefined ? undefined : { file: raw.file, config: effective };

  const rules = enabledRules(allRules, effective);
  const seconds = flags.timeoutSeconds === undefined ? DEFAULT_TIMEOUT_MS / 1000 : Number(flags.timeoutSeconds);
  if (!Number.isFinite(seconds) || seconds < 0) throw new ConfigError(`--timeout must be a number of seconds (0 for no limit), got '${flags.timeoutSeconds}'`);
  const memory = flags.maxMemoryMb === undefined ? DEFAULT_MAX_MEMORY_MB : Number(flags.maxMemoryMb);
  if (!Number.isInteger(memory) || memory < 64) throw new ConfigError(`--max-memory must be a number of MiB (at least 64), got '${flags.maxMemoryMb}'`);
  const maxFileSizeText = flags.maxFileSize ?? (config.maxFileSize === undefined ? undefined : String(config.maxFileSize));
  const baseline = flags.baseline ?? (config.baseline === undefined ? undefined : path.resolve(configDir, config.baseline));
  return {
    paths: flags.paths.length > 0 ? flags.paths : (config.include ?? ['.']),
    format: flags.format ?? config.format,
    severity: flags.severity ?? config.severity,
    confidence: flags.confidence ?? config.confidence,
    exclude: [...(config.exclude ?? []), ...flags.exclude],
    maxFileSize: maxFileSizeText === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(maxFileSizeText),
    rules,
    ruleOptions: ruleOptionsOf(rules, effective),
    pluginFiles: plugins.map((plugin) => plugin.file),
    pluginRuleIds: pluginRules.map((rule) => rule.id),
    ...(baseline !== undefined ? { baseline } : {}),
    timeoutMs: Math.round(seconds * 1000),
    maxMemoryMb: memory,
    ...(loaded !== undefined ? { config: loaded } : {}),
    ...(config.analysis !== undefined ? { settings: { tsbandit: { analysis: config.analysis } } } : {}),
    adjust: (findings) => dropAllowlistedPaths(applyRuleSettings(findings, rules, effective), config.analysis?.allowlist?.paths),
  };
}

/** `analysis.allowlist.paths`: secret findings (the TSB5xx family) in these files are dropped. */
function dropAllowlistedPaths(findings: Finding[], patterns: readonly string[] | undefined): Finding[] {
  if (patterns === undefined || patterns.length === 0) return findings;
  const matcher = ignore().add([...patterns]);
  return findings.filter((finding) => !(/^TSB5\d\d$/.test(finding.ruleId) && isRelative(finding.file) && matcher.ignores(finding.file)));
}

const isRelative = (file: string): boolean => file !== '' && !file.startsWith('../') && !file.startsWith('/');

export type { Confidence, Severity };
