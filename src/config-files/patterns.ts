/**
 * Which files besides source code a scan reads for secrets, and in which format. Discovery
 * lists the files `configFormatOf` names (whatever the case of the name); lockfiles and minified
 * files are skipped unless named explicitly.
 */
export type ConfigFormat = 'env' | 'json' | 'yaml' | 'toml' | 'ini' | 'properties' | 'npmrc' | 'pem';

/** Generated dependency lockfiles: large, full of hashes, never written by hand. */
const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb', 'deno.lock', 'composer.lock', 'cargo.lock',
  'gemfile.lock', 'poetry.lock', 'pipfile.lock', 'flake.lock', 'packages.lock.json', 'pdm.lock', 'uv.lock', 'mix.lock', 'pubspec.lock',
  'project.assets.json',
]);
const MINIFIED = /\.min\.[a-z]+$|[.-]bundle\.[a-z]+$|\.chunk\.[a-z]+$/i;
/** Translation catalogues: their "password" keys hold labels. */
const LOCALE_FOLDER = /(^|\/)(locales?|i18n|l10n|lang|langs|languages|translations?|messages|nls)\//i;
/** Editor and tool state, generated reports: never hand-written configuration. */
const GENERATED = /(^|\/)(\.vscode|\.idea|\.nyc_output|coverage|\.tsbandit-cache|\.cache|__snapshots__)\/|\.(sarif|tsbuildinfo)$|\.map\.json$/i;

const baseName = (file: string): string => file.slice(file.lastIndexOf('/') + 1);

/** The format of a configuration file from its name, or undefined when it is not one tsbandit reads. */
export function configFormatOf(file: string): ConfigFormat | undefined {
  const name = baseName(file).toLowerCase();
  if (name === '.npmrc') return 'npmrc';
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env';
  const extension = name.slice(name.lastIndexOf('.') + 1);
  switch (extension) {
    case 'json':
      return 'json';
    case 'yml':
    case 'yaml':
      return 'yaml';
    case 'toml':
      return 'toml';
    case 'ini':
      return 'ini';
    case 'properties':
      return 'properties';
    case 'pem':
    case 'key':
      return 'pem';
    default:
      return undefined;
  }
}

/**
 * True for a configuration file discovery skips unless it is named: lockfiles, minified files,
 * editor state and generated reports. (Named files are always read.)
 */
export function isSkippedConfigFile(file: string): boolean {
  const name = baseName(file).toLowerCase();
  return LOCKFILES.has(name) || MINIFIED.test(name) || GENERATED.test(file);
}

/** True for translation catalogues, where credential-named keys hold labels: only known formats are looked for there. */
export function isLocaleFile(file: string): boolean {
  return LOCALE_FOLDER.test(file);
}

/** True for `.env.example`, `.env.sample`, `.env.template`...: committed on purpose, expected to hold placeholders. */
export function isExampleFile(file: string): boolean {
  return /(^|[./_-])(example|sample|template|dist|defaults?|tpl|schema)([./_-]|$)/i.test(baseName(file));
}

export { isTestPath } from '../analysis/secrets/paths.js';
