import type { AnalysisContext } from './scope.js';

/**
 * A cheap per-file prefilter: whether the file's text mentions any of `patterns` (substrings or
 * regular expressions), computed on the first question and remembered for the file. Rules create
 * it in `create()` and ask it in a visitor: `create` must not read the source eagerly, and a rule
 * whose sink the file never names can skip callee resolution (a scope analysis) on every call.
 */
export function fileMentions(context: AnalysisContext, ...patterns: readonly (string | RegExp)[]): () => boolean {
  let answer: boolean | undefined;
  return () => {
    if (answer === undefined) {
      const text = context.sourceCode.text;
      answer = patterns.some((pattern) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)));
    }
    return answer;
  };
}

const WORD = /[A-Za-z_$][\w$]*/g;
const wordsOf = new WeakMap<object, ReadonlySet<string>>();

/**
 * Whether the file writes `name` as a whole word (`Function`, not inside `isFunction`; a module
 * name such as `node-rsa` or `lodash/random` anywhere). The file's words are collected once, on
 * the first question, so prefilters may ask about hundreds of names per file at the cost of one.
 */
export function writesName(context: AnalysisContext, name: string): boolean {
  const words = perFile(wordsOf, context, (text) => new Set(text.match(WORD)));
  return /^[A-Za-z_$][\w$]*$/.test(name) ? words.has(name) : context.sourceCode.text.includes(name);
}

/**
 * Names the file binds to a value: written before `=` or `:` (`const run = cp.exec`,
 * `let q: Query = pool.query`, `{ exec: run }`) or after `:`, `as`, `import` or `function`
 * (`{ exec: run }`, `import { exec as run }`, `import hash from 'md5'`, `function fetchRows(`).
 * A bare call of a name outside this set cannot be an alias or a local function, so it needs no
 * scope analysis to rule those out. Over-approximate on purpose: object keys, ternaries and
 * comments only add names.
 */
// The `=`/`:` after a name is looked at, not consumed: in `{ exec: run }` the same `:` also precedes `run`.
const BINDING = /(?<![\w$])([A-Za-z_$][\w$]*)(?=\s*(?:=(?![=>])|:))|(?::\s*|(?<![\w$])(?:as|import|function\s*\*?)\s*)([A-Za-z_$][\w$]*)/g;
const boundNamesOf = new WeakMap<object, ReadonlySet<string>>();

export function mayBindName(context: AnalysisContext, name: string): boolean {
  return perFile(boundNamesOf, context, (text) => new Set(Array.from(text.matchAll(BINDING), (match) => (match[1] ?? match[2])!))).has(name);
}

/** A fact about the file's text, computed on the first question and kept for the file (keyed by its tree). */
export function perFile<T>(facts: WeakMap<object, T>, context: AnalysisContext, compute: (text: string) => T): T {
  const program = context.sourceCode.ast;
  let fact = facts.get(program);
  if (fact === undefined) {
    fact = compute(context.sourceCode.text);
    facts.set(program, fact);
  }
  return fact;
}
