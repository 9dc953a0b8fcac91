import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseRedos, REDOS_LIMITS } from '../../src/analysis/regex/redos.js';
import { parseRegex } from '../../src/analysis/regex/parser.js';
import { complement, DIGIT, intersect, overlaps, range, union, WORD } from '../../src/analysis/regex/charset.js';

/** Exponential backtracking: the same text matched in two ways inside one loop. */
const exponential: [string, string?][] = [
  ['(a+)+$'],
  ['^(a+)+$'],
  ['(a*)*b'],
  ['(a|a)*$'],
  ['(a|aa)+$'],
  ['(a|ab|b)*c'],
  ['^(\\w+\\s?)*$'],
  ['^([a-z]+)*$'],
  ['([a-zA-Z0-9]+\\s?)+!'],
  ['(.*a){12}'],
  ['(.*a)+$'],
  ['(x+x+)+y'],
  ['^(\\d+|\\w+)*$'],
  ['^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2,4})+$'],
  ['^(([a-z])+.)+[A-Z]([a-z])+$'],
  ['(\\s*,?\\s*\\w+)*$'],
  ['^(?:[^"\\\\]|\\\\.|"(?:[^"\\\\]|\\\\.)*")*(a|\\s+)*$'],
  ['(?<word>\\w+\\s*)+$'],
  ['^(A+)+$', 'i'],
  ['^(a+)+$', 'i'],
  ['(?=(a+)+b)'],
  ['^([\\p{L}]+\\s?)*$', 'u'],
  ['^([\\w--\\d]+)*$', 'v'],
  ['^(?:a|[a-c])*$'],
  ['^(\\d|\\d\\d)+$'],
  ['^(ab|a|b)+$'],
  ['<([a-z]+)([^<]+)*(?:>(.*)<\\/\\1>|\\s+\\/>)'],
];

/** Polynomial backtracking: overlapping loops one after another, before something that can fail. */
const polynomial: [string, string?][] = [
  ['\\d+\\d+$'],
  ['^\\d+\\.?\\d+$'],
  ['^\\s*(.*?)\\s*$'],
  ['^(\\d+)\\s*(\\w+)$'],
  ['a.*.*b'],
  ['^[ \\t]*\\s+#'],
];

/** Common regexes that backtrack at most linearly per start position. */
const safe: [string, string?][] = [
  ['(a|b)*c'],
  ['^\\s+|\\s+$', 'g'],
  ['^[a-z0-9-]+$'],
  ['^\\d{4}-\\d{2}-\\d{2}$'],
  ['^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$'],
  ['^(\\d{1,3}\\.){3}\\d{1,3}$'],
  ['^#?([a-f\\d]{2})([a-f\\d]{2})([a-f\\d]{2})$', 'i'],
  ['\\s+', 'g'],
  ['^https?:\\/\\/'],
  ['[.*+?^${}()|[\\]\\\\]', 'g'],
  ['^[A-Z][a-z]+(?: [A-Z][a-z]+)*$'],
  ['^(\\w+\\.)+\\w+$'],
  ['^[^@\\s]+@[^@\\s]+$'],
  ['(\\r\\n|\\n|\\r)', 'gm'],
  ['^(?:\\+?1[-. ]?)?\\(?([0-9]{3})\\)?[-. ]?([0-9]{3})[-. ]?([0-9]{4})$'],
  ['"(?:[^"\\\\]|\\\\.)*"'],
  ['\\/\\*[\\s\\S]*?\\*\\/', 'g'],
  ['^(a+)$'],
  ['\\s*.*'],
  ['^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$', 'i'],
  ['^v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-([\\w.-]+))?$'],
  ['(?:^|;\\s*)token=([^;]*)'],
  ['^[\\p{L}\\p{N}_-]+$', 'u'],
  ['[\\p{Script=Greek}--[α-γ]]+', 'v'],
  ['\\b\\w+\\b', 'g'],
  ['^\\/api\\/users\\/(\\d+)$'],
  ['(\\d+)(?=(\\d{3})+(?!\\d))', 'g'],
];

for (const [pattern, flags] of exponential) {
  test(`redos exponential: /${pattern}/${flags ?? ''}`, () => {
    assert.equal(analyseRedos(pattern, flags).verdict, 'exponential');
  });
}

