import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { AnyRule, Confidence, Severity } from '../rule/types.js';
import { CONFIDENCES, SEVERITIES } from '../rule/types.js';
import { validateAnalysis, type AnalysisConfig } from './analysis.js';
import { optionValueProblem } from './options.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/model.js';

/** A configuration mistake: one line naming the file, the key path and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type RuleSetting = 'off' | 'on' | { readonly severity?: Severity; readonly confidence?: Confidence; readonly options?: Record<string, unknown> };

/** Rule settings for some paths only: later entries win over earlier ones and over `rules`. */
export interface ConfigOverride {
  /** gitignore-syntax patterns, like `exclude`, relative to the scan root. */
  readonly files: readonly string[];
  readonly rules: Readonly<Record<string, RuleSetting>>;
}

export interface TsbanditConfig {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly severity?: Severity;
  readonly confidence?: Confidence;
  readonly maxFileSize?: number | string;
  readonly format?: ReportFormat;
  readonly baseline?: string;
  readonly plugins?: readonly string[];
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly overrides?: readonly ConfigOverride[];
  /** Exit 1 only for findings at or above this severity (default: any reported finding). */
  readonly failOn?: Severity;
  /** Extra sinks, sources, sanitizers, secret patterns and allowlists (src/config/analysis.ts). */
  readonly analysis?: AnalysisConfig;
  /** As --report-unscoped-suppressions. */
  readonly reportUnscopedSuppressions?: boolean;
  /** As --report-unused-suppressions. */
  readonly reportUnusedSuppressions?: boolean;
}

export interface LoadedConfig {
  readonly config: TsbanditConfig;
  /** The file it came from; relative paths in it (baseline, exclude) are relative to its folder. */
  readonly file: string;
}

/** Where a config is looked up, in order, in the scan root. JSON or YAML only: never code. */
export const CONFIG_FILE_NAMES = ['tsbandit.config.json', '.tsbanditrc.json', '.tsbanditrc.yaml', '.tsbanditrc.yml'] as const;

/** A config as parsed, not yet validated: plugins named in it must load before its rules can be checked. */
export interface RawConfig {
  readonly file: string;
  /** How errors name it: the file, or `package.json: tsbandit`. */
  readonly where: string;
  readonly data: unknown;
}

/** The config of a folder: the first of CONFIG_FILE_NAMES, else package.json's "tsbandit" key. */
export function locateConfig(folder: string): RawConfig | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(folder, name);
    if (existsSync(file)) return readConfig(file);
  }
  const pkg = path.join(folder, 'package.json');
  if (existsSync(pkg)) {
    const data = parseFile(pkg) as Record<string, unknown> | null;
    if (data !== null && typeof data === 'object' && 'tsbandit' in data) return { file: pkg, where: `${pkg}: tsbandit`, data: data.tsbandit };
  }
  return undefined;
}

export function readConfig(file: string): RawConfig {
  return { file, where: file, data: parseFile(file) };
}

/** The plugin names a raw config lists (checked to be strings), before anything is loaded. */
export function pluginNamesOf(raw: RawConfig | undefined): string[] {
  const plugins = (raw?.data as { plugins?: unknown } | null | undefined)?.plugins;
  if (plugins === undefined) return [];
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== 'string' || p === '')) throw new ConfigError(`${raw!.where}: plugins: expected an array of package names`);
  return plugins as string[];
}

export function findConfig(folder: string, rules: readonly AnyRule[]): LoadedConfig | undefined {
  const raw = locateConfig(folder);
  return raw === undefined ? undefined : { file: raw.file, config: validateConfig(raw.data, raw.where, rules) };
}

export function loadConfigFile(file: string, rules: readonly AnyRule[]): LoadedConfig {
  return { file, config: validateConfig(parseFile(file), file, rules) };
}

function parseFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read config (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (/\.ya?ml$/.test(file)) {
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    const [first] = document.errors;
    if (first !== undefined) {
      const where = first.linePos?.[0];
      throw new ConfigError(`${file}${where ? `:${where.line}:${where.col}` : ''}: YAML syntax error: ${(first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    return document.toJS();
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: JSON syntax error: ${(error as Error).message}`);
  }
}

/** The value at `name[2]` (an option, then indexes) inside an options object. */
function valueAt(options: unknown, path: string): unknown {
  let value: unknown = options;
  for (const step of path.split(/\.|\[|\]/).filter(Boolean)) value = (value as Record<string, unknown> | undefined)?.[step];
  return value;
}

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? `"${value}"` : typeof value);

/**
 * Checks a parsed config against the schema (src/config/schema.ts) by hand, so every error says
 * the file, the key path and what was expected. Unknown keys and rules are errors, never ignored.
 */
