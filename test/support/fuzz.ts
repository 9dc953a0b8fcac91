import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { activateRules, scanSource } from '../../src/engine/scan.js';
import type { Finding, Notice } from '../../src/findings/model.js';
import { expandFakeSecrets } from './fake-secrets.js';
import { listFixtures } from './fixtures.js';

/** A small deterministic PRNG (mulberry32): the same seed gives the same inputs on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTIONS = ['(', ')', '{', '}', '[', ']', '`', '${', "'", '"', '/*', '*/', '//', '<div>', '</div>', '\u0000', '\u001b[2J', '\r', '\n', '\u2028', '😀', '\ud800', 'eval(', 'await ', '@', '#x', ';', '=>', 'as any', '...'];

/** One mutation of a source text: insert, delete, duplicate or swap a slice. */
export function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const length = Math.floor(random() * 40);
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at) + INSERTIONS[Math.floor(random() * INSERTIONS.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + length);
    case 2:
      return text.slice(0, at) + text.slice(at, at + length).repeat(2 + Math.floor(random() * 3)) + text.slice(at + length);
    default: {
      const other = Math.floor(random() * text.length);
      return text.slice(0, at) + text.slice(other, other + length) + text.slice(at);
    }
  }
}

export interface FuzzOutcome {
  readonly inputs: number;
  readonly parsed: number;
  readonly findings: Finding[];
  /** Exceptions and rule errors: each is a bug. */
  readonly failures: string[];
  readonly notices: Notice[];
}

/** Runs every rule over `iterations` mutated fixtures; collects what a bug would look like. */
export function fuzzRules(seed: number, iterations: number): FuzzOutcome {
  const random = seededRandom(seed);
  const sources = listFixtures().map((file) => ({ name: path.basename(file), text: expandFakeSecrets(readFileSync(file, 'utf8')) }));
  const rules = activateRules(RULES);
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const failures: string[] = [];
  let parsed = 0;
  for (let i = 0; i < iterations; i++) {
    const source = sources[Math.floor(random() * sources.length)]!;
    let text = source.text;
    const mutations = 1 + Math.floor(random() * 4);
    for (let m = 0; m < mutations; m++) text = mutate(text, random);
    const file = `fuzz/${i}-${source.name}`;
    try {
      const result = scanSource(file, text, rules);
      if (!result.notices.some((n) => n.kind === 'parse-error')) parsed++;
      for (const notice of result.notices) {
        if (notice.kind === 'rule-error') failures.push(`${file}: ${notice.message}`);
        else notices.push(notice);
      }
      findings.push(...result.findings);
    } catch (error) {
      failures.push(`${file}: uncaught ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  return { inputs: iterations, parsed, findings, failures, notices };
}