for (const [pattern, flags] of polynomial) {
  test(`redos polynomial: /${pattern}/${flags ?? ''}`, () => {
    assert.equal(analyseRedos(pattern, flags).verdict, 'polynomial');
  });
}

for (const [pattern, flags] of safe) {
  test(`redos safe: /${pattern}/${flags ?? ''}`, () => {
    assert.equal(analyseRedos(pattern, flags).verdict, 'safe');
  });
}

test('ambiguity with nothing after it that can fail is exponential but latent', () => {
  assert.deepEqual(analyseRedos('(a+)+'), { verdict: 'exponential', failingSuffix: false });
  assert.deepEqual(analyseRedos('^(\\w+\\s?)*'), { verdict: 'exponential', failingSuffix: false });
  assert.deepEqual(analyseRedos('(a+)+$'), { verdict: 'exponential', failingSuffix: true });
  assert.deepEqual(analyseRedos('(a+)+b'), { verdict: 'exponential', failingSuffix: true });
});

test('atomic lookahead emulation and optional tails are not reported', () => {
  assert.equal(analyseRedos('(?=((?:\\\\.|[^{(])*))\\1([{(])', 'u').verdict, 'safe');
  assert.equal(analyseRedos('(?:^|\\n)([\\t ].*)(?:([\\n\\t ]*)\\n(?![\\n\\t ]))?', 'g').verdict, 'safe');
});

test('every test pattern is valid JavaScript and parses', () => {
  for (const [pattern, flags] of [...exponential, ...polynomial, ...safe]) {
    assert.doesNotThrow(() => new RegExp(pattern, flags), pattern);
    assert.notEqual(parseRegex(pattern, flags), undefined, pattern);
  }
});

test('invalid patterns and flags are unknown, never an exception', () => {
  for (const [pattern, flags] of [['(a', ''], ['a{2,1}', ''], ['[b-a]', ''], ['\\p{L', 'u'], ['*a', ''], ['a', 'uv'], ['a', 'x'], ['(?<n>a', ''], ['\\u{110000', 'u']] as const) {
    assert.equal(analyseRedos(pattern, flags).verdict, 'unknown', pattern);
  }
});

test('Annex B syntax parses without the u flag', () => {
  for (const pattern of ['a{', ']', '\\c', '\\8', '\\1', 'x{1,a}', '\\k']) assert.notEqual(parseRegex(pattern, ''), undefined, pattern);
});

test('the analysis is bounded: huge patterns are unknown, quickly', () => {
  const started = Date.now();
  assert.equal(analyseRedos('a'.repeat(REDOS_LIMITS.maxPatternLength + 1)).verdict, 'unknown');
  assert.equal(analyseRedos('((((a{10}){10}){10}){10})').verdict, 'unknown');
  const wide = `(${Array.from({ length: 60 }, (_, i) => `[a-z]${i}`).join('|')})*$`;
  assert.notEqual(analyseRedos(wide).verdict, undefined);
  assert.ok(Date.now() - started < 2000, 'analysis took too long');
});

test('classes: ranges, negation, escapes and case folding', () => {
  const set = (pattern: string, flags = '') => {
    const parsed = parseRegex(pattern, flags);
    assert.ok(parsed !== undefined && parsed.root.type === 'char', pattern);
    return parsed.root.set;
  };
  assert.deepEqual(set('[a-c\\d]'), union(range(0x30, 0x39), range(0x61, 0x63)));
  assert.deepEqual(set('[^\\d]'), complement(DIGIT));
  assert.ok(overlaps(set('[A-C]', 'i'), range(0x61, 0x61)));
  assert.ok(!overlaps(set('[A-C]'), range(0x61, 0x61)));
  assert.deepEqual(set('[\\w&&\\d]', 'v'), intersect(WORD, DIGIT));
  assert.ok(!overlaps(set('[\\w--\\d]', 'v'), DIGIT));
  assert.deepEqual(set('\\x41'), range(0x41, 0x41));
  assert.deepEqual(set('\\u{1F600}', 'u'), range(0x1f600, 0x1f600));
});
