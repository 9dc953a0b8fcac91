import { overlaps, type CharSet } from './charset.js';
import { parseRegex, type RegexNode } from './parser.js';

/**
 * Super-linear backtracking analysis of a JavaScript regular expression.
 *
 * The pattern is compiled to a Thompson NFA with the shape a backtracking engine explores
 * (`x+` is `x` then a loop back, `x?` a choice, `{m,n}` copies). From it, an "atom graph":
 * one node per character atom, an edge a → b when the engine can go on from matching a to
 * matching b through empty moves, counted (1, or 2 for "several distinct ways").
 *
 * - Exponential (EDA): inside one cycle of the atom graph, the engine can match the same text
 *   in two different ways, then come back. Either two distinct empty paths join a → b inside
 *   the cycle (`(a+)+`, `(\w+\s?)*`, `(a*)*`), or, in the product of the cycle with itself, a
 *   pair of different atoms reading the same characters is reachable from the diagonal and
 *   leads back to it (`(a|a)*`, `(a|ab|b)*`, `(.*a)+`, `(x+x+)+y`).
 * - Polynomial: two different unbounded loops over overlapping characters follow each other
 *   with only optional items between them (`\d+\d+`, `\d+\.?\d+`, `^\s*(.*?)\s*$`), and the
 *   match can still fail after the second one (a `$`, `\b` or a required character follows).
 *   Without a failing continuation the first successful split ends the search, so
 *   `\s*.*` alone is not reported.
 * - Not reported: a single loop whose cost comes only from retrying at each start position of
 *   an unanchored search (`\s+$`, `^\s+|\s+$`): that is quadratic in V8 for long runs of spaces
 *   that do not end the input, but it is the cost of nearly every unanchored regex and
 *   reporting it would drown real findings.
 *
 * Lookaround bodies are analysed as patterns of their own; backreferences and assertions are
 * treated as empty moves. Everything is bounded: patterns over `MAX_PATTERN_LENGTH`, NFAs over
 * `MAX_STATES` and product searches over `MAX_PRODUCT_STEPS` give `unknown`.
 */
export type RedosKind = 'exponential' | 'polynomial';

export interface RedosResult {
  /** `safe` when no super-linear backtracking is found, `unknown` when the pattern is invalid or too big to analyse. */
  readonly verdict: RedosKind | 'safe' | 'unknown';
  /**
   * For `exponential`: true when the match can still fail after the ambiguous loop (`(a+)+$`,
   * `(a+)+b`), which is what makes the engine try every way. False for `(a+)+` alone: the
   * first iteration already succeeds, so the ambiguity is latent (it bites once the regex is
   * extended or anchored).
   */
  readonly failingSuffix: boolean;
}

export const REDOS_LIMITS = { maxPatternLength: 1500, maxStates: 4000, maxAtomsInCycle: 160, maxProductSteps: 400_000 } as const;

/** Copies of a bounded repetition written out before the rest is modelled as a loop. */
const MAX_REQUIRED_COPIES = 3;
/** A repetition bounded above this (`x{1,1000}`) is modelled as unbounded. */
const MAX_OPTIONAL_COPIES = 10;

class TooBig extends Error {}

interface Nfa {
  /** Empty moves out of each state, in priority order. */
  readonly eps: number[][];
  /** For atom states: the characters they read. */
  readonly sets: (CharSet | undefined)[];
  /** For atom states: the state after reading. */
  readonly next: number[];
  /** States that are assertions (`$`, `\b`, ...): the match may fail there. */
  readonly assertion: boolean[];
  accept: number;
  start: number;
}

function newState(nfa: Nfa): number {
  if (nfa.eps.length >= REDOS_LIMITS.maxStates) throw new TooBig();
  nfa.eps.push([]);
  nfa.sets.push(undefined);
  nfa.next.push(-1);
  nfa.assertion.push(false);
  return nfa.eps.length - 1;
}

interface Fragment {
  readonly start: number;
  readonly end: number;
}

