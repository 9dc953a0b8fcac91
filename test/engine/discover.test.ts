import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { discover } from '../../src/discover/discover.js';
import { walkFolder } from '../../src/discover/walk.js';
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

test('the walk skips .git always and the default-excluded folders and files unless asked, and lists configuration files whatever the case of their names', () => {
  const root = tempProject({
    '.git/hooks/pre-commit.js': 'export {};\n',
    'node_modules/left-pad/index.js': 'module.exports = {};\n',
    'dist/app.js': 'export {};\n',
    'src/.hidden/secret.ts': 'export {};\n',
    'src/app.ts': 'export {};\n',
    'src/types.d.ts': 'export {};\n',
    'public/vendor.min.js': 'export {};\n',
    'config/App.Settings.JSON': '{}\n',
    'config/.env.production': 'PORT=3000\n',
    'package-lock.json': '{}\n',
    'README.md': '# app\n',
  });
  const listed = (options: { useDefaultExcludes?: boolean } = {}): { files: string[]; configFiles: string[] } => {
    const found = discover({ root, paths: ['.'], configFiles: true, ...options });
    return { files: found.files.map((file) => file.relative), configFiles: found.configFiles.map((file) => file.relative) };
  };
  assert.deepEqual(listed(), {
    files: ['src/.hidden/secret.ts', 'src/app.ts'],
    configFiles: ['config/.env.production', 'config/App.Settings.JSON'],
  });
  assert.deepEqual(listed({ useDefaultExcludes: false }), {
    files: ['dist/app.js', 'node_modules/left-pad/index.js', 'public/vendor.min.js', 'src/.hidden/secret.ts', 'src/app.ts', 'src/types.d.ts'],
    configFiles: ['config/.env.production', 'config/App.Settings.JSON'],
  });
});

test('a folder the walk cannot list is reported and the walk goes on', () => {
  const root = tempProject({ 'src/app.ts': 'export {};\n', 'notes.txt': 'not a folder\n' });
  const unreadable: string[] = [];
  const filter = { enters: () => true, lists: () => true, unreadable: (folder: string) => void unreadable.push(folder) };
  assert.deepEqual(walkFolder(path.join(root, 'notes.txt'), filter), []);
  assert.deepEqual(unreadable, [path.join(root, 'notes.txt')]);
  assert.deepEqual(walkFolder(root, filter).map((entry) => entry.path).sort(), ['notes.txt', 'src/app.ts']);
});
