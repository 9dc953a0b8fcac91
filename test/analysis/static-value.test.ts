import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getStaticValue, isConstantString, isNumericOrBoolean } from '../../src/analysis/index.js';
import { lastCallArgument } from '../support/analysis-harness.js';

const valueCases: [string, unknown][] = [
  [`use('a')`, 'a'],
  [`use(\`a\${'b'}c\`)`, 'abc'],
  [`const LIMIT = 5; use("SELECT 1 FROM t WHERE a=" + LIMIT)`, 'SELECT 1 FROM t WHERE a=5'],
  [`const A = 'x'; const B = A + 'y'; use(B)`, 'xy'],
  [`let once = 'v'; use(once)`, 'v'],
  [`const T = { users: 'app_users' } as const; use(T.users)`, 'app_users'],
  [`const COLS = ['id', 'name']; use(COLS.join(', '))`, 'id, name'],
  [`use('a'.concat('b', 'c'))`, 'abc'],
  [`use(String.raw\`C:\\dir\`)`, 'C:\\dir'],
  [`const D = Object.freeze({ dir: 'asc' }); use(D.dir.toUpperCase())`, 'ASC'],
  [`use(2 * 21)`, 42],
  [`use(undefined)`, undefined],
  [`use(true ? 'yes' : 'no')`, 'yes'],
];

for (const [code, expected] of valueCases) {
  test(`getStaticValue: ${code}`, () => {
    const { context, node } = lastCallArgument(code);
    assert.deepEqual(getStaticValue(context, node), { value: expected });
  });
}

const notConstant = [
  `use(req.query.id)`,
  `let v = 'a'; v = input; use(v)`,
  `function f(p: string) { use(p) }`,
  `use('a' + input)`,
  `const o = { a: 'x', ...rest }; use(o.a)`,
  `const { a } = config; use(a)`,
  `const undefined = 'shadowed'; use(undefined + x)`,
];
for (const code of notConstant) {
  test(`getStaticValue is undefined: ${code}`, () => {
    const { context, node } = lastCallArgument(code);
    assert.equal(getStaticValue(context, node), undefined);
  });
}

test('isConstantString accepts a choice between constants, rejects input', () => {
  const choice = lastCallArgument(`function f(asc: boolean) { const dir = asc ? 'ASC' : 'DESC'; use('ORDER BY name ' + dir) }`);
  assert.equal(isConstantString(choice.context, choice.node), true);
  const input = lastCallArgument(`function f(asc: string) { const dir = asc || 'ASC'; use('ORDER BY name ' + dir) }`);
  assert.equal(isConstantString(input.context, input.node), false);
  const allowList = lastCallArgument(`const COLUMNS = { name: 'u.name', created: 'u.created_at' }; function f(key: string) { const column = COLUMNS[key] ?? 'u.id'; use('ORDER BY ' + column) }`);
  assert.equal(isConstantString(allowList.context, allowList.node), true);
  const openMap = lastCallArgument(`const COLUMNS = { name: 'u.name', ...extra }; function f(key: string) { use('ORDER BY ' + COLUMNS[key]) }`);
  assert.equal(isConstantString(openMap.context, openMap.node), false);
});

test('isNumericOrBoolean: coercions and arithmetic cannot carry text', () => {
  for (const code of [`use(Number(req.query.id))`, `use(parseInt(p, 10))`, `const n = +p; use(n)`, `use(items.length)`, `use(a === b)`, `use(Math.floor(x))`]) {
    const { context, node } = lastCallArgument(code);
    assert.equal(isNumericOrBoolean(context, node), true, code);
  }
  for (const code of [`use(req.query.id)`, `use(a + b)`, `function parseInt(x: string) { return x } use(parseInt(p))`]) {
    const { context, node } = lastCallArgument(code);
    assert.equal(isNumericOrBoolean(context, node), false, code);
  }
});
