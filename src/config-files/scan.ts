import { createHash } from 'node:crypto';
import type { AnyRule, Comment, Confidence } from '../rule/types.js';
import { formatMessage } from '../rule/define-rule.js';
import type { Finding, Notice, Suppression } from '../findings/model.js';
import { ruleFingerprint } from '../findings/fingerprint.js';
import { LineIndex } from '../parse/line-index.js';
import { readSourceFile } from '../discover/read.js';
import { blankSecrets, escapeControlCharacters, mergeRanges, snippetOf } from '../engine/snippet.js';
import { lineHashes } from '../report/line-hash.js';
import { findInlineSuppression, parseInlineDirectives } from '../suppress/inline-directives.js';
import { assessCredentialValue } from '../analysis/secrets/credential-value.js';
import { findKnownSecrets } from '../analysis/secrets/formats.js';
import { credentialKind } from '../analysis/secrets/names.js';
import { describeSecret } from '../analysis/secrets/redact.js';
import { parseConfig, type ConfigEntry, type ParsedConfig } from './parse.js';
import { configFormatOf, isExampleFile, isLocaleFile, isTestPath, type ConfigFormat } from './patterns.js';
import { isKubernetesSecret, settingKind, settingValue } from './values.js';

/**
 * Secrets in configuration files. Findings use the same model as source findings, under two
 * rules of the secrets family: known-format secrets (tokens, private keys, credential URLs) as
 * TSB501 known-format-secret, credential-named settings with real-looking values as TSB504
 * secret-in-config-file. Each is reported at the value's own position; snippets mask every
 * detected value, and fingerprints and line hashes are computed without the value's text.
 */
export const KNOWN_FORMAT_RULE_ID = 'TSB501';
export const CONFIG_FILE_RULE_ID = 'TSB504';
const KNOWN_FORMAT_MESSAGE = 'secretLiteral';
const CONFIG_FILE_MESSAGE = 'credentialInConfig';

/** How messages name each format. */
const FORMAT_NAMES: Readonly<Record<ConfigFormat, string>> = {
  env: '.env file',
  json: 'JSON file',
  yaml: 'YAML file',
  toml: 'TOML file',
  ini: 'INI file',
  properties: 'properties file',
  npmrc: '.npmrc file',
  pem: 'key file',
};

/** True when the rules of a scan include one that reads configuration files. */
export function readsConfigFiles(rules: readonly Pick<AnyRule, 'id'>[]): boolean {
  return rules.some((rule) => rule.id === KNOWN_FORMAT_RULE_ID || rule.id === CONFIG_FILE_RULE_ID);
}

export interface ConfigScanOptions {
  /** Bandit's --ignore-nosec: `# tsbandit-ignore` and `# nosec` comments count for nothing. */
  readonly ignoreInlineSuppressions?: boolean;
}

interface Detection {
  readonly rule: AnyRule;
  readonly messageId: string;
  readonly data: Record<string, string>;
  readonly confidence: Confidence;
  readonly start: number;
  readonly end: number;
  /** Where the value sits (`services.db.environment.POSTGRES_PASSWORD`): part of the fingerprint. */
  readonly key: string;
  readonly value: string;
}