function build(nfa: Nfa, node: RegexNode, lookarounds: RegexNode[]): Fragment {
  switch (node.type) {
    case 'char': {
      const s = newState(nfa);
      const e = newState(nfa);
      nfa.sets[s] = node.set;
      nfa.next[s] = e;
      return { start: s, end: e };
    }
    case 'seq': {
      const s = newState(nfa);
      let end = s;
      for (const item of node.items) {
        const f = build(nfa, item, lookarounds);
        nfa.eps[end]!.push(f.start);
        end = f.end;
      }
      return { start: s, end };
    }
    case 'alt': {
      const s = newState(nfa);
      const e = newState(nfa);
      for (const alternative of node.alternatives) {
        const f = build(nfa, alternative, lookarounds);
        nfa.eps[s]!.push(f.start);
        nfa.eps[f.end]!.push(e);
      }
      return { start: s, end: e };
    }
    case 'group':
      return build(nfa, node.body, lookarounds);
    case 'assert': {
      const s = newState(nfa);
      const e = newState(nfa);
      nfa.eps[s]!.push(e);
      nfa.assertion[s] = true;
      return { start: s, end: e };
    }
    case 'look': {
      lookarounds.push(node.body);
      const s = newState(nfa);
      const e = newState(nfa);
      nfa.eps[s]!.push(e);
      nfa.assertion[s] = true;
      return { start: s, end: e };
    }
    case 'backref': {
      const s = newState(nfa);
      const e = newState(nfa);
      nfa.eps[s]!.push(e);
      return { start: s, end: e };
    }
    case 'quant':
      return repetition(nfa, node.body, node.min, node.max, lookarounds);
  }
}

function repetition(nfa: Nfa, body: RegexNode, min: number, rawMax: number, lookarounds: RegexNode[]): Fragment {
  const unbounded = rawMax === Infinity || rawMax > MAX_OPTIONAL_COPIES;
  const required = Math.min(min, MAX_REQUIRED_COPIES);
  const max = unbounded ? Infinity : Math.max(rawMax, required);
  const s = newState(nfa);
  let end = s;
  const append = (f: Fragment): void => {
    nfa.eps[end]!.push(f.start);
    end = f.end;
  };
  if (unbounded) {
    // (required - 1) plain copies, then one copy that loops back: `x{2,}` is `x x+`.
    for (let i = 0; i < required - 1; i++) append(build(nfa, body, lookarounds));
    const loopEntry = newState(nfa);
    const exit = newState(nfa);
    nfa.eps[end]!.push(loopEntry);
    const f = build(nfa, body, lookarounds);
    if (required === 0) {
      // x*: choose to enter (body, then back to the choice) or leave.
      nfa.eps[loopEntry]!.push(f.start, exit);
      nfa.eps[f.end]!.push(loopEntry);
    } else {
      // x+: body, then choose to go again or leave.
      nfa.eps[loopEntry]!.push(f.start);
      const again = newState(nfa);
      nfa.eps[f.end]!.push(again);
      nfa.eps[again]!.push(f.start, exit);
    }
    return { start: s, end: exit };
  }
  for (let i = 0; i < required; i++) append(build(nfa, body, lookarounds));
  const exit = newState(nfa);
  // x{0,3} as (x(x(x)?)?)?: each optional copy may be skipped to the exit.
  for (let i = required; i < max; i++) {
    const choice = newState(nfa);
    nfa.eps[end]!.push(choice);
    const f = build(nfa, body, lookarounds);
    nfa.eps[choice]!.push(f.start, exit);
    end = f.end;
  }
  nfa.eps[end]!.push(exit);
  return { start: s, end: exit };
}

interface AtomGraph {
  readonly atoms: number[];
  /** succ[i]: atom index → number of distinct empty paths (capped at 2). */
  readonly succ: Map<number, number>[];
  /** After atom i, the match can end without passing an assertion. */
  readonly endsFreely: boolean[];
}