export function validateConfig(value: unknown, where: string, rules: readonly AnyRule[]): TsbanditConfig {
  const fail = (keyPath: string, expected: string, got: unknown): never => {
    throw new ConfigError(`${where}: ${keyPath}: expected ${expected}, got ${describe(got)}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('(root)', 'an object', value);
  // A YAML key whose entries are all commented out (`rules:`) reads as null: the same as absent.
  const record = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null));
  const stringList = (key: string): void => {
    const list = record[key];
    if (list === undefined) return;
    if (!Array.isArray(list)) fail(key, 'an array of strings', list);
    (list as unknown[]).forEach((item, i) => {
      if (typeof item !== 'string' || item === '') fail(`${key}[${i}]`, 'a non-empty string', item);
    });
  };
  const oneOf = (keyPath: string, allowed: readonly string[], got: unknown): void => {
    if (typeof got !== 'string' || !allowed.includes(got)) fail(keyPath, `one of ${allowed.join(', ')}`, got);
  };
  const known = new Set(['$schema', 'include', 'exclude', 'severity', 'confidence', 'maxFileSize', 'format', 'baseline', 'plugins', 'rules', 'overrides', 'failOn', 'analysis', 'reportUnscopedSuppressions', 'reportUnusedSuppressions']);
  for (const key of Object.keys(record)) {
    if (!known.has(key)) throw new ConfigError(`${where}: ${key}: unknown key (expected one of ${[...known].filter((k) => k !== '$schema').join(', ')})`);
  }
  stringList('include');
  stringList('exclude');
  stringList('plugins');
  if (record.severity !== undefined) oneOf('severity', SEVERITIES, record.severity);
  if (record.confidence !== undefined) oneOf('confidence', CONFIDENCES, record.confidence);
  if (record.format !== undefined) oneOf('format', REPORT_FORMATS, record.format);
  if (record.failOn !== undefined) oneOf('failOn', SEVERITIES, record.failOn);
  for (const flag of ['reportUnscopedSuppressions', 'reportUnusedSuppressions']) {
    if (record[flag] !== undefined && typeof record[flag] !== 'boolean') fail(flag, 'true or false', record[flag]);
  }
  if (record.analysis !== undefined) {
    record.analysis = validateAnalysis(record.analysis, fail, (keyPath, message) => {
      throw new ConfigError(`${where}: ${keyPath}: ${message}`);
    });
  }
  if (record.baseline !== undefined && (typeof record.baseline !== 'string' || record.baseline === '')) fail('baseline', 'a file name', record.baseline);
  const size = record.maxFileSize;
  if (size !== undefined && !(typeof size === 'number' && Number.isInteger(size) && size > 0) && !(typeof size === 'string' && /^\d+(\.\d+)?\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.test(size))) {
    fail('maxFileSize', 'a positive number of bytes or a size such as 512k or 4m', size);
  }
  const ruleTable = (keyPath: string, table: unknown, allowOptions: boolean): void => {
    if (table === null || typeof table !== 'object' || Array.isArray(table)) fail(keyPath, 'an object keyed by rule id or name', table);
    for (const [key, setting] of Object.entries(table as Record<string, unknown>)) {
      if (!rules.some((rule) => rule.id === key || rule.name === key)) throw new ConfigError(`${where}: ${keyPath}.${key}: unknown rule (see tsbandit rules)`);
      if (setting === 'off' || setting === 'on') continue;
      if (setting === null || typeof setting !== 'object' || Array.isArray(setting)) fail(`${keyPath}.${key}`, '"off", "on" or { severity, confidence, options }', setting);
      for (const [field, fieldValue] of Object.entries(setting as Record<string, unknown>)) {
        if (field === 'severity') oneOf(`${keyPath}.${key}.severity`, SEVERITIES, fieldValue);
        else if (field === 'confidence') oneOf(`${keyPath}.${key}.confidence`, CONFIDENCES, fieldValue);
        else if (field === 'options' && allowOptions) {
          if (fieldValue === null || typeof fieldValue !== 'object' || Array.isArray(fieldValue)) fail(`${keyPath}.${key}.options`, 'an object', fieldValue);
          const rule = rules.find((r) => r.id === key || r.name === key)!;
          const allowed = Object.keys(rule.schema?.properties ?? {});
          for (const option of Object.keys(fieldValue as object)) {
            if (!allowed.includes(option)) {
              throw new ConfigError(`${where}: ${keyPath}.${key}.options.${option}: unknown option of ${rule.id} (${allowed.length === 0 ? 'it has none' : `expected ${allowed.join(', ')}`})`);
            }
            const problem = optionValueProblem(rule.schema!.properties[option]!, (fieldValue as Record<string, unknown>)[option], `${keyPath}.${key}.options.${option}`);
            if (problem !== undefined) fail(problem.keyPath, problem.expected, valueAt(fieldValue, problem.keyPath.slice(`${keyPath}.${key}.options.`.length)));
          }
        } else if (field === 'options') {
          throw new ConfigError(`${where}: ${keyPath}.${key}.options: rule options apply to the whole scan; set them under rules, not in overrides`);
        } else throw new ConfigError(`${where}: ${keyPath}.${key}.${field}: unknown key (expected severity, confidence${allowOptions ? ' or options' : ''})`);
      }
    }
  };
  if (record.rules !== undefined) ruleTable('rules', record.rules, true);
  if (record.overrides !== undefined) {
    if (!Array.isArray(record.overrides)) fail('overrides', 'an array of { files, rules }', record.overrides);
    (record.overrides as unknown[]).forEach((entry, i) => {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) fail(`overrides[${i}]`, '{ files, rules }', entry);
      const { files, rules: table, ...rest } = entry as Record<string, unknown>;
      const extra = Object.keys(rest)[0];
      if (extra !== undefined) throw new ConfigError(`${where}: overrides[${i}].${extra}: unknown key (expected files, rules)`);
      if (!Array.isArray(files) || files.length === 0 || files.some((f) => typeof f !== 'string' || f === '')) fail(`overrides[${i}].files`, 'a non-empty array of patterns', files);
      ruleTable(`overrides[${i}].rules`, table ?? {}, false);
    });
  }
  return record as TsbanditConfig;
}