/** The findings of one configuration file's text; `file` (relative, `/` separators) decides the format. */
export function scanConfigText(file: string, text: string, rules: readonly AnyRule[], options: ConfigScanOptions = {}): Finding[] {
  const format = configFormatOf(file);
  if (format === undefined) return [];
  const knownRule = rules.find((rule) => rule.id === KNOWN_FORMAT_RULE_ID && rule.messages[KNOWN_FORMAT_MESSAGE] !== undefined);
  const configRule = rules.find((rule) => rule.id === CONFIG_FILE_RULE_ID && rule.messages[CONFIG_FILE_MESSAGE] !== undefined);
  if (knownRule === undefined && configRule === undefined) return [];
  let parsed: ParsedConfig;
  try {
    parsed = parseConfig(text, format);
  } catch {
    parsed = { entries: [], comments: [] };
  }
  const detections: Detection[] = [];
  const covered = new Set<ConfigEntry>();
  if (knownRule !== undefined) {
    const serviceAccount = parsed.entries.some((e) => e.path.length === 1 && e.path[0] === 'type' && e.value === 'service_account');
    const known = (start: number, end: number, key: string, value: string, kind: string, confidence: Confidence): void => {
      detections.push({ rule: knownRule, messageId: KNOWN_FORMAT_MESSAGE, data: { kind, redacted: describeSecret(value) }, confidence, start, end, key, value });
    };
    for (const entry of parsed.entries) {
      const key = entry.path.join('.');
      const found = findKnownSecrets(entry.value, entry.path[entry.path.length - 1]);
      for (const secret of found) {
        const kind = serviceAccount && secret.format === 'private-key' ? 'a Google service-account private key' : secret.kind;
        const value = entry.value.slice(secret.start, secret.end);
        if (entry.verbatim) known(entry.start + secret.start, entry.start + secret.end, key, value, kind, secret.confidence);
        else known(entry.start, entry.end, key, value, kind, secret.confidence);
      }
      if (found.length > 0) covered.add(entry);
    }
    // Secrets in comments, and key files (PEM has no key/value structure).
    const free = format === 'pem' ? [{ start: 0, text }] : parsed.comments;
    for (const comment of free) {
      for (const secret of findKnownSecrets(comment.text)) {
        known(comment.start + secret.start, comment.start + secret.end, format === 'pem' ? '' : '#', comment.text.slice(secret.start, secret.end), secret.kind, secret.confidence);
      }
    }
  }
  // Translation catalogues hold labels; test folders hold fixtures: credential names are not evidence there.
  if (configRule !== undefined && !isLocaleFile(file) && !isTestPath(file) && !looksLikeCatalogue(parsed)) {
    const lowered = isExampleFile(file);
    const kubernetesSecret = isKubernetesSecret(parsed.entries);
    for (const entry of parsed.entries) {
      if (covered.has(entry)) continue;
      const name = entry.path[entry.path.length - 1] ?? '';
      const kind = credentialKind(name);
      if (kind === undefined) continue;
      const value = settingValue(format, entry, kubernetesSecret);
      if (value === undefined) continue;
      const confidence = assessCredentialValue(value, settingKind(format, entry, kind), name);
      if (confidence === undefined) continue;
      detections.push({
        rule: configRule,
        messageId: CONFIG_FILE_MESSAGE,
        data: { key: displayKey(entry.path), format: FORMAT_NAMES[format] },
        confidence: lowered ? 'low' : confidence,
        start: entry.start,
        end: entry.end,
        key: entry.path.join('.'),
        value,
      });
    }
  }
  return toFindings(file, format, text, detections, parsed, options);
}

/** A translation catalogue outside a locale folder: most values are phrases. */
function looksLikeCatalogue(parsed: ParsedConfig): boolean {
  const values = parsed.entries.filter((entry) => /[A-Za-z]/.test(entry.value));
  return values.length >= 10 && values.filter((entry) => /\s/.test(entry.value.trim())).length / values.length > 0.5;
}

/** A key path as messages show it: control characters escaped, long paths shortened from the left. */
function displayKey(path: readonly string[]): string {
  const key = escapeControlCharacters(path.filter((part) => !/^\d+$/.test(part)).join('.') || path.join('.'));
  return key.length > 80 ? `…${key.slice(-79)}` : key;
}

function toFindings(file: string, format: ConfigFormat, text: string, detections: Detection[], parsed: ParsedConfig, options: ConfigScanOptions): Finding[] {
  if (detections.length === 0) return [];
  detections.sort((a, b) => a.start - b.start || a.end - b.end || (a.rule.id < b.rule.id ? -1 : 1));
  const masks = mergeRanges(detections.map((d) => [d.start, d.end] as const));
  const lines = new LineIndex(text);
  // Line hashes are computed over the text with every detected value blanked: a hash of a line
  // holding `DB_PASSWORD=hunter2` would let anyone test guesses against the report.
  const blanked = blankSecrets(text, masks);
  const lastLine = lines.position(detections[detections.length - 1]!.start).line;
  const hashes = lineHashes(blanked, lastLine);
  const suppressionOf = options.ignoreInlineSuppressions === true ? () => undefined : configSuppressor(text, format, parsed, lines);
  const occurrences = new Map<string, number>();
  return detections.map((detection) => {
    const start = lines.position(detection.start);
    const end = lines.position(detection.end);
    const code = `${detection.key}\0${createHash('sha256').update(detection.value).digest('hex')}`;
    const occurrence = (occurrences.get(`${detection.rule.id}\0${code}`) ?? 0) + 1;
    occurrences.set(`${detection.rule.id}\0${code}`, occurrence);
    const suppressed = suppressionOf(detection.rule, start.line);
    return {
      ruleId: detection.rule.id,
      ruleName: detection.rule.name,
      severity: detection.rule.severity,
      confidence: detection.confidence,
      cwe: detection.rule.cwe,
      messageId: detection.messageId,
      message: formatMessage(detection.rule.messages[detection.messageId] ?? '', detection.data),
      file,
      range: { startLine: start.line, startColumn: start.column + 1, endLine: end.line, endColumn: end.column + 1 },
      snippet: snippetOf(text, lines.starts, start.line, start.column, end.line, masks),
      fingerprint: ruleFingerprint(detection.rule.id, code, occurrence),
      lineHash: hashes[start.line] ?? '',
      ...(suppressed !== undefined ? { suppressed } : {}),
    };
  });
}

