import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeData, escapeProperty } from '../../src/report/github.js';
import { cli, tempProject } from '../support/temp.js';

test('workflow-command escaping follows @actions/core: %, CR, LF in data; also : and , in properties', () => {
  assert.equal(escapeData('100% of\r\nrows: a,b'), '100%25 of%0D%0Arows: a,b');
  assert.equal(escapeProperty('src/a,b:c%.ts\n'), 'src/a%2Cb%3Ac%25.ts%0A');
  // `%` first, so an encoded sequence in the input is not decoded by the runner.
  assert.equal(escapeData('%0A'), '%250A');
});

const ROUTES = `import { exec } from 'node:child_process';
import { createHash } from 'node:crypto';
import express from 'express';

const app = express();

app.post('/hooks/:repo', (req, res) => {
  exec(\`git -C /srv/mirrors/\${req.params.repo} fetch --prune\`);
  res.sendStatus(202);
});

export const etag = (body: string): string => createHash('md5').update(body).digest('hex');

export function login(user: string): Promise<Response> {
  return fetch('http://auth.internal/login', { method: 'POST', body: JSON.stringify({ user, password: process.env.PW }) });
}
`;

test('-f github: one annotation per finding, most severe first, with escaped properties, flow and a summary', () => {
  const root = tempProject({ 'src/hooks, v2: routes.ts': ROUTES, 'src/broken.ts': 'export const = 1;\n' });
  const run = cli(root, 'scan', '-f', 'github', 'src');
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  const annotations = lines.filter((line) => line.startsWith('::'));
  const exec = annotations[0]!;
  assert.match(exec, /^::error file=src\/hooks%2C v2%3A routes\.ts,line=8,endLine=8,col=8,endColumn=62,title=TSB103 child-process-exec::/);
  const message = exec.slice(exec.indexOf('::', 2) + 2);
  assert.ok(!/[\r\n]/.test(message));
  const [first, flow, facts] = message.split('%0A');
  assert.match(first!, /^`child_process\.exec` runs a command line built at run time through a shell/);
  assert.match(flow!, /^Data flow: req\.params[^ ]* \(line 8\) -> exec \(line 8\)$/);
  assert.match(facts!, /^Severity high, confidence high, CWE-78\. https:\/\/github\.com\/tsbandit\/tsbandit\/blob\/main\/docs\/rules\/child-process-exec\.md$/);
  const md5 = annotations.find((line) => line.includes('title=TSB401 weak-hash'));
  assert.match(md5!, /^::warning file=src\/hooks%2C v2%3A routes\.ts,line=12,/);
  const http = annotations.find((line) => line.includes('title=TSB410'));
  assert.match(http!, /^::notice file=/);
  // Findings by level: errors, then warnings, then notices; the parse error notice is a warning after them.
  const findings = annotations.slice(0, -1);
  const rank = { error: 0, warning: 1, notice: 2 } as Record<string, number>;
  const order = findings.map((line) => rank[/^::(\w+)/.exec(line)![1]!]!);
  assert.deepEqual(order, [...order].sort((a, b) => a - b));
  assert.deepEqual(new Set(order), new Set([0, 1, 2]));
  assert.match(annotations.at(-1)!, /^::warning file=src\/broken\.ts,line=1,col=\d+,title=tsbandit parse-error::/);
  // The summary counts what the JSON report counts.
  const json = JSON.parse(cli(root, 'scan', '-f', 'json', 'src').stdout);
  assert.equal(findings.length, json.findings.length);
  const bySeverity = ['critical', 'high', 'medium', 'low'].filter((s) => json.summary.bySeverity[s] > 0).map((s) => `${s} ${json.summary.bySeverity[s]}`);
  assert.equal(lines.at(-1), `tsbandit: ${json.findings.length} finding(s) (${bySeverity.join(', ')}), 1 notice(s)`);
});

test('-f github: nothing found prints the summary only; --fail-on still decides the exit code', () => {
  const root = tempProject({ 'src/ok.ts': "import { execFile } from 'node:child_process';\nexecFile('git', ['status']);\n" });
  const run = cli(root, 'scan', '-f', 'github');
  assert.equal(run.code, 0);
  assert.equal(run.stdout, 'tsbandit: 0 finding(s), 0 notice(s)\n');
  const md5 = tempProject({ 'a.ts': "import { createHash } from 'node:crypto';\nexport const h = (s: string) => createHash('md5').update(s).digest('hex');\n" });
  assert.equal(cli(md5, 'scan', '-f', 'github', '--fail-on', 'high').code, 0);
  assert.equal(cli(md5, 'scan', '-f', 'github').code, 1);
});
