import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { changedFiles, GitError } from '../../src/git/changed.js';
import { cli, tempProject } from '../support/temp.js';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=CI', '-c', 'user.email=ci@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });

const write = (root: string, relative: string, text: string): void => {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
};

const EXEC = (name: string): string => `import { exec } from 'node:child_process';\nexport function ${name}(dir: string): void {\n  exec('ls ' + dir);\n}\n`;

/** A repository on `main` with five flagged files, then a branch `feature` that touches some of them. */
function repository(): string {
  const root = tempProject({
    '.gitignore': 'generated/\n',
    'src/unchanged.ts': EXEC('unchanged'),
    'src/edited.ts': EXEC('edited'),
    'src/removed.ts': EXEC('removed'),
    'src/renamed-from.ts': EXEC('renamed'),
    'packages/web/old.ts': EXEC('old'),
    'packages/web/untouched.ts': EXEC('untouched'),
  });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'checkout', '-q', '-b', 'feature');
  write(root, 'src/edited.ts', '// reviewed\n' + EXEC('edited'));
  rmSync(path.join(root, 'src/removed.ts'));
  git(root, 'mv', 'src/renamed-from.ts', 'src/renamed-to.ts');
  write(root, 'packages/web/old.ts', EXEC('old') + '// touched\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'feature work');
  // Not committed: a staged file, an unstaged edit, an untracked file, an ignored one.
  write(root, 'src/staged.ts', EXEC('staged'));
  git(root, 'add', 'src/staged.ts');
  write(root, 'packages/web/untouched.ts', EXEC('untouched') + '// local edit\n');
  write(root, 'src/new file.ts', EXEC('untracked'));
  write(root, 'generated/out.ts', EXEC('generated'));
  write(root, 'src/excluded/skip.ts', EXEC('excluded'));
  return root;
}

const flaggedFiles = (stdout: string): string[] => [...new Set((JSON.parse(stdout).findings as { file: string }[]).map((f) => f.file))].sort();

test('--changed-since scans the branch commits, staged, unstaged and untracked files; excludes, .gitignore and deletions hold', () => {
  const root = repository();
  const run = cli(root, 'scan', '--changed-since', 'main', '-f', 'json', '--exclude', 'src/excluded/');
  assert.equal(run.code, 1, run.stderr);
  assert.deepEqual(flaggedFiles(run.stdout), ['packages/web/old.ts', 'packages/web/untouched.ts', 'src/edited.ts', 'src/new file.ts', 'src/renamed-to.ts', 'src/staged.ts']);
  assert.match(run.stderr, /^tsbandit: --changed-since main: 7 changed file\(s\) since [0-9a-f]{12}\n$/);
  // Paths still limit the scan, and the full scan sees everything.
  assert.deepEqual(flaggedFiles(cli(root, 'scan', 'packages', '--changed-since', 'main', '-f', 'json').stdout), ['packages/web/old.ts', 'packages/web/untouched.ts']);
  // Everything but the deleted file and the ignored generated/ folder.
  assert.equal(flaggedFiles(cli(root, 'scan', '-f', 'json').stdout).length, 8);
});

test('--changed-since from a subfolder: paths relative to it, changes elsewhere ignored; a ref such as HEAD~1 works', () => {
  const root = repository();
  const web = path.join(root, 'packages', 'web');
  const run = cli(web, 'scan', '--changed-since', 'main', '-f', 'json');
  assert.deepEqual(flaggedFiles(run.stdout), ['old.ts', 'untouched.ts']);
  assert.deepEqual([...changedFiles(web, 'main').files].sort(), ['old.ts', 'untouched.ts']);
  // HEAD as the ref: only what is not committed yet.
  assert.deepEqual(flaggedFiles(cli(root, 'scan', '--changed-since', 'HEAD', '-f', 'json').stdout), ['packages/web/untouched.ts', 'src/excluded/skip.ts', 'src/new file.ts', 'src/staged.ts']);
  assert.equal(flaggedFiles(cli(root, 'scan', '--changed-since', 'HEAD~1', '-f', 'json', '--exclude', 'src/excluded').stdout).length, 6);
});

test('--changed-since: nothing changed means nothing scanned, exit 0', () => {
  const root = tempProject({ 'a.ts': EXEC('a') });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'one');
  const run = cli(root, 'scan', '--changed-since', 'HEAD', '-f', 'json');
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(report.summary.filesScanned, 0);
  assert.equal(report.findings.length, 0);
});

test('--changed-since: one clear line and exit 2 outside a repository, for an unknown ref, or an option-like ref', () => {
  const outside = tempProject({ 'a.ts': EXEC('a') });
  const notRepo = cli(outside, 'scan', '--changed-since', 'main');
  assert.equal(notRepo.code, 2);
  assert.equal(notRepo.stderr, `tsbandit: error: --changed-since: ${outside} is not inside a git work tree\n`);
  assert.equal(notRepo.stdout, '');

  const root = repository();
  const unknown = cli(root, 'scan', '--changed-since', 'origin/nope');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^tsbandit: error: --changed-since: unknown git ref 'origin\/nope' \(in a shallow CI clone, fetch it first[^\n]*\)\n$/);
  const option = cli(root, 'scan', '--changed-since=--output=/tmp/x');
  assert.equal(option.code, 2);
  assert.equal(option.stderr, "tsbandit: error: --changed-since: '--output=/tmp/x' is not a git ref\n");
  assert.throws(() => changedFiles(root, ''), GitError);
});
