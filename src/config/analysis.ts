/**
 * The `analysis` key of a config: extra sinks, taint sources, sanitizers, secret patterns and
 * secret allowlists. Data only. The validated object reaches rules as
 * `context.settings.tsbandit.analysis` (the scanner puts it there; in ESLint, set
 * `settings: { tsbandit: { analysis } }`), read through src/analysis/extensions.ts.
 */

export const SINK_KINDS = ['sql', 'command', 'html', 'code', 'path', 'url'] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

/** A function whose argument reaches a dangerous API: `{ kind: 'sql', module: 'my-db', method: 'rawQuery', argument: 0 }`. */
export interface SinkSpec {
  readonly kind: SinkKind;
  /** The package it is imported from; without it, any call written `method(...)` / `x.method(...)` matches. */
  readonly module?: string;
  /** The export (or dotted member path, `Client.raw`) called; only its last segment is matched without `module`. */
  readonly method: string;
  /** Zero-based index of the dangerous argument (default 0). */
  readonly argument?: number;
}

/**
 * Where attacker-controlled data enters: a member path as written (`ctx.state.input`, which also
 * covers `ctx.state.input.name`), or `{ module, property }` for an import (`getInput` from
 * `@acme/http`, used as a value or called), `{ object, property }` for `object.property`, or
 * `{ property }` for that property of any object.
 */
export type SourceSpec = string | { readonly module?: string; readonly object?: string; readonly property: string };

/** A function whose result is safe for every sink: `{ module: '@acme/escape', method: 'escapeSql' }`. */
export interface SanitizerSpec {
  readonly module?: string;
  readonly method: string;
}

/** A secret format of your own: `{ id: 'acme-key', name: 'an ACME API key', regex: 'acme_[A-Za-z0-9]{32}' }`. */
export interface SecretPatternSpec {
  readonly id: string;
  readonly name: string;
  /** A JavaScript regular expression source, checked to run in linear time (no nested quantifiers, no backreferences). */
  readonly regex: string;
}

export interface SecretAllowlist {
  /** gitignore-syntax patterns of files whose secret findings (TSB5xx) are dropped. */
  readonly paths?: readonly string[];
  /** Values that are not secrets (test keys, public identifiers): exact strings, or `/regex/`. */
  readonly values?: readonly string[];
}

export interface AnalysisConfig {
  readonly sinks?: readonly SinkSpec[];
  readonly sources?: readonly SourceSpec[];
  readonly sanitizers?: readonly SanitizerSpec[];
  readonly secretPatterns?: readonly SecretPatternSpec[];
  readonly allowlist?: SecretAllowlist;
}

const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const MODULE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.-]+)*$/i;

/**
 * Why a user's regular expression could take more than linear time, or undefined when it is
 * safe to run on every string of every file: it must compile, and must not use backreferences,
 * lookarounds, or a quantified group that itself contains a quantifier or an alternation
 * (`(a+)+`, `(a|ab)*`): the shapes behind catastrophic backtracking.
 */
