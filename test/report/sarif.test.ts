import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { lineHashes } from '../../src/report/line-hash.js';
import { cli, tempProject } from '../support/temp.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { expandFakeSecrets } from '../support/fake-secrets.js';

const VALIDATOR = path.join(REPO_ROOT, '..', 'shared', 'sarif', 'validate-sarif.mjs');

const APP = `import { exec } from 'node:child_process';
import { createHash } from 'node:crypto';
import express from 'express';

const app = express();
app.get('/run', (req, res) => {
  exec('git log ' + req.query.ref);
  res.send(createHash('sha1').update(String(req.query.id)).digest('hex'));
});
app.get('/page', (req, res) => {
  document.body.innerHTML = '<p>' + req.query.msg + '</p>';
});
`;

function sarifOf(files: Record<string, string>): { root: string; log: any; file: string } {
  const root = tempProject(files);
  const run = cli(root, 'scan', '-f', 'sarif', '-o', 'out.sarif', '--exit-zero');
  assert.equal(run.code, 0, run.stderr);
  const file = path.join(root, 'out.sarif');
  return { root, log: JSON.parse(readFileSync(file, 'utf8')), file };
}

test('GitHub primaryLocationLineHash: the published test vectors', () => {
  assert.equal(lineHashes('', 1)[1], 'c129715d7a2bc9a3:1');
  assert.equal(lineHashes('x', 1)[1], '638816509450efbf:1');
  assert.deepEqual(lineHashes('foo();\nfoo();\n', 3).slice(1), ['ef2b9010c2be63d7:1', '11570f447ff4dd41:1', 'c129715d7a2bc9a3:1']);
  assert.deepEqual(lineHashes('eval(x);\r\n  eval(x);\n', 2).slice(1), ['81407c9fc473fad7:1', '559c348a2ce0dc79:1']);
  const app = readFileSync(path.join(REPO_ROOT, '..', 'shared', 'sarif', 'examples', 'src', 'app.js'), 'utf8');
  const expected = ['cb892c1f071b84fe:1', '8de68110512f17a0:1', 'd9f2ef29c69b34cc:1', '9ce289654210e861:1'];
  const hashes = lineHashes(app, 17);
  assert.deepEqual([hashes[5], hashes[9], hashes[13], hashes[17]], expected);
  const shifted = lineHashes('\n\n' + app, 19);
  assert.deepEqual([shifted[7], shifted[11], shifted[15], shifted[19]], expected);
});

test('a real scan passes the shared SARIF validator in strict mode', () => {
  const { file } = sarifOf({ 'src/app.ts': APP, 'src/broken.ts': 'const = ;\n', 'src/dir with space/ünïcode.js': "eval(location.hash.slice(1));\n" });
  const result = spawnSync(process.execPath, [VALIDATOR, '--strict', file], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /SARIF OK: 1 runs, \d+ rules, 4 results/);
});

test('SARIF carries rule metadata, relative locations, UTF-16 columns, fingerprints and notices', () => {
  const { log } = sarifOf({ 'src/app.ts': APP, 'src/broken.ts': 'const = ;\n' });
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'tsbandit');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.automationDetails.id, 'tsbandit/');
  const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'TSB103');
  assert.deepEqual(rule.properties.tags, ['security', 'external/cwe/cwe-78', 'code-exec']);
  assert.equal(rule.properties['security-severity'], '8.8');
  assert.match(rule.help.markdown, /## How to fix/);
  const exec = run.results.find((r: { ruleId: string }) => r.ruleId === 'TSB103');
  assert.equal(run.tool.driver.rules[exec.ruleIndex].id, 'TSB103');
  assert.deepEqual(exec.locations[0].physicalLocation.artifactLocation, { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' });
  assert.equal(exec.locations[0].physicalLocation.region.startLine, 7);
  assert.equal(exec.locations[0].physicalLocation.region.startColumn, 8);
  assert.equal(exec.level, 'error');
  assert.equal(exec.properties.confidence, 'high');
  assert.match(exec.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]+:1$/);
  assert.match(exec.partialFingerprints['tsbandit/v1'], /^[0-9a-f]{16}$/);
  const [notice] = run.invocations[0].toolExecutionNotifications;
  assert.equal(notice.descriptor.id, 'parse-error');
  assert.equal(notice.locations[0].physicalLocation.artifactLocation.uri, 'src/broken.ts');
  assert.equal(run.invocations[0].executionSuccessful, true);
});

test('fingerprints survive lines inserted above the findings', () => {
  const before = sarifOf({ 'app.ts': APP }).log.runs[0].results;
  const after = sarifOf({ 'app.ts': '// a new header comment\n\n/* and a block */\n' + APP }).log.runs[0].results;
  assert.equal(before.length, after.length);
  for (let i = 0; i < before.length; i++) {
    assert.equal(after[i].locations[0].physicalLocation.region.startLine, before[i].locations[0].physicalLocation.region.startLine + 3);
    assert.deepEqual(after[i].partialFingerprints, before[i].partialFingerprints);
  }
});

test('a detected secret is never printed in full, in any format', () => {
  const source = expandFakeSecrets("export const config = { accessKeyId: '{{fake:aws-access-key-id}}', region: 'eu-west-1' };\n");
  const secret = /'(AKIA[A-Z2-7]{16})'/.exec(source)![1]!;
  const root = tempProject({ 'config.ts': source });
  for (const format of ['text', 'json', 'sarif']) {
    const run = cli(root, 'scan', '-f', format);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /TSB501/);
    assert.ok(!run.stdout.includes(secret), `${format} output contains the secret`);
    assert.ok(!run.stdout.includes(secret.slice(4)), `${format} output contains the secret's tail`);
  }
});
