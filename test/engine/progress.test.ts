import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../src/cli/main.js';
import { createProgressLine, formatProgress } from '../../src/cli/progress.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { tempProject } from '../support/temp.js';

test('the progress line is throttled to ten redraws a second and erased at the end', () => {
  let clock = 0;
  const written: string[] = [];
  const line = createProgressLine((text) => written.push(text), () => clock);
  for (let done = 1; done <= 50; done++) {
    clock += 10; // 50 files in 500 ms
    line.update({ filesDone: done, filesTotal: 50, findings: done % 3, elapsedMs: clock });
  }
  line.done();
  assert.ok(written.length >= 5 && written.length <= 8, `${written.length} writes`);
  assert.equal(written.at(-1), '\r\x1b[K');
  assert.match(written.at(-2)!, /50\/50 files/);
  assert.equal(formatProgress({ filesDone: 25, filesTotal: 100, findings: 1, elapsedMs: 5000 }), 'tsbandit: 25/100 files, 1 finding, 5 files/s, ETA 15s');
});

function run(env: Record<string, string>, stderrIsTTY: boolean, ...argv: string[]): { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const root = tempProject({ 'a.ts': 'eval(location.hash);\n', 'b.ts': 'export {};\n' });
  runCli(['scan', ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, stderrIsTTY, cwd: root, env });
  return { stdout, stderr };
}

test('progress goes to a terminal stderr only: never to stdout, in CI, or with --no-progress / --quiet', () => {
  const tty = run({}, true, '-f', 'json');
  assert.match(tty.stderr, /tsbandit: 2\/2 files, 1 finding/);
  assert.doesNotMatch(tty.stdout, /files\/s/);
  JSON.parse(tty.stdout);
  assert.equal(run({ CI: 'true' }, true).stderr, '');
  assert.equal(run({}, true, '--no-progress').stderr, '');
  assert.equal(run({}, true, '--quiet').stderr, '');
  assert.equal(run({}, false).stderr, '');
});

test('under a real pseudo-terminal the line appears; piped, it does not', (t) => {
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (script.status !== 0) {
    t.skip('util-linux script(1) is not installed');
    return;
  }
  const root = tempProject({ 'a.ts': 'eval(location.hash);\n' });
  const bin = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'bin.js');
  const env = { ...process.env, CI: '' };
  const inTerminal = spawnSync('script', ['-qec', `${process.execPath} ${bin} scan . -o report.txt`, '/dev/null'], { cwd: root, encoding: 'utf8', env });
  assert.match(inTerminal.stdout, /1\/1 files/);
  const piped = spawnSync(process.execPath, [bin, 'scan', '.'], { cwd: root, encoding: 'utf8', env });
  assert.doesNotMatch(piped.stdout + piped.stderr, /files\/s/);
});
