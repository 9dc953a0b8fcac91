import {
  ANY, DIGIT, DOT, EMPTY, MAX_CODE_POINT, SPACE, WORD, caseFold, complement, intersect, normalise, range, single, subtract, union,
  type CharSet,
} from './charset.js';

/**
 * A small parser for JavaScript regular expression syntax (ES2025: alternation, groups with
 * names and modifiers, greedy and lazy quantifiers, classes with ranges, `u`-mode property
 * escapes and `v`-mode set operations, backreferences, lookarounds). It keeps what the ReDoS
 * analysis needs: the character set of each atom (after `i` and `s` flags), the structure, and
 * the quantifier bounds. Invalid patterns give `undefined`, never an exception.
 */
export type RegexNode =
  | { readonly type: 'alt'; readonly alternatives: readonly RegexNode[] }
  | { readonly type: 'seq'; readonly items: readonly RegexNode[] }
  | { readonly type: 'char'; readonly set: CharSet }
  | { readonly type: 'group'; readonly body: RegexNode }
  | { readonly type: 'quant'; readonly body: RegexNode; readonly min: number; readonly max: number; readonly lazy: boolean }
  | { readonly type: 'assert'; readonly kind: 'start' | 'end' | 'word' | 'notWord' }
  | { readonly type: 'look'; readonly body: RegexNode; readonly behind: boolean; readonly negative: boolean }
  | { readonly type: 'backref' };

export interface ParsedRegex {
  readonly root: RegexNode;
  readonly flags: string;
}

interface Mode {
  readonly ignoreCase: boolean;
  readonly dotAll: boolean;
}

class SyntaxFailure extends Error {}

const PROPERTY_APPROXIMATIONS: readonly [RegExp, CharSet][] = [
  [/^(?:White_Space|space)$/, SPACE],
  [/^(?:N|Nd|Number|Decimal_Number|digit)$/, union(DIGIT, range(0x80, MAX_CODE_POINT))],
  [/^(?:L|Lu|Ll|Lt|Lm|Lo|Letter|Alphabetic|Alpha|Uppercase|Lowercase|ID_Start|ID_Continue|Script(?:_Extensions)?=.*|sc=.*|scx=.*)$/, union(range(0x41, 0x5a), range(0x61, 0x7a), range(0x80, MAX_CODE_POINT))],
];

/** What `\p{name}` can match, approximated from above (so overlaps are never missed). */
function propertySet(name: string): CharSet {
  for (const [pattern, set] of PROPERTY_APPROXIMATIONS) if (pattern.test(name)) return set;
  return ANY;
}

class Parser {
  private pos = 0;
  private readonly unicode: boolean;
  private readonly sets: boolean;
  private readonly groupCount: number;
  private readonly hasNamedGroups: boolean;

