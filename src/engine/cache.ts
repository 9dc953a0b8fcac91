import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const STORE_PREFIX = 'results-';
const STORE_FORMAT = 'tsbandit-result-cache/1';

/**
 * The cache salt: a hash of every compiled module of tsbandit (engine and rules), of the plugin
 * files and of the scan's rule set, options and limits. Any change to code or configuration gives a new
 * salt, so a stale entry can never be read back.
 */
export function cacheSalt(parts: {
  readonly ruleIds: readonly string[];
  readonly ruleOptions: unknown;
  readonly engine: unknown;
  readonly maxBytes: number;
  readonly pluginFiles: readonly string[];
  /** The per-file time and memory limits: a file skipped under them is kept as skipped. */
  readonly limits: unknown;
}): string {
  const hash = createHash('sha256');
  for (const file of listJs(CODE_ROOT)) hash.update(file).update(readFileSync(file));
  for (const file of parts.pluginFiles) hash.update(file).update(readFileSync(file));
  hash.update(JSON.stringify([[...parts.ruleIds].sort(), parts.ruleOptions, parts.engine, parts.maxBytes, parts.limits]));
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

/** The hash a cached result is checked against: of the exact text scanned. */
export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');

interface StoredResult {
  readonly hash: string;
  readonly outcome: FileOutcome;
}

/**
 * The results of one configuration (one salt), in a single file `DIR/results-<salt>.json` read
 * once at the start of a scan and written once at its end: thousands of small files cost more
 * to create than the scan saves. Entries are keyed by the file's path and checked against the
 * hash of its content. Files not looked at by this scan keep their entries, so shards or scans
 * of other folders can share the directory; a store of another salt (an older tool, other rules
 * or options) is deleted when this one is written, so the directory does not grow without bound.
 * The cache is best-effort: an unreadable store is an empty one, and a failed write costs only the speed-up.
 */
export class ResultStore {
  readonly #dir: string;
  readonly #file: string;
  readonly #previous: Map<string, StoredResult>;
  readonly #current = new Map<string, StoredResult>();
  #changed = false;

  constructor(cache: ResultCache) {
    this.#dir = cache.dir;
    this.#file = path.join(cache.dir, `${STORE_PREFIX}${cache.salt.slice(0, 32)}.json`);
    this.#previous = readStore(this.#file);
  }

  /** Whether the store held nothing when the scan started (a first scan, or new rules or options). */
  get isEmpty(): boolean {
    return this.#previous.size === 0;
  }

  /** The stored outcome of this path when its content hash matches; undefined otherwise. */
  lookup(relative: string, hash: string): FileOutcome | undefined {
    const stored = this.#previous.get(relative);
    if (stored === undefined || stored.hash !== hash) return undefined;
    this.#current.set(relative, stored);
    return stored.outcome;
  }

  /** Keeps a fresh outcome for the next scan. */
  record(relative: string, hash: string, outcome: FileOutcome): void {
    this.#current.set(relative, { hash, outcome });
    this.#changed = true;
  }

  /** Writes the store (atomically) when this scan added or replaced an entry. */
  save(): void {
    if (!this.#changed) return;
    const entries: Record<string, StoredResult> = {};
    const merged = new Map([...this.#previous, ...this.#current]);
    for (const relative of [...merged.keys()].sort()) entries[relative] = merged.get(relative)!;
    try {
      mkdirSync(this.#dir, { recursive: true });
      const temporary = `${this.#file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(temporary, JSON.stringify({ format: STORE_FORMAT, entries }));
      renameSync(temporary, this.#file);
      for (const name of readdirSync(this.#dir)) {
        if (name.startsWith(STORE_PREFIX) && name.endsWith('.json') && path.join(this.#dir, name) !== this.#file) rmSync(path.join(this.#dir, name), { force: true });
      }
    } catch {
      // a read-only or full disk only costs the speed-up
    }
  }
}

function readStore(file: string): Map<string, StoredResult> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; entries?: Record<string, StoredResult> };
    if (data.format !== STORE_FORMAT || typeof data.entries !== 'object' || data.entries === null) return new Map();
    return new Map(Object.entries(data.entries).filter(([, entry]) => typeof entry?.hash === 'string' && typeof entry.outcome === 'object'));
  } catch {
    return new Map();
  }
}
