import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import { base62Crc32 } from '../../src/analysis/secrets/checksum.js';
import { parseConfig } from '../../src/config-files/parse.js';
import { configFormatOf, isSkippedConfigFile } from '../../src/config-files/patterns.js';
import { scanConfigText } from '../../src/config-files/scan.js';
import { discover } from '../../src/discover/discover.js';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/findings/model.js';
import { expandFakeSecrets } from '../support/fake-secrets.js';
import { FIXTURES_DIR, listFiles } from '../support/fixtures.js';
import { cli, tempProject } from '../support/temp.js';

const CONFIG_FIXTURES = path.join(FIXTURES_DIR, 'secrets', 'config');
/** Comment markers per format: `//` starts a comment in JSON only (in .npmrc it starts a registry key). */
const COMMENT_MARKERS: Readonly<Record<string, string>> = { json: '\\/\\/', properties: '#|!', ini: '#|;', npmrc: '#|;' };

/** Random-looking text from a seed: fakes are built at test time, never committed. */
function pseudoRandom(seed: string, length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    for (const byte of createHash('sha256').update(`${seed}:${block}`).digest()) if (out.length < length) out += alphabet[byte % alphabet.length];
  }
  return out;
}

/** A classic GitHub or npm token with a valid CRC32 checksum. */
function checksummedToken(prefix: 'ghp' | 'npm', seed: string): string {
  const random = pseudoRandom(seed, 30);
  return `${prefix}_${random}${base62Crc32(random)}`;
}

interface PlannedLine {
  readonly kind: string;
  readonly rule: string;
  readonly count: number;
  readonly target: number;
}

/** `# expect: TSB504`, `; ok: TSB504`, `// expect: TSB501 x2` on the line above the value (comment lines skipped). */
function planOf(text: string, format: string): PlannedLine[] {
  const markers = COMMENT_MARKERS[format] ?? '#';
  const ANNOTATION = new RegExp(`^\\s*(?:${markers})\\s*(todo-expect|todo-ok|expect|ok):\\s*(.*?)\\s*$`);
  const COMMENT_OR_BLANK = new RegExp(`^\\s*(${markers}|$)`);
  const lines = text.split(/\r\n|\r|\n/);
  const plan: PlannedLine[] = [];
  lines.forEach((line, index) => {
    const match = ANNOTATION.exec(line);
    if (match === null) return;
    let target = index + 1;
    while (target < lines.length && COMMENT_OR_BLANK.test(lines[target]!)) target++;
    const [list = ''] = (match[2] ?? '').split(/\s+--\s+/, 1);
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [rule, times] = item.split(/\s+x/) as [string, string | undefined];
      plan.push({ kind: match[1]!, rule, count: times === undefined ? 1 : Number(times), target: target + 1 });
    }
  });
  return plan;
}

const reported = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.suppressed === undefined);

for (const file of listFiles(CONFIG_FIXTURES, (f) => configFormatOf(f.split(path.sep).join('/')) !== undefined)) {
  const relative = path.relative(CONFIG_FIXTURES, file).split(path.sep).join('/');
  test(`config fixture ${relative}`, () => {
    const text = expandFakeSecrets(readFileSync(file, 'utf8'));
    const plan = planOf(text, configFormatOf(relative) ?? '');
    const ruleIds = [...new Set(plan.map((p) => p.rule))];
    const findings = reported(scanConfigText(`config/${relative}`, text, RULES));
    const found = new Map<string, number>();
    for (const f of findings) found.set(`${f.ruleId}@${f.range.startLine}`, (found.get(`${f.ruleId}@${f.range.startLine}`) ?? 0) + 1);
    const lines = text.split(/\r\n|\r|\n/);
    const problems: string[] = [];
    const claimed = new Set<string>();
    for (const p of plan) {
      const key = `${p.rule}@${p.target}`;
      claimed.add(key);
      const count = found.get(key) ?? 0;
      if (p.kind === 'expect' && count !== p.count) problems.push(`line ${p.target}: expected ${p.count} ${p.rule}, found ${count}: ${lines[p.target - 1]?.trim()}`);
      if (p.kind === 'ok' && count !== 0) problems.push(`line ${p.target}: expected no ${p.rule}, found ${count}: ${lines[p.target - 1]?.trim()}`);
    }
    for (const [key, count] of found) {
      const [rule, line] = key.split('@') as [string, string];
      if (!claimed.has(key) && ruleIds.includes(rule)) problems.push(`line ${line}: ${count} unexpected ${rule}: ${lines[Number(line) - 1]?.trim()}`);
    }
    assert.deepEqual(problems, []);
  });
}

