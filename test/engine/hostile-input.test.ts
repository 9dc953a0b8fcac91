import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cli, tempProject } from '../support/temp.js';

interface JsonReport {
  findings: { ruleId: string; file: string; range: { startLine: number; startColumn: number } }[];
  notices: { kind: string; file: string; line?: number }[];
}

const VULNERABLE = "import { exec } from 'child_process';\nexport const run = (dir: string) => exec('ls ' + dir);\n";

function hostileFolder(withVulnerableFile: boolean): string {
  const deep = 'export const x = ' + '['.repeat(50_000) + ']'.repeat(50_000) + ';\n';
  const deepBinary = 'export const y = ' + Array.from({ length: 50_000 }, () => 'a').join(' + ') + ';\n';
  const root = tempProject({
    'broken.ts': 'export function (\n',
    'binary.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00]),
    'huge.js': '// ' + 'x'.repeat(5 * 1024 * 1024) + '\n',
    'deep-array.ts': deep,
    'deep-binary.ts': deepBinary,
    'latin1.js': Buffer.concat([Buffer.from("const name = '"), Buffer.from([0xe9, 0xff]), Buffer.from("';\n")]),
    'empty.ts': '',
    'loop/inner.ts': 'export {};\n',
    ...(withVulnerableFile ? { 'z-app.ts': VULNERABLE } : {}),
  });
  symlinkSync('..', path.join(root, 'loop', 'self'));
  symlinkSync('missing-target.ts', path.join(root, 'dangling.ts'));
  symlinkSync('/etc/hostname', path.join(root, 'outside.ts'));
  execFileSync('mkfifo', [path.join(root, 'pipe.ts')]);
  return root;
}

test('hostile files become notices, the scan finishes, and notices do not set the exit code', () => {
  const root = hostileFolder(false);
  const run = cli(root, 'scan', '-f', 'json');
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as JsonReport;
  const kinds = Object.fromEntries(report.notices.map((n) => [n.file, n.kind]));
  assert.equal(kinds['broken.ts'], 'parse-error');
  assert.equal(kinds['binary.js'], 'binary');
  assert.equal(kinds['huge.js'], 'too-large');
  assert.equal(kinds['latin1.js'], 'encoding');
  assert.equal(kinds['dangling.ts'], 'symlink');
  assert.equal(kinds['outside.ts'], 'symlink');
  assert.equal(kinds['pipe.ts'], 'not-regular-file');
  // The 50,000-deep array exceeds the parser's recursion: a notice, not a crash.
  assert.ok(kinds['deep-array.ts'] === 'parse-error' || kinds['deep-array.ts'] === undefined);
  assert.equal(report.findings.length, 0);
});

test("findings of other files are all there, whatever the hostile files do", () => {
  const root = hostileFolder(true);
  const run = cli(root, 'scan', '-f', 'json');
  assert.equal(run.code, 1);
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.deepEqual(report.findings.map((f) => `${f.file}:${f.range.startLine}:${f.ruleId}`), ['z-app.ts:2:TSB103']);
  assert.ok(!report.notices.some((n) => n.kind === 'rule-error'), JSON.stringify(report.notices));
});

test('a larger --max-file-size scans the big file; text report lists notices', () => {
  const root = tempProject({ 'big.js': '// ' + 'x'.repeat(3 * 1024 * 1024) + "\neval(location.hash);\n" });
  const small = cli(root, 'scan');
  assert.equal(small.code, 0);
  assert.match(small.stdout, /big\.js {2}too-large {2}3\.0 MiB is over the 2\.0 MiB limit/);
  const large = cli(root, 'scan', '--max-file-size', '4m', '-f', 'json');
  assert.equal(large.code, 1);
});

