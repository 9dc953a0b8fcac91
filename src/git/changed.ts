import { execFileSync } from 'node:child_process';

/** Outside a git repository, an unknown ref, or git missing: one line for the user, exit 2. */
export class GitError extends Error {
  override name = 'GitError';
}

export interface ChangedFiles {
  /** The commit the changes are counted from: the merge base of the ref and HEAD. */
  readonly base: string;
  /** Changed files that still exist, relative to `cwd` with `/` separators; files outside `cwd` are left out. */
  readonly files: ReadonlySet<string>;
}

/** Runs git with an argument array, never through a shell; stdout as text, or the GitError of its stderr. */
function git(cwd: string, args: readonly string[], what: string): string {
  try {
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024, windowsHide: true });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new GitError('--changed-since needs git, which was not found on the PATH');
    const reason = (failure.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? failure.message.split('\n')[0];
    throw new GitError(`${what}: ${reason}`);
  }
}

const nulList = (text: string): string[] => text.split('\0').filter((entry) => entry.length > 0);

/**
 * The files changed since `ref`, for PR scans: everything that differs between the merge base of
 * `ref` and HEAD (what `git diff REF...` shows) and the working tree, i.e. the branch's commits
 * plus staged and unstaged edits, plus untracked files that .gitignore does not hide. Deleted
 * files are left out. Paths come back relative to `cwd` (the scan root).
 */
export function changedFiles(cwd: string, ref: string): ChangedFiles {
  if (ref.length === 0 || ref.startsWith('-')) throw new GitError(`--changed-since: '${ref}' is not a git ref`);
  const inside = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true }).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new GitError('--changed-since needs git, which was not found on the PATH');
      return 'false';
    }
  })();
  if (inside !== 'true') throw new GitError(`--changed-since: ${cwd} is not inside a git work tree`);
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true }).trim();
  } catch {
    throw new GitError(`--changed-since: unknown git ref '${ref}' (in a shallow CI clone, fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  }
  const base = git(cwd, ['merge-base', commit, 'HEAD'], `--changed-since: no common ancestor of '${ref}' and HEAD (fetch more history)`).trim();
  // Paths relative to cwd ("--relative"), NUL-separated so that no name needs unquoting.
  const changed = nulList(git(cwd, ['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', '--relative', '--no-renames', '--diff-filter=d', base, '--'], `--changed-since: git diff failed`));
  const untracked = nulList(git(cwd, ['ls-files', '-z', '--others', '--exclude-standard', '--', '.'], `--changed-since: git ls-files failed`));
  return { base, files: new Set([...changed, ...untracked]) };
}