test('each format is read value by value, at the value position (quotes excluded)', () => {
  const at = (text: string, format: Parameters<typeof parseConfig>[1]): string[] =>
    parseConfig(text, format).entries.map((e) => `${e.path.join('.')}=${text.slice(e.start, e.end)}${e.verbatim ? '' : ' (decoded)'}`);
  assert.deepEqual(at('A=1\nexport B="two"\nC=\'x y\' # note\nD="l1\\nl2"\n', 'env'), ['A=1', 'B=two', 'C=x y', 'D=l1\\nl2 (decoded)']);
  assert.deepEqual(at('{"a": {"b": "c", "d": [1, "e"]}, // x\n "f": "g\\u0041",}', 'json'), ['a.b=c', 'a.d.1=e', 'f=g\\u0041 (decoded)']);
  assert.deepEqual(at('a:\n  b: "c"\n  d: e\nl:\n  - K=v\n  - plain\n', 'yaml'), ['a.b=c', 'a.d=e', 'l.K=v', 'l.1=plain']);
  assert.deepEqual(at('x = "1"\n[t.u]\n"q.r" = \'s\'\nv = { w = "z" }\narr = ["p", "q"]\n', 'toml'), ['x=1', 't.u.q.r=s', 't.u.v.w=z', 't.u.arr.0=p', 't.u.arr.1=q']);
  assert.deepEqual(at('[s]\nk = "v" ; c\nn: m\n', 'ini'), ['s.k=v', 's.n=m']);
  assert.deepEqual(at('//r.io/:_authToken=abc\n', 'npmrc'), ['//r.io/:_authToken=abc']);
  assert.deepEqual(at('a.b=c\\\n  d\ne f\n', 'properties'), ['a.b=c\\\n  d (decoded)', 'e=f']);
});

test('parsers survive damaged and hostile input', () => {
  for (const format of ['env', 'json', 'yaml', 'toml', 'ini', 'properties', 'npmrc'] as const) {
    for (const text of ['', '"', '{'.repeat(20_000), '['.repeat(20_000), 'a = """', 'k: [unclosed', '\u0000\u0001', '= =\n==', 'a="\\']) {
      assert.doesNotThrow(() => parseConfig(text, format), `${format}: ${JSON.stringify(text.slice(0, 10))}`);
    }
  }
});

