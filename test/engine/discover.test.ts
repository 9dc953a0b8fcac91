import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { discover } from '../../src/discover/discover.js';
import { tempProject } from '../support/temp.js';

const tree = {
  'app/src/server.ts': 'export {};\n',
  'app/src/routes/users.js': 'module.exports = {};\n',
  'app/test/server.test.ts': 'export {};\n',
  'lib/util.mjs': 'export {};\n',
};

test('discovered files are named relative to the root whether the root, a folder inside it or a folder outside it is scanned', () => {
  const top = tempProject(tree);
  const root = path.join(top, 'app');
  const listed = (paths: string[], exclude: string[] = []): [string, string][] =>
    discover({ root, paths, exclude }).files.map((file) => [file.relative, file.absolute]);

  assert.deepEqual(listed(['.']), [
    ['src/routes/users.js', path.join(root, 'src/routes/users.js')],
    ['src/server.ts', path.join(root, 'src/server.ts')],
    ['test/server.test.ts', path.join(root, 'test/server.test.ts')],
  ]);
  assert.deepEqual(listed(['src']), [
    ['src/routes/users.js', path.join(root, 'src/routes/users.js')],
    ['src/server.ts', path.join(root, 'src/server.ts')],
  ]);
  assert.deepEqual(listed(['src/routes/']), [['src/routes/users.js', path.join(root, 'src/routes/users.js')]]);
  assert.deepEqual(listed(['../lib']), [['../lib/util.mjs', path.join(top, 'lib/util.mjs')]]);
  // Excludes match root-relative paths for folders inside the root, whichever folder is given.
  assert.deepEqual(listed(['src', 'test'], ['src/routes/**']), [
    ['src/server.ts', path.join(root, 'src/server.ts')],
    ['test/server.test.ts', path.join(root, 'test/server.test.ts')],
  ]);
});

test('a file reached through two scanned paths is listed once', () => {
  const root = tempProject(tree);
  const files = discover({ root, paths: ['app', 'app/src', 'app/src/server.ts'] }).files.map((file) => file.relative);
  assert.deepEqual(files, ['app/src/routes/users.js', 'app/src/server.ts', 'app/test/server.test.ts']);
});
