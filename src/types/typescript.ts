import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

const require = createRequire(import.meta.url);
let compiler: typeof TypeScript | undefined;

/**
 * The TypeScript compiler, loaded on first use. Loading it takes about half a second, which every
 * scan process and every scan worker would pay at startup (a CI shard, a cached re-scan); only
 * type-aware mode (`--project`, typed ESLint) needs it.
 */
export function typescript(): typeof TypeScript {
  compiler ??= require('typescript') as typeof TypeScript;
  return compiler;
}