test('checksummed tokens in configuration files: valid ones reported, wrong ones not', () => {
  const valid = checksummedToken('npm', 'config-npm');
  const wrong = `npm_${pseudoRandom('config-npm-wrong', 36)}`;
  const findings = scanConfigText('.npmrc', `//registry.npmjs.org/:_authToken=${valid}\n//npm.acme.io/:_authToken=${wrong}\n`, RULES);
  assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.range.startLine}:${f.range.startColumn}`), ['TSB501@1:34']);
  const github = checksummedToken('ghp', 'config-gh');
  const env = scanConfigText('.env', `GH_TOKEN=${github}\n`, RULES);
  assert.deepEqual(env.map((f) => f.ruleId), ['TSB501']);
  assert.match(env[0]!.message, /a GitHub token \(ghp_\*{4}…\(40 chars\)\)/);
});

test('fingerprints and line hashes hold no value: they survive moves and differ by value', () => {
  const first = scanConfigText('.env', 'DB_PASSWORD=Xk9mQ2vLr7pT4w\n', RULES);
  const moved = scanConfigText('.env', '# moved\n\nPORT=1\nDB_PASSWORD=Xk9mQ2vLr7pT4w\n', RULES);
  const other = scanConfigText('.env', 'DB_PASSWORD=Zq8wPx3mK2vT9r\n', RULES);
  assert.equal(first.length, 1);
  assert.equal(first[0]!.fingerprint, moved[0]!.fingerprint);
  assert.notEqual(first[0]!.fingerprint, other[0]!.fingerprint);
  // The line hash is computed with the value blanked: two values on the same line give the same hash.
  assert.equal(first[0]!.lineHash, other[0]!.lineHash);
  assert.equal(first[0]!.snippet, 'DB_PASSWORD=**************');
});

test('discovery lists configuration files, skips lockfiles and minified files unless named, and honours .gitignore', () => {
  const root = tempProject({
    'app.ts': 'export {};\n',
    '.env': 'A=1\n',
    '.env.local': 'A=1\n',
    'config/app.yaml': 'a: 1\n',
    'package.json': '{}',
    'package-lock.json': '{}',
    'pnpm-lock.yaml': 'lockfileVersion: 9\n',
    'public/data.min.json': '{}',
    'certs/server.key': 'x\n',
    '.npmrc': 'a=b\n',
    'ignored/secret.env': 'A=1\n',
    '.gitignore': 'ignored/\n',
    'node_modules/dep/config.json': '{}',
    'notes.txt': 'x',
  });
  const found = discover({ root, paths: ['.'], configFiles: true });
  assert.deepEqual(found.files.map((f) => f.relative), ['app.ts']);
  assert.deepEqual(found.configFiles.map((f) => f.relative), ['.env', '.env.local', '.npmrc', 'certs/server.key', 'config/app.yaml', 'package.json']);
  const named = discover({ root, paths: ['package-lock.json', 'public/data.min.json'], configFiles: true });
  assert.deepEqual(named.configFiles.map((f) => f.relative), ['package-lock.json', 'public/data.min.json']);
  assert.deepEqual(discover({ root, paths: ['.'] }).configFiles, []);
  assert.ok(isSkippedConfigFile('yarn.lock') && isSkippedConfigFile('a/b.min.json') && !isSkippedConfigFile('a/tsconfig.json'));
});

test('tsbandit scan reports configuration files like source files, in every format, and obeys rule switches and suppressions', () => {
  const root = tempProject({
    'src/app.ts': "export const port = 8080;\n",
    '.env': 'DB_PASSWORD=Xk9mQ2vLr7pT4w\n',
    'deploy/values.yaml': 'redis:\n  # tsbandit-ignore TSB504 -- rotated weekly\n  password: Rd!s#Values42\n',
    'package-lock.json': JSON.stringify({ password: 'Xk9mQ2vLr7pT4w' }),
  });
  const json = JSON.parse(cli(root, 'scan', '-f', 'json', '--exit-zero').stdout) as { findings: Finding[]; summary: { filesFound: number } };
  assert.deepEqual(json.findings.map((f) => `${f.file}:${f.range.startLine}:${f.ruleId}`), ['.env:1:TSB504']);
  assert.equal(json.summary.filesFound, 3);
  const shown = cli(root, 'scan', '-f', 'json', '--exit-zero', '--show-suppressed');
  assert.match(shown.stdout, /deploy\/values\.yaml/);
  assert.equal(cli(root, 'scan', '-f', 'sarif').code, 1);
  const off = tempProject({ '.env': 'DB_PASSWORD=Xk9mQ2vLr7pT4w\n', '.tsbanditrc.json': JSON.stringify({ rules: { 'secret-in-config-file': 'off' } }) });
  assert.equal(cli(off, 'scan').code, 0);
  const direct = scan({ root, paths: ['package-lock.json'], rules: RULES, timeoutMs: 0 });
  assert.deepEqual(direct.findings.map((f) => f.ruleId), ['TSB504']);
});