  constructor(
    private readonly src: string,
    flags: string,
  ) {
    this.unicode = flags.includes('u') || flags.includes('v');
    this.sets = flags.includes('v');
    this.groupCount = countGroups(src);
    this.hasNamedGroups = /\(\?<[^=!]/.test(src);
  }

  parse(mode: Mode): RegexNode {
    const node = this.disjunction(mode);
    if (this.pos < this.src.length) throw new SyntaxFailure(`unexpected ${this.src[this.pos]}`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private eat(text: string): boolean {
    if (this.src.startsWith(text, this.pos)) {
      this.pos += text.length;
      return true;
    }
    return false;
  }

  private disjunction(mode: Mode): RegexNode {
    const alternatives: RegexNode[] = [this.alternative(mode)];
    while (this.eat('|')) alternatives.push(this.alternative(mode));
    return alternatives.length === 1 ? alternatives[0]! : { type: 'alt', alternatives };
  }

  private alternative(mode: Mode): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.term(mode));
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  }

  private term(mode: Mode): RegexNode {
    const c = this.peek();
    if (c === '^') {
      this.pos++;
      return { type: 'assert', kind: 'start' };
    }
    if (c === '$') {
      this.pos++;
      return { type: 'assert', kind: 'end' };
    }
    if (this.eat('\\b')) return { type: 'assert', kind: 'word' };
    if (this.eat('\\B')) return { type: 'assert', kind: 'notWord' };
    for (const [opener, behind, negative] of [['(?=', false, false], ['(?!', false, true], ['(?<=', true, false], ['(?<!', true, true]] as const) {
      if (this.eat(opener)) {
        const body = this.disjunction(mode);
        if (!this.eat(')')) throw new SyntaxFailure('unclosed lookaround');
        const look: RegexNode = { type: 'look', body, behind, negative };
        // Annex B lets lookaheads be quantified without unicode mode; the quantifier changes nothing here.
        if (!behind && !this.unicode) this.quantifier();
        return look;
      }
    }
    const atom = this.atom(mode);
    const bounds = this.quantifier();
    if (bounds === undefined) return atom;
    return { type: 'quant', body: atom, ...bounds };
  }

  private quantifier(): { min: number; max: number; lazy: boolean } | undefined {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const match = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos, this.pos + 40));
      if (match === null) {
        if (this.unicode) throw new SyntaxFailure('lone {');
        return undefined;
      }
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === '' || match[3] === undefined ? Infinity : Number(match[3]);
      if (max < min) throw new SyntaxFailure('numbers out of order');
      this.pos += match[0].length - 1;
    } else return undefined;
    this.pos++;
    const lazy = this.eat('?');
    return { min, max, lazy };
  }

  private atom(mode: Mode): RegexNode {
    const c = this.peek();
    if (c === undefined) throw new SyntaxFailure('unexpected end');
    if (c === '.') {
      this.pos++;
      return { type: 'char', set: mode.dotAll ? ANY : DOT };
    }
    if (c === '(') return this.group(mode);
    if (c === '[') return { type: 'char', set: this.fold(this.sets ? this.classSet() : this.classRanges(), mode) };
    if (c === '\\') return this.atomEscape(mode);
    if (c === '*' || c === '+' || c === '?') throw new SyntaxFailure('nothing to repeat');
    if (c === '{' && (this.unicode || /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos, this.pos + 40)))) throw new SyntaxFailure('nothing to repeat');
    if ((c === ']' || c === '}') && this.unicode) throw new SyntaxFailure('lone bracket');
    return { type: 'char', set: this.fold(single(this.codePoint()), mode) };
  }

  private fold(set: CharSet, mode: Mode): CharSet {
    return mode.ignoreCase ? caseFold(set) : set;
  }

  /** The next literal character, as a code point in unicode mode and a code unit otherwise. */
  private codePoint(): number {
    const cp = this.unicode ? this.src.codePointAt(this.pos)! : this.src.charCodeAt(this.pos);
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private group(mode: Mode): RegexNode {
    this.pos++; // (
    let inner = mode;
    if (this.eat('?')) {
      if (this.eat(':')) {
        // non-capturing
      } else if (this.peek() === '<') {
        const match = /^<([$\w\p{ID_Continue}\u200c\u200d]+)>/u.exec(this.src.slice(this.pos));
        if (match === null) throw new SyntaxFailure('bad group name');
        this.pos += match[0].length;
      } else {
        // (?ims-ims:...) modifiers
        const match = /^([ims]*)(?:-([ims]*))?:/.exec(this.src.slice(this.pos));
        if (match === null) throw new SyntaxFailure('bad group');
        this.pos += match[0].length;
        const on = match[1] ?? '';
        const off = match[2] ?? '';
        inner = {
          ignoreCase: on.includes('i') ? true : off.includes('i') ? false : mode.ignoreCase,
          dotAll: on.includes('s') ? true : off.includes('s') ? false : mode.dotAll,
        };
      }
    }
    const body = this.disjunction(inner);
    if (!this.eat(')')) throw new SyntaxFailure('unclosed group');
    return { type: 'group', body };
  }

  private atomEscape(mode: Mode): RegexNode {
    this.pos++; // backslash
    const c = this.peek();
    if (c === undefined) throw new SyntaxFailure('trailing backslash');
    if (c >= '1' && c <= '9') {
      const digits = /^\d+/.exec(this.src.slice(this.pos))![0];
      if (Number(digits) <= this.groupCount) {
        this.pos += digits.length;
        return { type: 'backref' };
      }
      if (this.unicode) throw new SyntaxFailure('bad backreference');
    }
    if (c === 'k' && (this.unicode || this.hasNamedGroups)) {
      const match = /^k<[^>]+>/.exec(this.src.slice(this.pos));
      if (match === null) throw new SyntaxFailure('bad named reference');
      this.pos += match[0].length;
      return { type: 'backref' };
    }
    return { type: 'char', set: this.fold(this.characterEscape(false), mode) };
  }

  /** After a backslash: a class escape (`\d`, `\p{L}`) or one character. */
  private characterEscape(inClass: boolean): CharSet {
    const c = this.src[this.pos++]!;
    switch (c) {
      case 'd': return DIGIT;
      case 'D': return complement(DIGIT);
      case 'w': return WORD;
      case 'W': return complement(WORD);
      case 's': return SPACE;
      case 'S': return complement(SPACE);
      case 'n': return single(0x0a);
      case 'r': return single(0x0d);
      case 't': return single(0x09);
      case 'v': return single(0x0b);
      case 'f': return single(0x0c);
      case 'b': return inClass ? single(0x08) : single(0x62);
      case '0':
        if (!/[0-9]/.test(this.peek() ?? '')) return single(0);
        break;
      case 'c': {
        const letter = this.peek();
        if (letter !== undefined && /[A-Za-z]/.test(letter)) {
          this.pos++;
          return single(letter.charCodeAt(0) % 32);
        }
        if (this.unicode) throw new SyntaxFailure('bad control escape');
        this.pos--; // `\c` is a literal backslash then c
        return single(0x5c);
      }
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos, this.pos + 2));
        if (hex !== null) {
          this.pos += 2;
          return single(parseInt(hex[0], 16));
        }
        if (this.unicode) throw new SyntaxFailure('bad hex escape');
        return single(0x78);
      }
      case 'u': {
        const braced = this.unicode ? /^\{([0-9a-fA-F]{1,6})\}/.exec(this.src.slice(this.pos, this.pos + 9)) : null;
        if (braced !== null) {
          this.pos += braced[0].length;
          return single(Math.min(parseInt(braced[1]!, 16), MAX_CODE_POINT));
        }
        const hex = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.pos, this.pos + 4));
        if (hex !== null) {
          this.pos += 4;
          return single(parseInt(hex[0], 16));
        }
        if (this.unicode) throw new SyntaxFailure('bad unicode escape');
        return single(0x75);
      }
      case 'p':
      case 'P': {
        if (!this.unicode) return single(c.charCodeAt(0));
        const match = /^\{([^}]+)\}/.exec(this.src.slice(this.pos));
        if (match === null) throw new SyntaxFailure('bad property escape');
        this.pos += match[0].length;
        return c === 'p' ? propertySet(match[1]!) : ANY;
      }
      default:
        break;
    }
    if (c >= '0' && c <= '9' && !this.unicode) {
      // Annex B legacy octal escape
      const octal = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))![0];
      if (/[0-7]/.test(c)) {
        this.pos += octal.length;
        return single(parseInt(c + octal, 8) & 0xff);
      }
      return single(c.charCodeAt(0));
    }
    this.pos--;
    return single(this.codePoint());
  }

  /** `[...]` without the v flag: ranges, escapes, negation. */
  private classRanges(): CharSet {
    this.pos++; // [
    const negated = this.eat('^');
    const parts: CharSet[] = [];
    while (this.peek() !== ']') {
      if (this.pos >= this.src.length) throw new SyntaxFailure('unclosed class');
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const to = this.classAtom();
        if (from.single !== undefined && to.single !== undefined) {
          if (to.single < from.single) throw new SyntaxFailure('range out of order');
          parts.push(range(from.single, to.single));
        } else {
          if (this.unicode) throw new SyntaxFailure('class escape in range');
          parts.push(from.set, to.set, single(0x2d));
        }
      } else {
        parts.push(from.set);
      }
    }
    this.pos++; // ]
    const set = union(...parts);
    return negated ? complement(set) : set;
  }

  private classAtom(): { set: CharSet; single?: number } {
    let set: CharSet;
    if (this.eat('\\')) {
      if (this.peek() === '-') {
        this.pos++;
        set = single(0x2d);
      } else set = this.characterEscape(true);
    } else set = single(this.codePoint());
    const only = set.length === 1 && set[0]![0] === set[0]![1] ? set[0]![0] : undefined;
    return only === undefined ? { set } : { set, single: only };
  }

  /** `[...]` with the v flag: nested classes, `&&` intersection, `--` difference, `\q{...}` strings. */
  private classSet(): CharSet {
    this.pos++; // [
    const negated = this.eat('^');
    let result: CharSet | undefined;
    let operator: '|' | '&&' | '--' = '|';
    while (!this.eat(']')) {
      if (this.pos >= this.src.length) throw new SyntaxFailure('unclosed class');
      if (this.eat('&&')) {
        operator = '&&';
        continue;
      }
      if (this.eat('--')) {
        operator = '--';
        continue;
      }
      let operand: CharSet;
      if (this.peek() === '[') operand = this.classSet();
      else if (this.eat('\\q{')) {
        const end = this.src.indexOf('}', this.pos);
        if (end < 0) throw new SyntaxFailure('unclosed \\q');
        // Strings in a class: approximate by the set of their characters.
        operand = normalise([...this.src.slice(this.pos, end).replace(/\|/g, '')].map((ch) => [ch.codePointAt(0)!, ch.codePointAt(0)!] as const));
        this.pos = end + 1;
      } else {
        const from = this.classAtom();
        operand = from.set;
        if (this.peek() === '-' && this.peek(1) !== '-') {
          this.pos++;
          const to = this.classAtom();
          if (from.single === undefined || to.single === undefined || to.single < from.single) throw new SyntaxFailure('bad range');
          operand = range(from.single, to.single);
        }
      }
      if (result === undefined) result = operand;
      else if (operator === '&&') result = intersect(result, operand);
      else if (operator === '--') result = subtract(result, operand);
      else result = union(result, operand);
    }
    const set = result ?? EMPTY;
    return negated ? complement(set) : set;
  }
}

/** Capturing groups in a pattern, to tell `\2` (a backreference) from an octal escape. */
function countGroups(src: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(' && (src[i + 1] !== '?' || (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!'))) count++;
  }
  return count;
}

/** Parses `pattern` with `flags`; undefined when the pattern is not valid JavaScript regex syntax. */
export function parseRegex(pattern: string, flags = ''): ParsedRegex | undefined {
  if (!/^[dgimsuvy]*$/.test(flags) || (flags.includes('u') && flags.includes('v'))) return undefined;
  try {
    const root = new Parser(pattern, flags).parse({ ignoreCase: flags.includes('i'), dotAll: flags.includes('s') });
    return { root, flags };
  } catch (error) {
    if (error instanceof SyntaxFailure || error instanceof RangeError) return undefined;
    throw error;
  }
}
