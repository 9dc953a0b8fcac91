// The ESLint side of `npm run bench`: lints the corpus's file list with ESLint 9 and every rule of
// eslint-plugin-security, eslint-plugin-no-unsanitized and @microsoft/eslint-plugin-sdl
// (@typescript-eslint/parser for TypeScript), single-threaded, and prints one JSON line.
//
//   node bench/eslint-run.mjs CORPUS_DIR [--mode linter|api] [--chunk N] [--rules peers|none|tsbandit]
//
// --rules peers (default): the three security plugins; none: no rule (ESLint's own parse and
//   traversal); tsbandit: tsbandit's ESLint plugin (configs.strict rules, from dist/), to measure
//   what the plugin adds on top of the work ESLint already does.
//
// --mode linter (default): ESLint's Linter, one verify() per file read with readFileSync; a rule
//   that throws on one file is counted under `crashed` and the run goes on.
// --mode api: the ESLint class (what the CLI uses), lintFiles() over chunks of --chunk files
//   (default 200); a chunk that throws is re-linted file by file so crashes are counted the same way.
// Files that do not parse are counted under `parseErrors` (a fatal message), not fatal to the run.
// The timed span is the lint loop only (config and plugin loading are reported separately).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

// ESLint warns once per file about legacy /* eslint-env */ comments in the corpus: noise here.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'ESLintEnvWarning') console.error(`${warning.name}: ${warning.message}`);
});

const t0 = performance.now();
const { ESLint, Linter } = await import('eslint');
const tsParser = await import('@typescript-eslint/parser');
const security = (await import('eslint-plugin-security')).default;
const noUnsanitized = (await import('eslint-plugin-no-unsanitized')).default;
const sdl = (await import('@microsoft/eslint-plugin-sdl')).default;

const args = process.argv.slice(2);
const corpus = path.resolve(args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--')) ?? '.');
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const mode = option('--mode', 'linter');
const chunkSize = Number(option('--chunk', '200'));

/** Every rule of a plugin at "warn", under its prefix, less the ones listed. */
function allRules(prefix, plugin, off = []) {
  const rules = {};
  for (const name of Object.keys(plugin.rules)) rules[`${prefix}/${name}`] = off.includes(name) ? 'off' : 'warn';
  return rules;
}

const ruleSet = option('--rules', 'peers');
const tsbandit = ruleSet === 'tsbandit' ? (await import(new URL('../dist/src/eslint/index.js', import.meta.url).href)).default : undefined;
const peerRules = {
  ...allRules('security', security),
  ...allRules('no-unsanitized', noUnsanitized),
  // 1.1.0's no-insecure-random crashes on require(variable) (it calls .value.startsWith on a non-literal).
  ...allRules('@microsoft/sdl', sdl, ['no-insecure-random']),
};
const rules = ruleSet === 'none' ? {} : ruleSet === 'tsbandit' ? allRules('tsbandit', tsbandit) : peerRules;
const plugins = ruleSet === 'tsbandit' ? { tsbandit } : { security, 'no-unsanitized': noUnsanitized, '@microsoft/sdl': sdl };
const config = [
  {
    files: ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    // JSX on, as typescript-estree parses .js/.jsx; sourceType stays ESLint's default per extension.
    languageOptions: { ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
  },
  { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], plugins, rules, // Inline `eslint-disable` comments in the corpus must not switch the security rules off, and
    // their references to rules not loaded here must not count as warnings.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
];

const files = fs.readFileSync(path.join(corpus, 'files.txt'), 'utf8').split('\n').filter(Boolean);
const counts = { files: 0, parseErrors: 0, crashed: 0, messages: 0, noConfig: 0, other: 0 };
const byRule = {};
const crashSamples = [];

function tally(messages) {
  for (const m of messages) {
    if (m.fatal) counts.parseErrors++;
    else if (m.ruleId === null && /No matching configuration/.test(m.message)) counts.noConfig++;
    else if (m.ruleId === null) counts.other++;
    else {
      counts.messages++;
      byRule[m.ruleId ?? '(none)'] = (byRule[m.ruleId ?? '(none)'] ?? 0) + 1;
    }
  }
}

function crashed(file, error) {
  counts.crashed++;
  if (crashSamples.length < 5) crashSamples.push(`${file}: ${String(error?.message ?? error).split('\n')[0]}`);
}

const loaded = performance.now();
if (mode === 'linter') {
  const linter = new Linter({ configType: 'flat', cwd: corpus });
  for (const rel of files) {
    const abs = path.join(corpus, rel);
    const text = fs.readFileSync(abs, 'utf8');
    counts.files++;
    try {
      tally(linter.verify(text, config, { filename: abs }));
    } catch (error) {
      crashed(rel, error);
    }
  }
} else if (mode === 'api') {
  const eslint = new ESLint({ cwd: corpus, overrideConfigFile: true, overrideConfig: config, cache: false, errorOnUnmatchedPattern: false });
  for (let i = 0; i < files.length; i += chunkSize) {
    const chunk = files.slice(i, i + chunkSize);
    let results;
    try {
      results = await eslint.lintFiles(chunk);
    } catch {
      results = [];
      for (const rel of chunk) {
        try {
          results.push(...(await eslint.lintFiles([rel])));
        } catch (error) {
          counts.files++;
          crashed(rel, error);
        }
      }
    }
    for (const r of results) {
      counts.files++;
      tally(r.messages);
    }
  }
} else {
  throw new Error(`unknown --mode ${mode}`);
}
const done = performance.now();

const topRules = Object.fromEntries(Object.entries(byRule).sort((a, b) => b[1] - a[1]));
process.stdout.write(
  JSON.stringify({
    phase: ruleSet === 'peers' ? 'eslint' : `eslint-${ruleSet}`,
    mode,
    eslintVersion: ESLint.version,
    rules: Object.values(rules).filter((v) => v !== 'off').length,
    ...counts,
    ms: done - loaded,
    loadMs: loaded - t0,
    maxRssKB: process.resourceUsage().maxRSS,
    byRule: topRules,
    crashSamples,
  }) + '\n',
);
