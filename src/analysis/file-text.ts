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
