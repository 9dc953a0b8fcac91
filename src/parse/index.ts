import { createRequire } from 'node:module';
import { parseSync } from 'oxc-parser';
import type * as TypescriptEstree from '@typescript-eslint/typescript-estree';
import type { Comment, Program } from '../rule/types.js';
import { LineIndex } from './line-index.js';
import { exceedsSafeNesting } from './nesting.js';

export { LineIndex } from './line-index.js';

/** File extensions tsbandit reads. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export type ParseOutcome =
  | { readonly ok: true; readonly ast: Program }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

type Lang = 'js' | 'jsx' | 'ts' | 'tsx';

/** TypeScript accepts JSX in .js files (React projects rely on it), so JavaScript parses as JSX. */
const languageOf = (filename: string): Lang => (/\.tsx$/.test(filename) ? 'tsx' : /\.[mc]?ts$/.test(filename) ? 'ts' : 'jsx');
const sourceTypeOf = (filename: string): 'module' | 'commonjs' | 'unambiguous' =>
  /\.m[jt]s$/.test(filename) ? 'module' : /\.c[jt]s$/.test(filename) ? 'commonjs' : 'unambiguous';

/**
 * Parses one file to an ESTree (TS-ESTree) `Program` with UTF-16 `range`s and comments. This
 * is the only place that knows the parser.
 *
 * oxc-parser produces the same tree as typescript-estree (checked on the 4,589-file benchmark
 * corpus: identical but for cosmetic fields) about ten times faster. It recurses natively, so a
 * pathologically nested file could overflow the native stack and kill the process: such files
 * (see `exceedsSafeNesting`) go to typescript-estree, whose stack overflow is a catchable error.
 *
 * Nodes carry `range` but not `loc`: the engine computes positions from ranges where it reports
 * (ESLint supplies `loc` itself). Comments carry both.
 */
export function parseSource(text: string, filename: string): ParseOutcome {
  if (exceedsSafeNesting(text)) return parseWithTypescriptEstree(text, filename);
  const result = parseSync(filename, text, { lang: languageOf(filename), sourceType: sourceTypeOf(filename), astType: 'ts', range: true, preserveParens: false });
  const lines = new LineIndex(text);
  const [error] = result.errors;
  if (error !== undefined) {
    const at = lines.position(error.labels[0]?.start ?? 0);
    return { ok: false, message: error.message, line: at.line, column: at.column + 1 };
  }
  const program = result.program as unknown as Program & { comments?: Comment[] };
  // CommonJS is a script for scope analysis (with a function scope around it), as in typescript-estree.
  if ((program.sourceType as string) === 'commonjs') (program as { sourceType: string }).sourceType = 'script';
  program.comments = result.comments.map((comment) => ({
    type: comment.type,
    value: comment.value,
    range: [comment.start, comment.end],
    loc: { start: lines.position(comment.start), end: lines.position(comment.end) },
  })) as Comment[];
  return { ok: true, ast: program };
}

const require = createRequire(import.meta.url);
let typescriptEstree: typeof TypescriptEstree | undefined;

/** typescript-estree: for files too deeply nested for the native parser. Loaded on first use (it loads TypeScript, half a second). */
function parseWithTypescriptEstree(text: string, filename: string): ParseOutcome {
  typescriptEstree ??= require('@typescript-eslint/typescript-estree') as typeof TypescriptEstree;
  const { parse: parseEstree, TSError } = typescriptEstree;
  try {
    const ast = parseEstree(text, { filePath: filename, loc: true, range: true, comment: true, tokens: false, jsDocParsingMode: 'none', suppressDeprecatedPropertyWarnings: true });
    return { ok: true, ast: ast as Program };
  } catch (error) {
    if (error instanceof TSError) {
      return { ok: false, message: error.message.split('\n')[0] ?? 'syntax error', line: error.location.start.line, column: error.location.start.column + 1 };
    }
    if (error instanceof RangeError) {
      // The TypeScript parser recurses per nesting level; pathological nesting exhausts the stack.
      return { ok: false, message: 'nesting too deep to parse', line: 1, column: 1 };
    }
    throw error;
  }
}
