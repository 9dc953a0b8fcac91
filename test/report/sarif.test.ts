import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { lineHashes } from '../../src/report/line-hash.js';
import { cli, tempProject } from '../support/temp.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { expandFakeSecrets } from '../support/fake-secrets.js';
import type * as Sarif from 'sarif';
import { RULES } from '../../rules/index.js';
import type { Finding } from '../../src/findings/model.js';
import { sarifReport } from '../../src/report/sarif.js';
import { applySarifLimits } from '../../src/report/limits.js';

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
  const { file, root } = sarifOf({ 'src/app.ts': APP, 'src/broken.ts': 'const = ;\n', 'src/dir with space/ünïcode.js': "eval(location.hash.slice(1));\n" });
  const result = spawnSync(process.execPath, [VALIDATOR, '--strict', file], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const findings = JSON.parse(cli(root, 'scan', '-f', 'json', '--exit-zero').stdout).findings.length;
  assert.ok(findings >= 4);
  assert.match(result.stdout, new RegExp(`SARIF OK: 1 runs, \\d+ rules, ${findings} results`));
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

// ---- issue 8: data flow, suppressions, GitHub's limits, one alert per finding ----

function validate(file: string, ...flags: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [VALIDATOR, ...flags, file], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout + result.stderr };
}

const EXPORT_ROUTE = `import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import type { Request, Response } from 'express';

const execAsync = promisify(exec);

export async function exportReport(req: Request, res: Response): Promise<void> {
  const name = String(req.query.name);
  const target = \`/tmp/reports/\${name}.tgz\`;
  await execAsync(\`tar -czf \${target} -C /srv/reports .\`);
  res.download(target);
}
`;

test('a taint path becomes codeFlows and relatedLocations linked from the message, as the JSON report has it', () => {
  const { root, log, file } = sarifOf({ 'src/export.ts': EXPORT_ROUTE, 'src/app.ts': APP });
  assert.equal(validate(file, '--strict').status, 0);
  const json = JSON.parse(cli(root, 'scan', '-f', 'json', '--exit-zero').stdout);
  const withFlow = json.findings.filter((f: { flow?: unknown }) => f.flow !== undefined);
  assert.ok(withFlow.length >= 2, 'the fixture has taint flows');
  const results = log.runs[0].results;
  assert.equal(results.length, json.findings.length);
  for (const finding of withFlow) {
    const result = results.find((r: any) => r.ruleId === finding.ruleId && r.locations[0].physicalLocation.region.startLine === finding.range.startLine && r.locations[0].physicalLocation.region.startColumn === finding.range.startColumn);
    assert.ok(result, `no SARIF result for ${finding.ruleId} at line ${finding.range.startLine}`);
    const steps = finding.flow.steps;
    const thread = result.codeFlows[0].threadFlows[0].locations;
    assert.equal(thread.length, steps.length);
    steps.forEach((step: any, i: number) => {
      const { region, artifactLocation } = thread[i].location.physicalLocation;
      assert.deepEqual(region, step.range);
      assert.equal(artifactLocation.uri, step.file);
      assert.equal(thread[i].location.message.text, step.label);
      assert.equal(thread[i].executionOrder, i + 1);
    });
    assert.deepEqual(thread[0].kinds, ['taint', 'source']);
    assert.deepEqual(thread.at(-1).kinds, ['taint', 'sink']);
    for (const step of thread.slice(1, -1)) assert.deepEqual(step.kinds, ['taint']);
    // The sink is the primary location: related locations are the steps before it, ids 1..n.
    assert.deepEqual(steps.at(-1).range, finding.range);
    assert.deepEqual(result.relatedLocations.map((l: any) => l.id), steps.slice(0, -1).map((_: unknown, i: number) => i + 1));
    assert.deepEqual(result.relatedLocations.map((l: any) => l.physicalLocation.region), steps.slice(0, -1).map((s: any) => s.range));
    // The rule's message comes first and stands alone; the flow sentence links every related location.
    assert.ok(result.message.text.startsWith(finding.message + ' '));
    for (const location of result.relatedLocations) assert.ok(result.message.text.includes(`(${location.id})`), result.message.text);
  }
  const tar = results.find((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/export.ts' && r.ruleId === 'TSB103');
  assert.match(tar.message.text, /The value flows from \[req\.query[^\]]*\]\(1\) through \[name\]\(2\), \[target\]\(3\) to execAsync\.$/);
  // Without a flow there are no links, related locations or code flows.
  const plain = results.find((r: any) => r.codeFlows === undefined);
  assert.ok(plain === undefined || (plain.relatedLocations === undefined && !/\]\(\d+\)/.test(plain.message.text)));
});

