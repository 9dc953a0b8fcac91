import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { argumentAt, calleeWrittenName } from '../ast.js';
import { resolveCallee } from '../callee.js';
import { getStaticValue } from '../static-value.js';
import type { AnalysisContext } from '../scope.js';
import { parseConfig } from '../../config-files/parse.js';
import { configFormatOf, type ConfigFormat } from '../../config-files/patterns.js';
import { isKubernetesSecret, settingKind, settingValue } from '../../config-files/values.js';
import { assessCredentialValue } from './credential-value.js';
import { findKnownSecret } from './formats.js';
import { credentialKind } from './names.js';
import { stringConstantsIn, type StringConstant } from './source.js';

/**
 * Configuration documents written in code: a constant string parsed as YAML, JSON, TOML, INI or
 * dotenv (`yaml.parse(\`db:\n  password: …\`)`), or written to a configuration file
 * (`fs.writeFileSync('.npmrc', '…')`). They are configuration files by another route, read with
 * the same parsers and judged with the same filters as the files themselves.
 */
const PARSERS: readonly (readonly [RegExp, ConfigFormat])[] = [
  [/^dotenv\.parse$/, 'env'],
  [/^(yaml|js-yaml)\.(parse|load|safeLoad|loadAll|safeLoadAll|parseDocument|parseAllDocuments)$/, 'yaml'],
  [/^(toml|@iarna\/toml|smol-toml|@ltd\/j-toml)\.parse$/, 'toml'],
  [/^ini\.(parse|decode)$/, 'ini'],
  [/^JSON\.parse$/, 'json'],
];
const WRITERS = /^(fs|fs\/promises|fs-extra|fs\.promises|graceful-fs)\.(writeFileSync|writeFile|appendFileSync|appendFile|outputFile|outputFileSync)$/;
const WRITTEN_NAMES = new Set(['parse', 'load', 'safeLoad', 'loadAll', 'safeLoadAll', 'parseDocument', 'parseAllDocuments', 'decode', 'writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'outputFile', 'outputFileSync']);
const FORMAT_NAMES: Readonly<Record<ConfigFormat, string>> = {
  env: 'dotenv text',
  json: 'JSON text',
  yaml: 'YAML text',
  toml: 'TOML text',
  ini: 'INI text',
  properties: 'properties text',
  npmrc: '.npmrc text',
  pem: 'key file',
};

export interface EmbeddedCredential {
  readonly constant: StringConstant;
  /** The setting holding the credential (`database.password`). */
  readonly key: string;
  /** How messages name the document: `YAML text`. */
  readonly format: string;
}

/** The first credential-named setting with a real-looking value in a configuration document the call parses or writes. */
export function credentialInEmbeddedConfig(context: AnalysisContext, call: TSESTree.CallExpression): EmbeddedCredential | undefined {
  const written = calleeWrittenName(call);
  if (written === undefined || !WRITTEN_NAMES.has(written)) return undefined;
  const resolved = resolveCallee(context, call);
  if (resolved === undefined) return undefined;
  let format = PARSERS.find(([pattern]) => pattern.test(resolved))?.[1];
  let document = argumentAt(call, 0);
  if (format === undefined && WRITERS.test(resolved)) {
    const target = document === undefined ? undefined : getStaticValue(context, document);
    format = typeof target?.value === 'string' ? configFormatOf(target.value.replace(/\\/g, '/')) : undefined;
    document = argumentAt(call, 1);
  }
  if (format === undefined || format === 'pem') return undefined;
  for (const constant of stringConstantsIn(context, document)) {
    if (constant.value.length > 100_000) continue;
    let entries;
    try {
      entries = parseConfig(constant.value, format).entries;
    } catch {
      continue;
    }
    const kubernetesSecret = isKubernetesSecret(entries);
    for (const entry of entries) {
      const name = entry.path[entry.path.length - 1] ?? '';
      const kind = credentialKind(name);
      if (kind === undefined || findKnownSecret(entry.value, name) !== undefined) continue;
      const value = settingValue(format, entry, kubernetesSecret);
      if (value === undefined || assessCredentialValue(value, settingKind(format, entry, kind), name) === undefined) continue;
      return { constant, key: entry.path.filter((part) => !/^\d+$/.test(part)).join('.').slice(0, 80), format: FORMAT_NAMES[format] };
    }
  }
  return undefined;
}