/** Lines that hold only a comment, per format (`//` starts a comment in JSON, a registry key in .npmrc). */
const COMMENT_LINE: Readonly<Record<ConfigFormat, RegExp>> = {
  env: /^#/,
  json: /^(\/\/|\/\*|\*)/,
  yaml: /^#/,
  toml: /^#/,
  ini: /^[#;]/,
  properties: /^[#!]/,
  npmrc: /^[#;]/,
  pem: /^#/,
};

/** `# tsbandit-ignore TSB504 -- reason` and `# nosec` in configuration files, with the meaning they have in source. */
function configSuppressor(text: string, format: ConfigFormat, parsed: ParsedConfig, lines: LineIndex): (rule: AnyRule, line: number) => Suppression | undefined {
  const relevant = parsed.comments.filter((c) => c.text.includes('tsbandit-ignore') || c.text.includes('nosec'));
  if (relevant.length === 0) return () => undefined;
  const comments: Comment[] = relevant.map((c) => {
    let marker = c.start - 1;
    while (marker > 0 && (text[marker - 1] === '/' || text[marker - 1] === '#')) marker--;
    return {
      type: 'Line',
      value: c.text,
      range: [marker, c.end],
      loc: { start: lines.position(marker), end: lines.position(c.end) },
    } as Comment;
  });
  const directives = parseInlineDirectives(comments, text);
  const textLines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  const nextCodeLine = (afterLine: number): number => {
    for (let line = afterLine + 1; line <= textLines.length; line++) {
      const content = (textLines[line - 1] ?? '').trim();
      if (content !== '' && !COMMENT_LINE[format].test(content)) return line;
    }
    return -1;
  };
  return (rule, line) => {
    const directive = findInlineSuppression(directives, rule, line, nextCodeLine);
    if (directive === undefined) return undefined;
    return { kind: 'inline', line: directive.line, ...(directive.justification !== undefined ? { justification: directive.justification } : {}) };
  };
}

export interface ConfigFilesOutcome {
  /** Configuration files that count as found: tsbandit's own reports and baselines do not. */
  readonly found: number;
  readonly findings: Finding[];
  readonly notices: Notice[];
  readonly scanned: number;
  readonly lines: number;
  readonly bytes: number;
}

/**
 * Reads and checks configuration files found by discovery. Files that cannot be read as text
 * (binary DER keys, files over the size limit, FIFOs) are skipped without a notice: configuration
 * files are read for secrets only, and a scan of code should not be noisy about them.
 */
export function scanConfigFiles(
  files: readonly { readonly absolute: string; readonly relative: string }[],
  rules: readonly AnyRule[],
  options: ConfigScanOptions & { readonly maxBytes: number },
): ConfigFilesOutcome {
  const findings: Finding[] = [];
  let found = 0;
  let scanned = 0;
  let lineCount = 0;
  let bytes = 0;
  for (const file of files) {
    const read = readSourceFile(file.absolute, file.relative, options.maxBytes);
    if (read.ok && isOwnOutput(read.text)) continue;
    found++;
    if (!read.ok) continue;
    scanned++;
    bytes += read.bytes;
    lineCount += read.text.length === 0 ? 0 : new LineIndex(read.text).starts.length - (/[\n\r]$/.test(read.text) ? 1 : 0);
    for (const finding of scanConfigText(file.relative, read.text, rules, options)) findings.push(finding);
  }
  return { found, findings, notices: [], scanned, lines: lineCount, bytes };
}

/** tsbandit's own JSON reports and baselines (`-f json -o report.json`, `--write-baseline`): generated, and already redacted. */
function isOwnOutput(text: string): boolean {
  return /^\s*\{\s*"(reportVersion|tool)"\s*:/.test(text) && /"(name|tool)"\s*:\s*"tsbandit"/.test(text.slice(0, 400));
}
