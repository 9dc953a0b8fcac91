import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/fixtures.js';
import { cli, tempProject } from '../support/temp.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  'working-directory'?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;
const VALIDATOR = path.join(REPO_ROOT, '..', 'shared', 'sarif', 'validate-sarif.mjs');

test('action.yml: a composite action with the documented inputs, a scan step and upload-sarif with the category', () => {
  assert.equal(action.runs.using, 'composite');
  assert.ok(action.name && action.description);
  assert.deepEqual(Object.keys(action.inputs).sort(), ['category', 'changed-since', 'confidence', 'config', 'fail-on', 'paths', 'sarif-file', 'severity', 'upload', 'version'].sort());
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.ok(input.description.length > 10, `input ${name} has a description`);
    assert.equal(typeof input.default, 'string', `input ${name} has a string default`);
  }
  assert.equal(action.inputs.category!.default, 'tsbandit/');
  assert.equal(action.inputs.upload!.default, 'true');
  const steps = action.runs.steps;
  for (const step of steps) assert.ok((step.run !== undefined && step.shell === 'bash') || (step.uses !== undefined && step.run === undefined), `step ${step.name}: run with shell bash, or uses`);
  const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
  assert.equal(setupNode?.if, "steps.node.outputs.needed == 'true'");
  const scanIndex = steps.findIndex((s) => s.id === 'scan');
  const uploadIndex = steps.findIndex((s) => s.uses === 'github/codeql-action/upload-sarif@v3');
  assert.ok(scanIndex >= 0 && uploadIndex > scanIndex);
  const upload = steps[uploadIndex]!;
  assert.equal(upload.if, "inputs.upload == 'true'");
  assert.deepEqual(upload.with, { sarif_file: '${{ inputs.sarif-file }}', category: '${{ inputs.category }}' });
  const fail = steps.at(-1)!;
  assert.equal(fail.if, "steps.scan.outputs.exit-code == '1'");
  // Inputs reach scripts only through env, never as ${{ }} inside a script (script injection).
  for (const step of steps) assert.ok(!/\$\{\{/.test(step.run ?? ''), `step ${step.name} has no expression in its script`);
  assert.equal(action.outputs['sarif-file']!.value, '${{ steps.scan.outputs.sarif-file }}');
});

/** What the runner does with a `run` step: evaluate `${{ inputs.x }}` in env, run the script with bash -eo pipefail. */
function runStep(step: Step, inputs: Record<string, string>, workspace: string): { status: number | null; stdout: string; stderr: string; outputs: Record<string, string> } {
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default ?? '']));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.env ?? {})) {
    env[key] = value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
      assert.ok(name in values, `unknown input ${name}`);
      return values[name]!;
    });
    assert.ok(!env[key]!.includes('${{'), `env ${key} uses only inputs`);
  }
  const script = path.join(workspace, `.step-${step.id}.sh`);
  const outputFile = path.join(workspace, `.step-${step.id}.out`);
  writeFileSync(script, step.run!);
  writeFileSync(outputFile, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? workspace, GITHUB_ACTION_PATH: REPO_ROOT, GITHUB_OUTPUT: outputFile, GITHUB_WORKSPACE: workspace, ...env },
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
}

function workspace(): string {
  const root = tempProject({});
  cpSync(path.join(REPO_ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
  return root;
}

const scanStep = (): Step => action.runs.steps.find((s) => s.id === 'scan')!;

test('the action\'s Node check says no setup is needed on this Node', () => {
  const step = action.runs.steps.find((s) => s.id === 'node')!;
  const run = runStep(step, {}, tempProject({}));
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.outputs, { needed: 'false' });
});

test('the action\'s scan step runs against examples/ with the local build and writes valid SARIF with the category', () => {
  assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'src', 'cli', 'bin.js')), 'the local build exists');
  const root = workspace();
  const run = runStep(scanStep(), { version: 'local', paths: 'examples', 'sarif-file': 'out/tsbandit.sarif', category: 'tsbandit/examples' }, root);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.outputs, { 'exit-code': '0', 'sarif-file': 'out/tsbandit.sarif' });
  const file = path.join(root, 'out', 'tsbandit.sarif');
  const check = spawnSync(process.execPath, [VALIDATOR, '--strict', file], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  const log = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(log.runs[0].automationDetails.id, 'tsbandit/examples');
  // The same findings as the CLI itself reports for examples/.
  const json = JSON.parse(cli(root, 'scan', 'examples', '-f', 'json', '--exit-zero').stdout);
  assert.ok(json.findings.length > 5);
  assert.equal(log.runs[0].results.length, json.findings.length);
});

test('the scan step: several paths, fail-on recorded for the last step, thresholds passed, a bad input fails it', () => {
  const root = workspace();
  const failing = runStep(scanStep(), { version: 'local', paths: 'examples/server\n  examples/web', 'fail-on': 'high', severity: 'high', confidence: 'high' }, root);
  assert.equal(failing.status, 0, failing.stderr);
  assert.equal(failing.outputs['exit-code'], '1');
  const log = JSON.parse(readFileSync(path.join(root, 'tsbandit.sarif'), 'utf8'));
  const expected = JSON.parse(cli(root, 'scan', 'examples/server', 'examples/web', '--severity', 'high', '--confidence', 'high', '-f', 'json', '--exit-zero').stdout);
  assert.ok(expected.findings.length > 0);
  assert.deepEqual(
    log.runs[0].results.map((r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}:${r.ruleId}`),
    expected.findings.map((f: any) => `${f.file}:${f.range.startLine}:${f.ruleId}`),
  );
  assert.ok(log.runs[0].results.every((r: any) => r.level === 'error' && r.properties.confidence === 'high'));

  const bad = runStep(scanStep(), { version: 'local', paths: 'examples', severity: 'urgent' }, root);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--severity must be one of/);
  assert.equal(bad.outputs['exit-code'], '2');
});
