import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** `K/N` → a shard; throws with the reason for anything else. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) throw new Error(`--shard must be K/N with 1 <= K <= N, e.g. 2/4 (got '${text}')`);
  return { index, count };
}

/**
 * Which shard a file belongs to: a stable hash of its path relative to the scan root, so N jobs
 * split a tree the same way whatever the discovery order or machine, never overlapping.
 */
export function shardOf(relativePath: string, count: number): number {
  const digest = createHash('sha256').update(relativePath).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}
