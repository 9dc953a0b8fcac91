/**
 * Nesting beyond which the native parser is not trusted with a file. Real code stays far below
 * it (a few dozen levels); oxc-parser overflows its native stack somewhere above 2,000.
 */
export const MAX_NATIVE_NESTING = 800;
/** Binary operators in one statement: long chains nest one level each (`a + a + a ...`). */
export const MAX_OPERATOR_CHAIN = 5000;
const BINARY = new Set([0x2b, 0x2d, 0x2a, 0x2f, 0x25, 0x26, 0x7c, 0x5e, 0x3f, 0x3a]); // + - * / % & | ^ ? : (commas build flat lists)
const STATEMENT_END = new Set([0x3b, 0x7b, 0x7d]); // ; { }

const OPEN = new Set([0x28, 0x5b, 0x7b]); // ( [ {
const CLOSE = new Set([0x29, 0x5d, 0x7d]);
const UNARY = new Set([0x21, 0x7e, 0x2d, 0x2b]); // ! ~ - +
const JSX_CONTEXT = new Set([0x28, 0x3e, 0x3d, 0x2c, 0x3f, 0x3a, 0x7b, 0x7d, 0x3b, 0x5b, 0x0a, 0x26, 0x7c]); // ( > = , ? : { } ; [ \n & |

/**
 * A cheap linear over-estimate of how deeply a file nests brackets, template substitutions,
 * JSX elements, unary operators and operator chains. Strings and comments are not skipped: counting too much only
 * sends a file to the slower parser.
 */
export function exceedsSafeNesting(text: string): boolean {
  let depth = 0;
  let jsx = 0;
  let unaryRun = 0;
  let chain = 0;
  let previous = 0x0a;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (OPEN.has(unit)) {
      if (++depth > MAX_NATIVE_NESTING) return true;
    } else if (CLOSE.has(unit)) {
      if (depth > 0) depth--;
    } else if (unit === 0x3c) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x2f) {
        if (jsx > 0) jsx--;
      } else if (JSX_CONTEXT.has(previous) && ((next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x3e)) {
        if (++jsx > MAX_NATIVE_NESTING) return true;
      }
    }
    if (BINARY.has(unit)) {
      if (++chain > MAX_OPERATOR_CHAIN) return true;
    } else if (STATEMENT_END.has(unit)) {
      chain = 0;
    }
    if (UNARY.has(unit)) {
      if (++unaryRun > MAX_NATIVE_NESTING) return true;
    } else if (unit !== 0x20) {
      unaryRun = 0;
    }
    if (unit !== 0x20 && unit !== 0x09 && unit !== 0x0d) previous = unit;
  }
  return false;
}