/** From `from`, the atoms reachable through empty moves, counting distinct paths (capped at 2). */
function emptyClosure(nfa: Nfa, from: number, atomIndex: Map<number, number>): { reach: Map<number, number>; endsFreely: boolean } {
  const reach = new Map<number, number>();
  const expanded = new Map<number, number>();
  // A state may recur once on a path: leaving an inner loop and starting the next outer
  // iteration passes the inner loop's entry again (`(a*)*`). A second return would be an
  // iteration that matched nothing, which JavaScript rejects.
  const onPath = new Map<number, number>();
  let endsFreely = false;
  const visit = (state: number, throughAssertion: boolean): void => {
    const onPathTimes = onPath.get(state) ?? 0;
    if (onPathTimes >= 2) return;
    const times = expanded.get(state) ?? 0;
    if (times >= 2) return;
    expanded.set(state, times + 1);
    const atom = atomIndex.get(state);
    if (atom !== undefined) {
      reach.set(atom, Math.min(2, (reach.get(atom) ?? 0) + 1));
      return;
    }
    if (state === nfa.accept && !throughAssertion) endsFreely = true;
    onPath.set(state, onPathTimes + 1);
    const through = throughAssertion || nfa.assertion[state] === true;
    for (const target of nfa.eps[state]!) visit(target, through);
    onPath.set(state, onPathTimes);
  };
  visit(from, false);
  return { reach, endsFreely };
}

function atomGraph(nfa: Nfa): AtomGraph {
  const atoms: number[] = [];
  nfa.sets.forEach((set, state) => {
    if (set !== undefined) atoms.push(state);
  });
  const atomIndex = new Map(atoms.map((state, i) => [state, i]));
  const succ: Map<number, number>[] = [];
  const endsFreely: boolean[] = [];
  for (const state of atoms) {
    const closure = emptyClosure(nfa, nfa.next[state]!, atomIndex);
    succ.push(closure.reach);
    endsFreely.push(closure.endsFreely);
  }
  return { atoms, succ, endsFreely };
}

/** Strongly connected components (Tarjan, iterative); returns the component index of each node. */
function components(count: number, succ: Map<number, number>[]): number[] {
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const component = new Array<number>(count).fill(-1);
  const stack: number[] = [];
  const onStack = new Array<boolean>(count).fill(false);
  let counter = 0;
  let componentCount = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number[], number][] = [[root, [...succ[root]!.keys()], 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, targets] = frame;
      if (frame[2] < targets.length) {
        const target = targets[frame[2]++]!;
        if (index[target] === -1) {
          index[target] = low[target] = counter++;
          stack.push(target);
          onStack[target] = true;
          work.push([target, [...succ[target]!.keys()], 0]);
        } else if (onStack[target]) {
          low[node] = Math.min(low[node]!, index[target]!);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low[parent[0]] = Math.min(low[parent[0]]!, low[node]!);
      if (low[node] === index[node]) {
        for (;;) {
          const member = stack.pop()!;
          onStack[member] = false;
          component[member] = componentCount;
          if (member === node) break;
        }
        componentCount++;
      }
    }
  }
  return component;
}

function exponentialIn(graph: AtomGraph, sets: CharSet[], members: number[], budget: { steps: number }): boolean {
  const inCycle = new Set(members);
  // Two distinct empty paths between atoms of the cycle: two ways to match the same text.
  for (const a of members) for (const [b, count] of graph.succ[a]!) if (count >= 2 && inCycle.has(b)) return true;
  if (members.length > REDOS_LIMITS.maxAtomsInCycle) throw new TooBig();
  const local = new Map(members.map((atom, i) => [atom, i]));
  const n = members.length;
  const out: number[][] = members.map((a) => [...graph.succ[a]!.keys()].filter((b) => inCycle.has(b)).map((b) => local.get(b)!));
  const into: number[][] = members.map(() => []);
  out.forEach((targets, i) => targets.forEach((j) => into[j]!.push(i)));
  const overlap = (i: number, j: number): boolean => i === j || overlaps(sets[graph.atoms[members[i]!]!]!, sets[graph.atoms[members[j]!]!]!);
  const search = (edges: number[][]): Uint8Array => {
    const seen = new Uint8Array(n * n);
    const queue: number[] = [];
    for (let i = 0; i < n; i++) {
      seen[i * n + i] = 1;
      queue.push(i * n + i);
    }
    while (queue.length > 0) {
      const pair = queue.pop()!;
      const x = Math.floor(pair / n);
      const y = pair % n;
      for (const x2 of edges[x]!) {
        for (const y2 of edges[y]!) {
          if (++budget.steps > REDOS_LIMITS.maxProductSteps) throw new TooBig();
          const next = x2 * n + y2;
          if (seen[next] === 1 || !overlap(x2, y2)) continue;
          seen[next] = 1;
          queue.push(next);
        }
      }
    }
    return seen;
  };
  const forward = search(out);
  const backward = search(into);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) if (x !== y && forward[x * n + y] === 1 && backward[x * n + y] === 1) return true;
  return false;
}