export function regexRisk(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message})`;
  }
  if (source.length > 1000) return 'longer than 1000 characters';
  if (/\\[1-9]|\\k</.test(source)) return 'uses a backreference';
  if (/\(\?<?[=!]/.test(source)) return 'uses a lookaround';
  // Walk the groups: for each, whether it holds a quantifier or an alternation; then whether it is quantified.
  const stack: { quantified: boolean; alternation: boolean }[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      // Skip the class: a quantifier inside it is a literal character.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (ch === '(') {
      stack.push({ quantified: false, alternation: false });
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === '|' && top !== undefined) top.alternation = true;
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      if (ch === '?' && source[i - 1] === '(') continue;
      // An exact count (`{4}`) repeats nothing ambiguously: `(?:[A-Za-z0-9+/]{4})*` is linear.
      if (ch === '{' && /^\{\d+\}/.test(source.slice(i))) continue;
      if (top !== undefined) top.quantified = true;
    }
    if (ch === ')') {
      const group = stack.pop();
      const next = source[i + 1];
      const quantifiedGroup = next === '*' || next === '+' || (next === '{' && /^\{\d+,\d*\}/.test(source.slice(i + 1)) && !/^\{(\d+),\1\}/.test(source.slice(i + 1)));
      if (group !== undefined && quantifiedGroup && (group.quantified || group.alternation)) {
        return 'has a repeated group that contains a quantifier or an alternation (nested quantifiers can backtrack exponentially)';
      }
      const parent = stack[stack.length - 1];
      if (parent !== undefined && group !== undefined && (group.quantified || quantifiedGroup)) parent.quantified = true;
    }
  }
  return undefined;
}

type Fail = (keyPath: string, expected: string, got: unknown) => never;
type Fatal = (keyPath: string, message: string) => never;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Checks `analysis` by hand (errors name the key path); the schema below says the same for editors. */
export function validateAnalysis(value: unknown, fail: Fail, fatal: Fatal): AnalysisConfig {
  if (!isObject(value)) fail('analysis', 'an object with sinks, sources, sanitizers, secretPatterns, allowlist', value);
  const record = value as Record<string, unknown>;
  const only = (keyPath: string, entry: Record<string, unknown>, allowed: readonly string[]): void => {
    for (const key of Object.keys(entry)) if (!allowed.includes(key)) fatal(`${keyPath}.${key}`, `unknown key (expected ${allowed.join(', ')})`);
  };
  only('analysis', record, ['sinks', 'sources', 'sanitizers', 'secretPatterns', 'allowlist']);
  const list = (key: string): unknown[] => {
    const items = record[key];
    if (items === undefined || items === null) return [];
    if (!Array.isArray(items)) fail(`analysis.${key}`, 'an array', items);
    return items as unknown[];
  };
  const text = (keyPath: string, got: unknown, pattern: RegExp, expected: string): void => {
    if (typeof got !== 'string' || !pattern.test(got)) fail(keyPath, expected, got);
  };
  list('sinks').forEach((entry, i) => {
    const at = `analysis.sinks[${i}]`;
    if (!isObject(entry)) fail(at, '{ kind, module, method, argument }', entry);
    only(at, entry, ['kind', 'module', 'method', 'argument']);
    if (typeof entry.kind !== 'string' || !(SINK_KINDS as readonly string[]).includes(entry.kind)) fail(`${at}.kind`, `one of ${SINK_KINDS.join(', ')}`, entry.kind);
    if (entry.module !== undefined) text(`${at}.module`, entry.module, MODULE_NAME, 'a package name');
    text(`${at}.method`, entry.method, IDENTIFIER_PATH, 'a function name or dotted member path');
    if (entry.argument !== undefined && !(Number.isInteger(entry.argument) && (entry.argument as number) >= 0 && (entry.argument as number) < 20)) fail(`${at}.argument`, 'an argument index from 0 to 19', entry.argument);
  });
  list('sources').forEach((entry, i) => {
    const at = `analysis.sources[${i}]`;
    if (typeof entry === 'string') {
      if (!IDENTIFIER_PATH.test(entry) || !entry.includes('.')) fail(at, 'a member path such as ctx.state.input', entry);
      return;
    }
    if (!isObject(entry)) fail(at, 'a member path or { module?, object?, property }', entry);
    only(at, entry, ['module', 'object', 'property']);
    if (entry.module !== undefined) text(`${at}.module`, entry.module, MODULE_NAME, 'a package name');
    if (entry.object !== undefined) text(`${at}.object`, entry.object, IDENTIFIER_PATH, 'an identifier or member path');
    if (entry.module !== undefined && entry.object !== undefined) fatal(at, 'give module or object, not both');
    text(`${at}.property`, entry.property, IDENTIFIER_PATH, 'a property or export name');
  });
  list('sanitizers').forEach((entry, i) => {
    const at = `analysis.sanitizers[${i}]`;
    if (!isObject(entry)) fail(at, '{ module, method }', entry);
    only(at, entry, ['module', 'method']);
    if (entry.module !== undefined) text(`${at}.module`, entry.module, MODULE_NAME, 'a package name');
    text(`${at}.method`, entry.method, IDENTIFIER_PATH, 'a function name or dotted member path');
  });
  const ids = new Set<string>();
  list('secretPatterns').forEach((entry, i) => {
    const at = `analysis.secretPatterns[${i}]`;
    if (!isObject(entry)) fail(at, '{ id, name, regex }', entry);
    only(at, entry, ['id', 'name', 'regex']);
    text(`${at}.id`, entry.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a kebab-case id');
    if (ids.has(entry.id as string)) fatal(`${at}.id`, `duplicate id "${entry.id as string}"`);
    ids.add(entry.id as string);
    if (typeof entry.name !== 'string' || entry.name.trim() === '') fail(`${at}.name`, 'a description such as "an ACME API key"', entry.name);
    if (typeof entry.regex !== 'string' || entry.regex === '') fail(`${at}.regex`, 'a regular expression source', entry.regex);
    const risk = regexRisk(entry.regex as string);
    if (risk !== undefined) fatal(`${at}.regex`, `${risk}; secret patterns must run in linear time`);
    if (new RegExp(entry.regex as string, 'u').test('')) fatal(`${at}.regex`, 'matches the empty string');
  });
  if (record.allowlist !== undefined && record.allowlist !== null) {
    const allow = record.allowlist;
    if (!isObject(allow)) fail('analysis.allowlist', '{ paths, values }', allow);
    only('analysis.allowlist', allow, ['paths', 'values']);
    for (const key of ['paths', 'values'] as const) {
      const items = allow[key];
      if (items === undefined) continue;
      if (!Array.isArray(items)) fail(`analysis.allowlist.${key}`, 'an array of strings', items);
      (items as unknown[]).forEach((item, i) => {
        if (typeof item !== 'string' || item === '') fail(`analysis.allowlist.${key}[${i}]`, 'a non-empty string', item);
        if (key === 'values' && /^\/.+\/$/.test(item as string)) {
          const risk = regexRisk((item as string).slice(1, -1));
          if (risk !== undefined) fatal(`analysis.allowlist.values[${i}]`, `${risk}; allowlist patterns must run in linear time`);
        }
      });
    }
  }
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null)) as AnalysisConfig;
}

const moduleSchema = { type: 'string', minLength: 1, description: 'The package it is imported or required from (`my-db`, `@acme/shell`).' };
const methodSchema = { type: 'string', pattern: IDENTIFIER_PATH.source, description: 'The export called, or a dotted member path of it (`Client.raw`).' };

/** JSON Schema of `analysis` (part of schema/config.schema.json). */
export function analysisSchema(): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    description: 'Teach the analysis about your own code: extra sinks, taint sources, sanitizers, secret formats and allowlists.',
    properties: {
      sinks: {
        type: 'array',
        description: 'Functions that pass an argument to SQL (TSB201), a shell (TSB103), HTML (TSB301), eval (TSB101), the file system or a URL fetch.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'method'],
          properties: {
            kind: { enum: [...SINK_KINDS], description: 'What the argument becomes.' },
            module: moduleSchema,
            method: methodSchema,
            argument: { type: 'integer', minimum: 0, maximum: 19, description: 'Zero-based index of the dangerous argument (default 0).' },
          },
        },
      },
      sources: {
        type: 'array',
        description: 'Where attacker-controlled data enters: a member path (`ctx.state.input`), { module, property } (an import), { object, property }, or { property } (on any object).',
        items: {
          oneOf: [
            { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+$' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['property'],
              properties: {
                module: moduleSchema,
                object: { type: 'string', pattern: IDENTIFIER_PATH.source, description: 'The object (or member path) the property is read from.' },
                property: { type: 'string', pattern: IDENTIFIER_PATH.source, description: 'The property, or the export of `module`.' },
              },
            },
          ],
        },
      },
      sanitizers: {
        type: 'array',
        description: 'Functions whose result is safe to pass to any sink (escaping, validation that throws or returns a safe value).',
        items: { type: 'object', additionalProperties: false, required: ['method'], properties: { module: moduleSchema, method: methodSchema } },
      },
      secretPatterns: {
        type: 'array',
        description: 'Secret formats of your own, reported by known-format-secret (TSB501). Regexes must run in linear time: no backreferences, lookarounds or nested quantifiers.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name', 'regex'],
          properties: {
            id: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', description: 'A kebab-case id for the format.' },
            name: { type: 'string', minLength: 1, description: 'What it is, for messages: "an ACME API key".' },
            regex: { type: 'string', minLength: 1, description: 'JavaScript regular expression source.' },
          },
        },
      },
      allowlist: {
        type: 'object',
        additionalProperties: false,
        description: 'Secrets that are not: files and values whose secret findings (TSB5xx) are dropped.',
        properties: {
          paths: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'gitignore-syntax patterns, relative to the scan root.' },
          values: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Exact values, or /regex/ (linear-time rules apply).' },
        },
      },
    },
  };
}