test('columns are UTF-16 and correct with CRLF, a BOM, astral characters and UTF-16 files', () => {
  const line = "const s = '😀😀'; eval(location.hash);";
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`// utf-16\r\n${line}\r\n`, 'utf16le')]);
  const root = tempProject({ 'crlf.js': `// first\r\n${line}\r\n`, 'bom.js': `\ufeff// first\n${line}\n`, 'utf16.js': utf16 });
  const report = JSON.parse(cli(root, 'scan', '-f', 'json').stdout) as JsonReport;
  const where = report.findings.map((f) => `${f.file}:${f.range.startLine}:${f.range.startColumn}`);
  // eval starts after 18 UTF-16 units: "const s = '" (11) + two surrogate pairs (4) + "'; " (3)
  assert.deepEqual(where, ['bom.js:2:19', 'crlf.js:2:19', 'utf16.js:2:19']);
});

test('paths with spaces, unicode and leading dashes; a path given twice is scanned once', () => {
  const root = tempProject({ 'my dir/ünï code.js': 'eval(location.hash);\n', '-dash.js': 'eval(location.hash);\n' });
  const report = JSON.parse(cli(root, 'scan', '-f', 'json', '--', '.', 'my dir', './-dash.js').stdout) as JsonReport;
  assert.deepEqual(report.findings.map((f) => f.file), ['-dash.js', 'my dir/ünï code.js']);
});

test('terminal control sequences in source and file names are printed visibly, never raw', () => {
  const root = tempProject({ 'ansi.ts': 'const t = "\u001b]0;pwned\u0007 \u001b[2J"; eval(t + location.hash);\n', 'bad\u001b[31mname.js': 'eval(location.hash);\n' });
  const run = cli(root, 'scan', '--no-color');
  assert.equal(run.code, 1);
  assert.doesNotMatch(run.stdout, /\u001b|\u0007/);
  assert.match(run.stdout, /\\u001b\]0;pwned\\u0007 \\u001b\[2J/);
  assert.match(run.stdout, /bad\\u001b\[31mname\.js/);
});

test('the rest of the hostile corpus: huge, long, stringy, random and empty inputs finish with every finding', () => {
  const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => ((i * 7919) % 251) + 1)); // no NUL: not "binary"
  const root = tempProject({
    'many-findings.js': Array.from({ length: 100_000 }, (_, i) => `eval(input${i});`).join('\n'),
    'long-file.ts': Array.from({ length: 200_000 }, (_, i) => `export const v${i} = ${i};`).join('\n'),
    'big-string.ts': `const s = "${'a'.repeat(1024 * 1024)}"; eval(s + location.hash);\n`,
    'long-identifier.ts': `const ${'x'.repeat(200_000)} = location.hash; eval(${'x'.repeat(200_000)});\n`,
    'lone-cr.js': '// a\reval(location.hash);\r',
    'random.ts': random,
    'minified.min.js': 'var a=' + '1+'.repeat(3_000_000) + '1;',
    'empty-folder/.keep': '',
  });
  const run = cli(root, 'scan', '-f', 'json', '--max-file-size', '8m');
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout) as JsonReport;
  const byFile = new Map<string, number>();
  for (const f of report.findings) byFile.set(f.file, (byFile.get(f.file) ?? 0) + 1);
  assert.equal(byFile.get('many-findings.js'), 100_000);
  assert.equal(byFile.get('big-string.ts'), 1);
  assert.equal(byFile.get('long-identifier.ts'), 1);
  assert.deepEqual(report.findings.filter((f) => f.file === 'lone-cr.js').map((f) => `${f.range.startLine}:${f.range.startColumn}`), ['2:1']);
  assert.deepEqual(report.notices.map((n) => `${n.file} ${n.kind}`), ['random.ts encoding', 'random.ts parse-error'], 'only the random bytes fail (not UTF-8, not code); *.min.js is excluded by default');
});

test('--fail-on-notice turns notices into a failing exit code', () => {
  const root = tempProject({ 'broken.ts': 'export function (\n' });
  assert.equal(cli(root, 'scan').code, 0);
  assert.equal(cli(root, 'scan', '--fail-on-notice').code, 1);
});
