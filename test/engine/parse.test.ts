import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSource } from '../../src/parse/index.js';
import { exceedsSafeNesting } from '../../src/parse/nesting.js';

test('pathological nesting goes to the recursion-safe parser; real code does not', () => {
  const deep = (n: number): Record<string, string> => ({
    arrays: 'x = ' + '['.repeat(n) + ']'.repeat(n),
    calls: 'f('.repeat(n) + ')'.repeat(n),
    templates: 'x = ' + '`${'.repeat(n) + '1' + '}`'.repeat(n),
    jsx: 'x = ' + '<div>'.repeat(n) + '</div>'.repeat(n),
    unary: 'x = ' + '!'.repeat(n) + 'a',
    chain: 'x = ' + Array.from({ length: n * 8 }, () => 'a').join(' + '),
  });
  for (const [name, code] of Object.entries(deep(5000))) assert.equal(exceedsSafeNesting(code), true, name);
  for (const [name, code] of Object.entries(deep(50))) assert.equal(exceedsSafeNesting(code), false, name);
  const minified = Array.from({ length: 20000 }, (_, i) => `for(i=0;i<n${i};i++){a[i]=b+c*d,e=f?g:h}`).join('');
  assert.equal(exceedsSafeNesting(minified), false, 'long minified code with many operators and comparisons');
});

test('parse outcomes: located syntax errors, TS and JSX by extension, CommonJS as script', () => {
  const error = parseSource('const ok = 1;\nconst = 2;\n', 'a.ts');
  assert.equal(error.ok, false);
  assert.deepEqual(error.ok ? undefined : [error.line, error.column], [2, 7]);
  const jsx = parseSource('export const el = <div className="x">{name}</div>;\n', 'view.js');
  assert.equal(jsx.ok, true);
  const ts = parseSource('const n = <number>value;\n', 'cast.ts');
  assert.equal(ts.ok, true);
  const cjs = parseSource("const fs = require('fs');\nmodule.exports = fs;\n", 'x.cjs');
  assert.ok(cjs.ok && cjs.ast.sourceType === 'script');
  const deep = parseSource('x = ' + '['.repeat(50_000) + ']'.repeat(50_000), 'deep.js');
  assert.deepEqual(deep.ok ? undefined : deep.message, 'nesting too deep to parse');
  const comments = parseSource('// first 😀\n/* second */ let a = 1;\n', 'c.ts');
  assert.ok(comments.ok);
  assert.deepEqual(comments.ast.comments?.map((c) => [c.type, c.range, c.loc.start.line, c.loc.start.column]), [['Line', [0, 11], 1, 0], ['Block', [12, 24], 2, 0]]);
});
