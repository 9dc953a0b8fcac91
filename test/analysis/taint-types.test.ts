import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import { EngineSourceCode } from '../../src/engine/source-code.js';
import { walk } from '../../src/engine/walker.js';
import { parseSource } from '../../src/parse/index.js';
import type { Node } from '../../src/rule/types.js';
import { loadProject, nodeAt, typeServicesForFile } from '../../src/types/project.js';
import { getTypeServices, packageOfFile, type TypeServices } from '../../src/types/services.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

/** Type-aware mode (`--project`) on test/fixtures/taint/types: a tsconfig, ambient package types and an annotated file. */
const PROJECT_DIR = path.join(FIXTURES_DIR, 'taint', 'types');
const TSCONFIG = path.join(PROJECT_DIR, 'tsconfig.json');
const SQL = RULES.filter((rule) => rule.id === 'TSB201');

const confidences = (project?: string, timeoutMs = 0): string[] => {
  const result = scan({ root: PROJECT_DIR, paths: ['.'], rules: SQL, timeoutMs, ...(project !== undefined ? { project } : {}) });
  assert.deepEqual(result.notices, []);
  return result.findings.map((f) => `${f.file}:${f.range.startLine} ${f.confidence}`);
};

test('type-aware mode: the checker resolves a pool from a local module and drops number-typed parts', () => {
  // Without types: `db` comes from './db.js', so only the method name matched (one level lower),
  // and `settings.pageSize` / `total` may be anything.
  assert.deepEqual(confidences(), ['reports.ts:7 low', 'reports.ts:10 low', 'reports.ts:13 low', 'reports.ts:20 medium', 'reports.ts:31 medium']);
  // With types: `db` is pg's Pool (resolved: full confidence), the numbers carry no SQL, and the
  // cast `as unknown as number` is not trusted.
  assert.deepEqual(confidences(TSCONFIG), ['reports.ts:7 medium', 'reports.ts:20 high', 'reports.ts:31 high']);
});

test('type-aware mode: the program is built in the scan worker too', () => {
  assert.deepEqual(confidences(TSCONFIG, 30_000), ['reports.ts:7 medium', 'reports.ts:20 high', 'reports.ts:31 high']);
});

test('type-aware mode: a broken tsconfig fails the scan before any file', () => {
  assert.throws(() => scan({ root: PROJECT_DIR, paths: ['.'], rules: SQL, timeoutMs: 0, project: path.join(PROJECT_DIR, 'missing.json') }), /--project: cannot read/);
});

/** Type services of the fixture file, and its nodes by source text. */
function servicesOf(file: string): { types: TypeServices; find: (text: string, type?: string) => Node } {
  const absolute = path.join(PROJECT_DIR, file);
  const text = readFileSync(absolute, 'utf8');
  const parsed = parseSource(text, file);
  assert.ok(parsed.ok);
  const types = typeServicesForFile(loadProject(TSCONFIG), absolute, text);
  assert.ok(types !== undefined);
  const nodes: Node[] = [];
  const enter = new Map<string, ((node: Node) => void)[]>();
  for (const type of ['Identifier', 'MemberExpression', 'CallExpression', 'AwaitExpression', 'TemplateLiteral', 'BinaryExpression']) enter.set(type, [(node) => nodes.push(node)]);
  walk(parsed.ast, { enter, exit: new Map() });
  const find = (snippet: string, type?: string): Node => {
    const node = nodes.find((n) => text.slice(n.range[0], n.range[1]) === snippet && (type === undefined || n.type === type));
    assert.ok(node !== undefined, `no node ${snippet}`);
    return node;
  };
  return { types, find };
}

test('type services answer for ESTree nodes of the oxc parse', () => {
  const { types, find } = servicesOf('reports.ts');
  assert.equal(types.isNumberLike(find('settings.pageSize')), true);
  assert.equal(types.isNumberLike(find('total', 'Identifier')), true);
  assert.equal(types.isNumberLike(find('ownerId', 'Identifier')), false);
  assert.equal(types.isStringLike(find('ownerId', 'Identifier')), true);
  // string | undefined is still string-like; a union with a number is neither.
  assert.equal(types.isStringLike(find('title', 'Identifier')), true);
  assert.equal(types.typeName(find('db', 'Identifier')), 'Pool');
  assert.equal(types.typePackage(find('db', 'Identifier')), 'pg');
  assert.deepEqual(types.receiverType(find('db.query', 'MemberExpression')), { name: 'Pool', package: 'pg' });
  assert.equal(types.typePackage(find('search', 'Identifier')), undefined);
  assert.match(types.typeText(find('settings.pageSize')) ?? '', /^number$/);
  assert.equal(types.isHtmlElement(find('db', 'Identifier')), false);
});

test('getTypeServices finds services attached by the engine, and nothing in a plain parse', () => {
  const parsed = parseSource('const x = 1;', 'plain.ts');
  assert.ok(parsed.ok);
  assert.equal(getTypeServices({ sourceCode: new EngineSourceCode('const x = 1;', parsed.ast) }), undefined);
});

test('nodeAt finds the deepest node spanning exactly a range', () => {
  const project = loadProject(TSCONFIG);
  const file = project.program.getSourceFile(path.join(PROJECT_DIR, 'reports.ts'))!;
  const start = file.text.indexOf('settings.pageSize');
  const node = nodeAt(file, start, start + 'settings.pageSize'.length);
  assert.equal(node?.getText(file), 'settings.pageSize');
  const id = nodeAt(file, start, start + 'settings'.length);
  assert.equal(id?.getText(file), 'settings');
  assert.equal(nodeAt(file, start + 1, start + 3), undefined);
});

test('packageOfFile names the npm package of a declaration file', () => {
  assert.equal(packageOfFile('/app/node_modules/@types/pg/index.d.ts'), 'pg');
  assert.equal(packageOfFile('/app/node_modules/@types/babel__core/index.d.ts'), '@babel/core');
  assert.equal(packageOfFile('/app/node_modules/@prisma/client/index.d.ts'), '@prisma/client');
  assert.equal(packageOfFile('/app/node_modules/.pnpm/knex@3.1.0/node_modules/knex/types/index.d.ts'), 'knex');
  assert.equal(packageOfFile('/app/node_modules/.prisma/client/index.d.ts'), '.prisma/client');
  assert.equal(packageOfFile('/app/src/db.ts'), undefined);
});

test('getTypeServices uses typescript-eslint parser services (ESLint with typed linting)', async () => {
  const { parseAndGenerateServices } = await import('@typescript-eslint/typescript-estree');
  const file = path.join(PROJECT_DIR, 'reports.ts');
  const text = readFileSync(file, 'utf8');
  const { ast, services } = parseAndGenerateServices(text, { filePath: file, project: TSCONFIG, tsconfigRootDir: PROJECT_DIR, range: true, loc: true });
  // What ESLint's SourceCode carries with @typescript-eslint/parser and `parserOptions.project`.
  const sourceCode = Object.assign(new EngineSourceCode(text, ast as never), { parserServices: services });
  const types = getTypeServices({ sourceCode });
  assert.ok(types !== undefined);
  let pool: Node | undefined;
  const enter = new Map<string, ((node: Node) => void)[]>([['Identifier', [(node) => { if (node.type === 'Identifier' && node.name === 'db') pool ??= node; }]]]);
  walk(ast as never, { enter, exit: new Map() });
  assert.ok(pool !== undefined);
  assert.deepEqual([types.typeName(pool), types.typePackage(pool)], ['Pool', 'pg']);
});
