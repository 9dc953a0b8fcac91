import fs from 'node:fs';
import path from 'node:path';

export interface WalkedEntry {
  /** Relative to the walked folder, `/`-separated. */
  readonly path: string;
  readonly absolute: string;
  /** The entry itself: a link is reported as a link, never as what it points to. */
  readonly dirent: fs.Dirent;
}

export interface WalkFilter {
  /** Whether to go into a folder, by its name and its path relative to the walked folder. */
  enters(name: string, relative: string): boolean;
  /** Whether an entry that is not a folder is listed, by its name and relative path. */
  lists(name: string, relative: string): boolean;
  /** A folder that could not be listed (its absolute path): the walk goes on without it. */
  unreadable(absolute: string): void;
}

/**
 * Lists a folder tree: one readdir per folder and a name test per entry. Links are listed and
 * never followed, so a link loop cannot hang the walk. Every CI shard lists the whole tree
 * before it takes its share, so this is a plain walk rather than glob matching of every path
 * (on a tree of 33,000 entries: 76 ms warm for fast-glob's `**` alone, 200 ms cold in a new process).
 */
export function walkFolder(top: string, filter: WalkFilter): WalkedEntry[] {
  const listed: WalkedEntry[] = [];
  const pending: { absolute: string; relative: string }[] = [{ absolute: top, relative: '' }];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder.absolute, { withFileTypes: true });
    } catch {
      filter.unreadable(folder.absolute);
      continue;
    }
    const prefix = folder.relative === '' ? '' : `${folder.relative}/`;
    const absolutePrefix = folder.absolute.endsWith(path.sep) ? folder.absolute : folder.absolute + path.sep;
    for (const dirent of entries) {
      const relative = prefix + dirent.name;
      const absolute = absolutePrefix + dirent.name;
      if (dirent.isDirectory()) {
        if (filter.enters(dirent.name, relative)) pending.push({ absolute, relative });
      } else if (filter.lists(dirent.name, relative)) {
        listed.push({ path: relative, absolute, dirent });
      }
    }
  }
  return listed;
}
