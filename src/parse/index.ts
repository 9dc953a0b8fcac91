import { parse as parseEstree, TSError } from '@typescript-eslint/typescript-estree';
import type { Program } from '../rule/types.js';

/** File extensions tsbandit reads, and whether TypeScript parses JSX in them. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export type ParseOutcome =
  | { readonly ok: true; readonly ast: Program }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

/**
 * Parses one file to an ESTree `Program` with ranges, locations and comments.
 *
 * This is the only place that knows the parser: a faster one producing the same tree can
 * replace typescript-estree here without touching rules. The file name's extension picks
 * the dialect (TypeScript handles JSX for .tsx/.jsx/.js itself), so no `jsx` flag is passed.
 * `line` is 1-based and `column` 1-based (UTF-16 units) in a failed outcome.
 */
export function parseSource(text: string, filename: string): ParseOutcome {
  try {
    const ast = parseEstree(text, {
      filePath: filename,
      loc: true,
      range: true,
      comment: true,
      tokens: false,
      jsDocParsingMode: 'none',
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ok: true, ast: ast as Program };
  } catch (error) {
    if (error instanceof TSError) {
      return {
        ok: false,
        message: error.message.split('\n')[0] ?? 'syntax error',
        line: error.location.start.line,
        column: error.location.start.column + 1,
      };
    }
    if (error instanceof RangeError) {
      // The TypeScript parser recurses per nesting level; pathological nesting exhausts the stack.
      return { ok: false, message: 'nesting too deep to parse', line: 1, column: 1 };
    }
    throw error;
  }
}
