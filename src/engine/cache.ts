import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileOutcome } from './scan-file.js';

/** Where results of unchanged files are kept, and what they depend on besides the file itself. */
export interface ResultCache {
  readonly dir: string;
  /** Hash of the tool's code, the rules and their options, plugins and engine options. */
  readonly salt: string;
}

const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The cache salt: a hash of every compiled module of tsbandit (engine and rules), of the plugin
 * files and of the scan's rule set and options. Any change to code or configuration gives a new
 * salt, so a stale entry can never be read back.
 */
export function cacheSalt(parts: { readonly ruleIds: readonly string[]; readonly ruleOptions: unknown; readonly engine: unknown; readonly maxBytes: number; readonly pluginFiles: readonly string[] }): string {
  const hash = createHash('sha256');
  for (const file of listJs(CODE_ROOT)) hash.update(file).update(readFileSync(file));
  for (const file of parts.pluginFiles) hash.update(file).update(readFileSync(file));
  hash.update(JSON.stringify([[...parts.ruleIds].sort(), parts.ruleOptions, parts.engine, parts.maxBytes]));
  return hash.digest('hex');
}

function listJs(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder).sort()) {
    if (entry === 'node_modules' || entry === 'test' || entry === 'scripts') continue;
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) out.push(...listJs(full));
    else if (entry.endsWith('.js')) out.push(full);
  }
  return out;
}

const entryPath = (cache: ResultCache, relative: string, text: string): string => {
  const key = createHash('sha256').update(cache.salt).update('\0').update(relative).update('\0').update(text).digest('hex');
  return path.join(cache.dir, key.slice(0, 2), `${key.slice(2)}.json`);
};

/** A cached outcome for this file's exact content, path and salt; undefined when absent or unreadable. */
export function readCached(cache: ResultCache, relative: string, text: string): FileOutcome | undefined {
  try {
    return JSON.parse(readFileSync(entryPath(cache, relative, text), 'utf8')) as FileOutcome;
  } catch {
    return undefined;
  }
}

/** Stores an outcome; the cache is best-effort, so a write that fails is ignored. */
export function writeCached(cache: ResultCache, relative: string, text: string, outcome: FileOutcome): void {
  const file = entryPath(cache, relative, text);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, JSON.stringify(outcome));
    renameSync(temporary, file);
  } catch {
    // a read-only or full disk only costs the speed-up
  }
}