test('link text in flow messages escapes square brackets (SARIF embedded links)', () => {
  const rule = RULES.find((r) => r.id === 'TSB201')!;
  const range = (line: number, start: number, end: number) => ({ startLine: line, startColumn: start, endLine: line, endColumn: end });
  const finding: Finding = {
    ruleId: rule.id,
    ruleName: rule.name,
    severity: rule.severity,
    confidence: 'high',
    cwe: rule.cwe,
    messageId: 'query',
    message: 'The SQL text of this query is built from data.',
    file: 'src/db.ts',
    range: range(9, 3, 30),
    snippet: '  db.query(sql);',
    fingerprint: '0123456789abcdef',
    lineHash: 'abc:1',
    flow: { steps: [{ file: 'src/db.ts', range: range(4, 14, 32), label: "req.params['id']" }, { file: 'src/db.ts', range: range(9, 3, 30), label: 'db.query' }] },
  };
  const log = JSON.parse(
    sarifReport({ findings: [finding], notices: [], rules: [rule], stats: { filesFound: 1, filesScanned: 1, lines: 9, bytes: 100 }, thresholds: { severity: 'low', confidence: 'low' }, belowThresholds: 0, suppressed: 0 }),
  );
  const [result] = log.runs[0].results;
  assert.equal(result.message.text, "The SQL text of this query is built from data. The value flows from [req.params\\['id'\\]](1) to db.query.");
  assert.equal(result.relatedLocations[0].message.text, "req.params['id']");
});

const SUPPRESSED = `import { exec } from 'node:child_process';
import { createHash } from 'node:crypto';

export function archive(cmd: string, body: string): string {
  exec(cmd); // tsbandit-ignore TSB103 -- cmd is one of three fixed strings
  exec('tar ' + cmd);
  return createHash('md5').update(body).digest('hex');
}
`;

