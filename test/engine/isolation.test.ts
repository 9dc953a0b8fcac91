import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import { DEFAULT_MAX_MEMORY_MB, prelaunchScanWorker } from '../../src/engine/isolated.js';
import { tempProject } from '../support/temp.js';

test('a file over the per-file time limit becomes a notice; the worker is replaced and later files are scanned', () => {
  // Parsing several MB takes far longer than 150 ms; a one-line file takes far less.
  const big = Array.from({ length: 120_000 }, (_, i) => `export const value${i} = compute(${i}, 'item-${i}');`).join('\n');
  const root = tempProject({
    'a-first.js': 'eval(location.hash);\n',
    'm-big.js': big,
    'z-last.js': 'eval(location.search);\n',
  });
  const result = scan({ root, paths: ['.'], rules: RULES, timeoutMs: 150, maxFileSize: 64 * 1024 * 1024 });
  assert.deepEqual(result.notices.map((n) => `${n.file} ${n.kind}`), ['m-big.js resource-limit']);
  assert.match(result.notices[0]!.message, /took longer than 0\.15 s/);
  assert.deepEqual(result.findings.map((f) => `${f.file}:${f.ruleId}`), ['a-first.js:TSB101', 'z-last.js:TSB101']);
  assert.equal(result.stats.filesScanned, 2);
});

test('in-process and isolated scans give identical results', () => {
  const root = tempProject({
    'app.ts': "import { exec } from 'child_process';\nexport const f = (x: string) => { exec('ls ' + x); eval(x); };\n",
    'broken.ts': 'const = 1;\n',
  });
  const isolated = scan({ root, paths: ['.'], rules: RULES });
  const inProcess = scan({ root, paths: ['.'], rules: RULES, timeoutMs: 0 });
  assert.deepEqual(isolated.findings, inProcess.findings);
  assert.deepEqual(isolated.notices, inProcess.notices);
  assert.deepEqual(isolated.stats, inProcess.stats);
});

test('a worker started before the scan is adopted, or replaced when the scan asks for another heap limit, with the same results', () => {
  const root = tempProject({
    'app.ts': "import { exec } from 'child_process';\nexport const f = (x: string) => { exec('ls ' + x); eval(x); };\n",
    'broken.ts': 'const = 1;\n',
  });
  const inProcess = scan({ root, paths: ['.'], rules: RULES, timeoutMs: 0 });
  prelaunchScanWorker();
  const adopted = scan({ root, paths: ['.'], rules: RULES });
  prelaunchScanWorker(DEFAULT_MAX_MEMORY_MB);
  const replaced = scan({ root, paths: ['.'], rules: RULES, maxMemoryMb: 512 });
  for (const result of [adopted, replaced]) {
    assert.deepEqual(result.findings, inProcess.findings);
    assert.deepEqual(result.notices, inProcess.notices);
    assert.deepEqual(result.stats, inProcess.stats);
  }
});
