/**
 * Nesting beyond which the native parser is not trusted with a file. Real code stays far below
 * it (a few dozen levels); oxc-parser overflows a worker's native stack somewhere above 2,000.
 */
export const MAX_NATIVE_NESTING = 800;
/** Binary operators in one statement: long chains nest one level each (`a + a + a ...`). */
export const MAX_OPERATOR_CHAIN = 5000;

// Character classes as a lookup table: this scan runs over every byte of every file.
const OPEN = 1;
const CLOSE = 2;
const UNARY = 4;
const BINARY = 8;
const STATEMENT_END = 16;
const JSX_CONTEXT = 32;
const CLASS = new Uint8Array(128);
for (const ch of '([{') CLASS[ch.charCodeAt(0)]! |= OPEN;
for (const ch of ')]}') CLASS[ch.charCodeAt(0)]! |= CLOSE;
for (const ch of '!~-+') CLASS[ch.charCodeAt(0)]! |= UNARY;
for (const ch of '+-*/%&|^?:') CLASS[ch.charCodeAt(0)]! |= BINARY; // commas build flat lists
for (const ch of ';{}') CLASS[ch.charCodeAt(0)]! |= STATEMENT_END;
for (const ch of '(>=,?:{};[\n&|') CLASS[ch.charCodeAt(0)]! |= JSX_CONTEXT;

const isLetterOrGt = (unit: number): boolean => (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a) || unit === 0x3e;

/**
 * A cheap linear over-estimate of how deeply a file nests brackets, template substitutions,
 * JSX elements, unary operators and operator chains. Strings and comments are not skipped:
 * counting too much only sends a file to the slower parser.
 */
export function exceedsSafeNesting(text: string): boolean {
  let depth = 0;
  let unaryRun = 0;
  let chain = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const kind = unit < 128 ? CLASS[unit]! : 0;
    if (kind === 0) {
      if (unit !== 0x20) unaryRun = 0;
      continue;
    }
    if (kind & OPEN) {
      if (++depth > MAX_NATIVE_NESTING) return true;
    } else if (kind & CLOSE) {
      if (depth > 0) depth--;
    }
    if (kind & BINARY) {
      if (++chain > MAX_OPERATOR_CHAIN) return true;
    } else if (kind & STATEMENT_END) {
      chain = 0;
    }
    if (kind & UNARY) {
      if (++unaryRun > MAX_NATIVE_NESTING) return true;
    } else {
      unaryRun = 0;
    }
  }
  return jsxTooDeep(text);
}

/** JSX element depth: `<tag` after an operator or `>` opens, `</` closes. Runs only where `<` appears. */
function jsxTooDeep(text: string): boolean {
  let jsx = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x2f) {
      if (jsx > 0) jsx--;
      continue;
    }
    let j = i - 1;
    while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09 || text.charCodeAt(j) === 0x0d)) j--;
    const before = j < 0 ? 0x0a : text.charCodeAt(j);
    if (before < 128 && (CLASS[before]! & JSX_CONTEXT) !== 0 && isLetterOrGt(next) && ++jsx > MAX_NATIVE_NESTING) return true;
  }
  return false;
}