test('suppressed findings: left out of SARIF by default, written with suppressions[] under --include-suppressed', () => {
  const root = tempProject({ 'src/archive.ts': SUPPRESSED });
  // Record the md5 finding in a baseline, then add a second file.
  assert.equal(cli(root, 'scan', '--write-baseline', 'baseline.json', '--exit-zero', '--no-config', 'src').code, 0);
  const baseline = JSON.parse(readFileSync(path.join(root, 'baseline.json'), 'utf8'));
  baseline.findings = baseline.findings.filter((f: { ruleId: string }) => f.ruleId === 'TSB401');
  writeFileSync(path.join(root, 'baseline.json'), JSON.stringify(baseline));

  const plain = cli(root, 'scan', 'src', '-b', 'baseline.json', '-f', 'sarif', '-o', 'plain.sarif', '--exit-zero');
  assert.equal(plain.code, 0, plain.stderr);
  const plainLog = JSON.parse(readFileSync(path.join(root, 'plain.sarif'), 'utf8'));
  assert.deepEqual(plainLog.runs[0].results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.region.startLine]), [['TSB103', 6]]);
  assert.ok(plainLog.runs[0].results.every((r: any) => r.suppressions === undefined));
  assert.equal(validate(path.join(root, 'plain.sarif'), '--strict').status, 0);

  const all = cli(root, 'scan', 'src', '-b', 'baseline.json', '-f', 'sarif', '-o', 'all.sarif', '--include-suppressed', '--exit-zero');
  assert.equal(all.code, 0, all.stderr);
  const file = path.join(root, 'all.sarif');
  const results = JSON.parse(readFileSync(file, 'utf8')).runs[0].results;
  const at = (line: number) => results.find((r: any) => r.locations[0].physicalLocation.region.startLine === line);
  assert.equal(results.length, 3);
  assert.deepEqual(at(5).suppressions, [
    { kind: 'inSource', status: 'accepted', justification: 'cmd is one of three fixed strings', location: { physicalLocation: { artifactLocation: { uri: 'src/archive.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 5 } } } },
  ]);
  assert.equal(at(6).suppressions, undefined);
  assert.equal(at(7).ruleId, 'TSB401');
  assert.deepEqual(at(7).suppressions, [{ kind: 'external', status: 'accepted', justification: 'Recorded in the baseline file.' }]);
  // Valid SARIF for other consumers; the GitHub check only warns that GitHub ignores suppressions.
  assert.equal(validate(file, '--schema-only', '--strict').status, 0);
  const full = validate(file);
  assert.equal(full.status, 0, full.stdout);
  assert.deepEqual([...full.stdout.matchAll(/\[([a-z-]+\/[a-z-]+)\]/g)].map((m) => m[1]), ['github/suppressions']);
});

test('two findings of one rule on one line stay two alerts: the second line hash gets a suffix', () => {
  const source = "import { exec } from 'node:child_process';\nexport function both(a: string, b: string) { exec('ls ' + a); exec('cat ' + b); }\n";
  const { log, file } = sarifOf({ 'src/both.ts': source });
  const results = log.runs[0].results.filter((r: any) => r.ruleId === 'TSB103');
  assert.equal(results.length, 2);
  const github = lineHashes(source, 2)[2];
  assert.deepEqual(results.map((r: any) => r.partialFingerprints.primaryLocationLineHash), [github, `${github}:2`]);
  assert.notEqual(results[0].partialFingerprints['tsbandit/v1'], results[1].partialFingerprints['tsbandit/v1']);
  const check = validate(file, '--strict');
  assert.equal(check.status, 0, check.stdout);
});

test('applySarifLimits: cuts by severity, then confidence, then order; keeps the order; shortens flows and related locations', () => {
  const result = (id: string, severity: string, confidence: string, extra: Record<string, unknown> = {}): Sarif.Result =>
    ({ ruleId: id, message: { text: id }, properties: { severity, confidence }, ...extra }) as Sarif.Result;
  const input = [result('a', 'medium', 'high'), result('b', 'high', 'low'), result('c', 'low', 'high'), result('d', 'high', 'high'), result('e', 'medium', 'high'), result('f', 'critical', 'low')];
  const cut = applySarifLimits(input, { results: 4, threadFlowLocations: 1000, relatedLocations: 100 });
  assert.deepEqual(cut.results.map((r) => r.ruleId), ['a', 'b', 'd', 'f']);
  assert.equal(cut.messages.length, 1);
  assert.match(cut.messages[0]!, /at most 4 results per run: 2 of 6 results were left out, lowest severity and confidence first \(the lowest kept is medium\/high\)/);
  assert.deepEqual(applySarifLimits(input).messages, []);
  // SARIF from elsewhere: the level stands in for the severity.
  const levels = applySarifLimits([{ ruleId: 'n', level: 'note', message: { text: 'n' } }, { ruleId: 'e', level: 'error', message: { text: 'e' } }], { results: 1, threadFlowLocations: 10, relatedLocations: 10 });
  assert.deepEqual(levels.results.map((r) => r.ruleId), ['e']);

  const loc = (n: number) => ({ location: { message: { text: `step ${n}` } } });
  const related = [1, 2, 3, 4].map((id) => ({ id, message: { text: `r${id}` } }));
  const long = result('g', 'high', 'high', {
    message: { text: 'Bad. The value flows from [r\\[1\\]](1) through [r2](2), [r3](3) to sink [x](4).' },
    relatedLocations: related,
    codeFlows: [{ threadFlows: [{ locations: [1, 2, 3, 4, 5, 6].map(loc) }] }],
  });
  const short = applySarifLimits([long], { results: 10, threadFlowLocations: 3, relatedLocations: 2 });
  const [kept] = short.results;
  assert.deepEqual(kept!.codeFlows![0]!.threadFlows[0]!.locations.map((l) => l.location!.message!.text), ['step 1', 'step 5', 'step 6']);
  assert.deepEqual(kept!.relatedLocations!.map((l) => l.id), [1, 2]);
  assert.equal(kept!.message.text, 'Bad. The value flows from [r\\[1\\]](1) through [r2](2), r3 to sink x.');
  assert.equal(short.messages.length, 2);
  assert.equal(long.relatedLocations!.length, 4, 'the input is not modified');
});

/** 5,400 findings in six files: 3,000 high-severity `eval`, 2,400 medium-severity md5 hashes. */
function bigProject(): string {
  const files: Record<string, string> = {};
  for (let f = 0; f < 6; f++) {
    const lines = ["import { createHash } from 'node:crypto';", ''];
    for (let i = 0; i < 900; i++) {
      lines.push(f < 3 || (f === 3 && i < 300) ? `export const v${i} = (code: string) => eval(code + ${i});` : `export const h${i} = (s: string) => createHash('md5').update(s + ${i}).digest('hex');`);
    }
    files[`src/part${f}.ts`] = lines.join('\n') + '\n';
  }
  return tempProject(files);
}

test('over GitHub\'s 5,000 results: the scan and merge of its shards cut the least severe, with a notice, and agree byte for byte', () => {
  const root = bigProject();
  const full = cli(root, 'scan', 'src', '-f', 'sarif', '-o', 'full.sarif', '--exit-zero', '--no-config');
  assert.equal(full.code, 0, full.stderr);
  assert.match(full.stderr, /warning: GitHub code scanning keeps at most 5000 results per run: 400 of 5400 results were left out/);
  const log = JSON.parse(readFileSync(path.join(root, 'full.sarif'), 'utf8'));
  const run = log.runs[0];
  assert.equal(run.results.length, 5000);
  assert.equal(run.results.filter((r: any) => r.ruleId === 'TSB101').length, 3000, 'every high-severity finding is kept');
  const notice = run.invocations[0].toolExecutionNotifications.find((n: any) => n.descriptor.id === 'github-limit');
  assert.match(notice.message.text, /lowest kept is medium\/high/);
  assert.equal(validate(path.join(root, 'full.sarif'), '--strict').status, 0);

  for (const k of [1, 2]) assert.equal(cli(root, 'scan', 'src', '--shard', `${k}/2`, '-f', 'sarif', '-o', `shard-${k}.sarif`, '--exit-zero', '--no-config').code, 0);
  const shardSizes = [1, 2].map((k) => JSON.parse(readFileSync(path.join(root, `shard-${k}.sarif`), 'utf8')).runs[0].results.length);
  assert.ok(shardSizes.every((n) => n < 5000), `each shard is under the limit (${shardSizes})`);
  const merged = cli(root, 'merge', 'shard-1.sarif', 'shard-2.sarif', '-o', 'merged.sarif');
  assert.equal(merged.code, 0, merged.stderr);
  assert.match(merged.stderr, /warning: GitHub code scanning keeps at most 5000 results per run: 400 of 5400/);
  assert.equal(readFileSync(path.join(root, 'merged.sarif'), 'utf8'), readFileSync(path.join(root, 'full.sarif'), 'utf8'));
});
