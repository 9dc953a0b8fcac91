import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Notice } from '../findings/model.js';
import { SOURCE_EXTENSIONS } from '../parse/index.js';
// Configuration files scanned for secrets (issue 6): patterns and the lockfile/minified policy live in src/config-files.
import { configFormatOf, isSkippedConfigFile } from '../config-files/patterns.js';
import { walkFolder, type WalkedEntry } from './walk.js';

/** Folders never worth scanning, at any depth, unless `useDefaultExcludes` is off. */
const DEFAULT_EXCLUDED_FOLDERS: readonly string[] = ['node_modules', '.git', 'dist', 'build', 'coverage', '.next'];
/** Files never worth scanning (minified code, declarations), unless `useDefaultExcludes` is off. */
const DEFAULT_EXCLUDED_ENDINGS: readonly string[] = ['.min.js', '.d.ts', '.d.mts', '.d.cts'];

/** The default excludes as glob patterns, as `--help` and the docs show them. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  ...DEFAULT_EXCLUDED_FOLDERS.map((folder) => `**/${folder}/**`),
  ...DEFAULT_EXCLUDED_ENDINGS.map((ending) => `**/*${ending}`),
];

const GITIGNORE = '.gitignore';

export interface DiscoverOptions {
  /** Findings and notices name files relative to this folder. */
  readonly root: string;
  /** Files or folders, absolute or relative to `root`. */
  readonly paths: readonly string[];
  /** gitignore-syntax patterns, relative to `root`. */
  readonly exclude?: readonly string[];
  readonly useDefaultExcludes?: boolean;
  readonly useGitignore?: boolean;
  /** Also list configuration files (`.env*`, JSON, YAML, TOML, INI, properties, PEM, `.npmrc`) in `configFiles`. */
  readonly configFiles?: boolean;
}

export interface DiscoveredFile {
  readonly absolute: string;
  /** Relative to the root, `/` separators. */
  readonly relative: string;
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  /** Configuration files to read for secrets, when asked for (`configFiles`); sorted like `files`. */
  readonly configFiles: DiscoveredFile[];
  readonly notices: Notice[];
  /** Paths given that do not exist: the caller decides whether that is fatal. */
  readonly missing: string[];
}

export const toPosix = (p: string): string => p.split(path.sep).join('/');
const isSourceFile = (file: string): boolean => SOURCE_EXTENSIONS.some((ext) => file.endsWith(ext));
const isInside = (folder: string, candidate: string): boolean =>
  candidate === folder || candidate.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);

/**
 * Lists the source files under the given paths. Symbolic links are never followed into
 * folders (so loops cannot hang it); a linked file is scanned once, and only when its target
 * lies inside a scanned path. What is skipped for a reason worth knowing becomes a notice.
 */
export function discover(options: DiscoverOptions): Discovery {
  const root = path.resolve(options.root);
  const notices: Notice[] = [];
  const missing: string[] = [];
  const userExcludes = ignore().add([...(options.exclude ?? [])]);
  const useDefaults = options.useDefaultExcludes !== false;
  const useGitignore = options.useGitignore !== false;
  const rel = (absolute: string): string => toPosix(path.relative(root, absolute)) || '.';

  const scanned: { absolute: string; real: string; isFile: boolean }[] = [];
  for (const given of options.paths) {
    const absolute = path.resolve(root, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      missing.push(given);
      continue;
    }
    scanned.push({ absolute, real: realpathOr(absolute), isFile: !stat.isDirectory() });
  }
  const realRoots = scanned.filter((s) => !s.isFile).map((s) => s.real);

  const files = new Map<string, DiscoveredFile>(); // by real path: a file reached twice is scanned once
  const configs = new Map<string, DiscoveredFile>();
  const wantConfig = options.configFiles === true;
  /**
   * Excludes are relative to the root; a file outside it (`scan ../lib`) is matched by its path
   * inside the folder given, so `*.d.ts` or `test/**` mean the same wherever the scan runs from.
   */
  const excluded = (absolute: string, relative: string, scannedFolder: string): boolean => {
    const matched = relative.startsWith('..') ? toPosix(path.relative(scannedFolder, absolute)) : relative;
    return matched !== '' && matched !== '.' && !matched.startsWith('..') && userExcludes.ignores(matched);
  };
  const add = (absolute: string, real: string, scannedFolder: string, relative = rel(absolute)): void => {
    if (excluded(absolute, relative, scannedFolder)) return;
    const table = isSourceFile(absolute) ? files : configs;
    const known = table.get(real);
    if (known === undefined || absolute < known.absolute) table.set(real, { absolute, relative });
  };

  for (const target of scanned) {
    if (target.isFile) {
      // A file named explicitly is scanned whatever the default excludes say.
      if (isSourceFile(target.absolute) || (wantConfig && configFormatOf(toPosix(target.absolute)) !== undefined)) add(target.absolute, target.real, path.dirname(target.absolute));
      else notices.push({ kind: 'not-regular-file', file: rel(target.absolute), message: 'not a JavaScript or TypeScript source file; skipped' });
      continue;
    }
    const unreadable: string[] = [];
    const entries = walkFolder(target.absolute, {
      enters: (name) => name !== '.git' && !(useDefaults && DEFAULT_EXCLUDED_FOLDERS.includes(name)),
      lists: (name, relative) => {
        if (useGitignore && name === GITIGNORE) return true;
        if (useDefaults && DEFAULT_EXCLUDED_ENDINGS.some((ending) => name.endsWith(ending))) return false;
        return isSourceFile(name) || (wantConfig && configFormatOf(name) !== undefined && !isSkippedConfigFile(relative));
      },
      unreadable: (folder) => unreadable.push(folder),
    });
    for (const folder of unreadable) {
      notices.push({ kind: 'unreadable', file: rel(folder), message: 'folder could not be read; its files were not scanned' });
    }
    const gitignores = useGitignore ? new GitignoreSet(target.absolute) : undefined;
    const candidates: WalkedEntry[] = [];
    for (const entry of entries) {
      if (useGitignore && entry.dirent.name === GITIGNORE) {
        if (entry.dirent.isFile()) gitignores?.addFile(entry.absolute);
      } else candidates.push(entry);
    }
    const folderRelative = rel(target.absolute);
    const relativeOf = (entryPath: string, absolute: string): string =>
      folderRelative === '.' ? entryPath : folderRelative.startsWith('..') ? rel(absolute) : `${folderRelative}/${entryPath}`;
    for (const { absolute, dirent, path: entryPath } of candidates) {
      if (gitignores?.ignores(absolute)) continue;
      const addHere = (file: string, real: string): void => add(file, real, target.absolute);
      if (dirent.isFile()) add(absolute, absolute.startsWith(target.real) ? absolute : realpathOr(absolute), target.absolute, relativeOf(entryPath, absolute));
      else if (dirent.isSymbolicLink()) followFileLink(absolute, realRoots, rel, addHere, notices);
      else {
        notices.push({ kind: 'not-regular-file', file: rel(absolute), message: 'not a regular file (FIFO, socket or device); skipped' });
      }
    }
  }
  const byPath = (a: DiscoveredFile, b: DiscoveredFile): number => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0);
  return { files: [...files.values()].sort(byPath), configFiles: [...configs.values()].sort(byPath), notices, missing };
}