function polynomialIn(graph: AtomGraph, sets: CharSet[], component: number[], cyclic: boolean[]): boolean {
  const { atoms, succ } = graph;
  for (let p = 0; p < atoms.length; p++) {
    // When the match may end right after the first loop, a failure in the second is not retried per split.
    if (!cyclic[component[p]!] || graph.endsFreely[p]) continue;
    for (const q of succ[p]!.keys()) {
      if (component[q] === component[p] || !cyclic[component[q]!]) continue;
      if (graph.endsFreely[q]) continue;
      if (overlaps(sets[atoms[p]!]!, sets[atoms[q]!]!) && loopsOn(graph, component, q)) return true;
    }
  }
  return false;
}

/** The atom repeats itself directly (`\d+`, `.*`), so its loop reads the same characters again. */
function loopsOn(graph: AtomGraph, component: number[], atom: number): boolean {
  return graph.succ[atom]!.has(atom) || [...graph.succ[atom]!.keys()].some((other) => component[other] === component[atom]);
}

function analyseNode(root: RegexNode, depth: number): RedosResult {
  const nfa: Nfa = { eps: [], sets: [], next: [], assertion: [], accept: -1, start: -1 };
  const lookarounds: RegexNode[] = [];
  const whole = build(nfa, root, lookarounds);
  nfa.start = whole.start;
  nfa.accept = whole.end;
  const graph = atomGraph(nfa);
  const sets = nfa.sets as CharSet[];
  const component = components(graph.atoms.length, graph.succ);
  const byComponent = new Map<number, number[]>();
  component.forEach((c, atom) => byComponent.set(c, [...(byComponent.get(c) ?? []), atom]));
  const cyclic: boolean[] = [];
  for (const [c, members] of byComponent) cyclic[c] = members.length > 1 || graph.succ[members[0]!]!.has(members[0]!);
  const budget = { steps: 0 };
  let latent = false;
  for (const [c, members] of byComponent) {
    if (!cyclic[c] || !exponentialIn(graph, sets, members, budget)) continue;
    if (members.every((atom) => !graph.endsFreely[atom])) return { verdict: 'exponential', failingSuffix: true };
    latent = true;
  }
  let result: RedosResult = latent ? { verdict: 'exponential', failingSuffix: false } : { verdict: polynomialIn(graph, sets, component, cyclic) ? 'polynomial' : 'safe', failingSuffix: false };
  if (depth < 4) {
    for (const body of lookarounds) {
      // Lookarounds are atomic: once the body has matched, nobody backtracks into it, so only
      // ambiguity that can fail inside the body itself counts.
      const inner = analyseNode(body, depth + 1);
      if (inner.verdict === 'exponential' && inner.failingSuffix) return inner;
      if (inner.verdict === 'polynomial' && result.verdict === 'safe') result = inner;
    }
  }
  return result;
}

const UNKNOWN: RedosResult = { verdict: 'unknown', failingSuffix: false };
const memo = new Map<string, RedosResult>();
const MEMO_SIZE = 4096;

/** Whether matching `pattern` with `flags` can backtrack super-linearly (see the module comment). */
export function analyseRedos(pattern: string, flags = ''): RedosResult {
  const key = `${flags}/${pattern}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const result = compute(pattern, flags);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, result);
  return result;
}

function compute(pattern: string, flags: string): RedosResult {
  if (pattern.length > REDOS_LIMITS.maxPatternLength) return UNKNOWN;
  const parsed = parseRegex(pattern, flags);
  if (parsed === undefined) return UNKNOWN;
  try {
    return analyseNode(parsed.root, 0);
  } catch (error) {
    if (error instanceof TooBig) return UNKNOWN;
    throw error;
  }
}