function realpathOr(absolute: string): string {
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute;
  }
}

function followFileLink(
  link: string,
  realRoots: readonly string[],
  rel: (absolute: string) => string,
  add: (absolute: string, real: string) => void,
  notices: Notice[],
): void {
  let real: string;
  try {
    real = fs.realpathSync(link);
  } catch {
    notices.push({ kind: 'symlink', file: rel(link), message: 'symbolic link is broken or loops; skipped' });
    return;
  }
  if (!realRoots.some((folder) => isInside(folder, real))) {
    notices.push({ kind: 'symlink', file: rel(link), message: 'symbolic link points outside the scanned paths; not followed' });
    return;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch {
    return;
  }
  if (stat.isFile()) add(link, real);
}

/** The .gitignore files that apply under one scanned folder, including those of its parents up to the repository root. */
class GitignoreSet {
  readonly #byFolder: { folder: string; rules: Ignore }[] = [];

  constructor(scannedFolder: string) {
    if (fs.existsSync(path.join(scannedFolder, '.git'))) return;
    // Parents' .gitignore files apply only inside the same repository: climb to its root, if any.
    const parents: string[] = [];
    for (let folder = path.dirname(scannedFolder); ; folder = path.dirname(folder)) {
      parents.push(folder);
      if (fs.existsSync(path.join(folder, '.git'))) {
        for (const parent of parents) this.addFile(path.join(parent, GITIGNORE));
        return;
      }
      if (path.dirname(folder) === folder) return;
    }
  }

  addFile(file: string): void {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return;
    }
    this.#byFolder.push({ folder: path.dirname(file), rules: ignore().add(text) });
  }

  ignores(absolute: string): boolean {
    for (const { folder, rules } of this.#byFolder) {
      if (!isInside(folder, absolute)) continue;
      if (rules.ignores(toPosix(path.relative(folder, absolute)))) return true;
    }
    return false;
  }
}
