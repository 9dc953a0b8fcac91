import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { base62Crc32 } from '../../src/analysis/secrets/checksum.js';
import { REPORT_FORMATS } from '../../src/report/index.js';
import type { Finding } from '../../src/findings/model.js';
import { expandFakeSecrets } from '../support/fake-secrets.js';
import { FIXTURES_DIR, listFiles } from '../support/fixtures.js';
import { cli, tempProject } from '../support/temp.js';

/**
 * Redaction is a hard requirement of the secrets family: whatever is detected, no report format
 * (text, JSON, SARIF, HTML) shows more than the first four characters of a secret. This test
 * scans a project full of fake secrets (every known format written as a literal, the family's
 * source and configuration fixtures) and looks for each secret in every output.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}_-`;

function random(seed: string, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    for (const byte of createHash('sha256').update(`redaction:${seed}:${block}`).digest()) if (out.length < length) out += alphabet[byte % alphabet.length];
  }
  return out;
}

const checksummed = (prefix: string, seed: string): string => {
  const part = random(seed, 30);
  return `${prefix}${part}${base62Crc32(part)}`;
};
const pem = (type: string, seed: string): string =>
  [`-----BEGIN ${type}PRIVATE KEY-----`, random(`${seed}1`, 64, B64), random(`${seed}2`, 64, B64), random(`${seed}3`, 40, B64), `-----END ${type}PRIVATE KEY-----`].join('\n');
const jwtPart = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** One fake per format, each stored under a name that does not change what it is (except where the format needs its name). */
const FAKES: readonly { readonly name: string; readonly value: string; readonly rule: string }[] = [
  { name: 'awsKeyId', value: `AKIA${random('aws', 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, rule: 'TSB501' },
  { name: 'secretAccessKey', value: random('aws-secret', 40, B64), rule: 'TSB501' },
  { name: 'githubToken', value: checksummed('ghp_', 'gh'), rule: 'TSB501' },
  { name: 'githubApp', value: checksummed('ghs_', 'ghs'), rule: 'TSB501' },
  { name: 'githubFineGrained', value: `github_pat_${random('fg1', 22)}_${random('fg2', 59)}`, rule: 'TSB501' },
  { name: 'gitlab', value: `glpat-${random('gl', 20, B64URL)}`, rule: 'TSB501' },
  { name: 'slack', value: `xoxb-${random('sl1', 12, HEX.slice(0, 10))}-${random('sl2', 13, HEX.slice(0, 10))}-${random('sl3', 24)}`, rule: 'TSB501' },
  { name: 'slackHook', value: `https://hooks.slack.com/services/T${random('sw1', 8, 'ABCDEFGHJKMNPQRSTVWXYZ0123456789')}/B${random('sw2', 10, 'ABCDEFGHJKMNPQRSTVWXYZ0123456789')}/${random('sw3', 24)}`, rule: 'TSB501' },
  { name: 'stripe', value: `sk_live_${random('st', 32)}`, rule: 'TSB501' },
  { name: 'stripeRestricted', value: `rk_live_${random('rk', 32)}`, rule: 'TSB501' },
  { name: 'stripeWebhook', value: `whsec_${random('wh', 32)}`, rule: 'TSB501' },
  { name: 'google', value: `AIza${random('ai', 35, B64URL)}`, rule: 'TSB501' },
  { name: 'googleOauth', value: `GOCSPX-${random('go', 28, B64URL)}`, rule: 'TSB501' },
  { name: 'azureConnection', value: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${random('az', 86, B64)}==;EndpointSuffix=core.windows.net`, rule: 'TSB501' },
  { name: 'twilioKey', value: `SK${random('tw', 32, HEX)}`, rule: 'TSB501' },
  { name: 'twilioAuthToken', value: random('twa', 32, HEX), rule: 'TSB501' },
  { name: 'sendgrid', value: `SG.${random('sg1', 22, B64URL)}.${random('sg2', 43, B64URL)}`, rule: 'TSB501' },
  { name: 'mailgun', value: `key-${random('mg', 32, HEX)}`, rule: 'TSB501' },
  { name: 'npm', value: checksummed('npm_', 'npm'), rule: 'TSB501' },
  { name: 'pypi', value: `pypi-AgEIcHlwaS5vcmc${random('py', 70, B64URL)}`, rule: 'TSB501' },
  { name: 'openai', value: `sk-proj-${random('oa1', 24)}T3BlbkFJ${random('oa2', 24)}`, rule: 'TSB501' },
  { name: 'anthropic', value: `sk-ant-api03-${random('an', 93, B64URL)}AA`, rule: 'TSB501' },
  { name: 'discord', value: `${Buffer.from('223344556677889900').toString('base64')}.${random('dc1', 6, B64URL)}.${random('dc2', 38, B64URL)}`, rule: 'TSB501' },
  { name: 'discordHook', value: `https://discord.com/api/webhooks/223344556677889900/${random('dw', 68, B64URL)}`, rule: 'TSB501' },
  { name: 'telegram', value: `7012345678:AA${random('tg', 33, B64URL)}`, rule: 'TSB501' },
  { name: 'shopify', value: `shpat_${random('sh', 32, HEX)}`, rule: 'TSB501' },
  { name: 'square', value: `sq0atp-${random('sq', 22, B64URL)}`, rule: 'TSB501' },
  { name: 'heroku', value: `HRKU-${random('hk', 60, B64URL)}`, rule: 'TSB501' },
  { name: 'herokuApiKey', value: [8, 4, 4, 4, 12].map((n, i) => random(`uuid${i}`, n, HEX)).join('-'), rule: 'TSB501' },
  { name: 'digitalocean', value: `dop_v1_${random('do', 64, HEX)}`, rule: 'TSB501' },
  { name: 'datadogApiKey', value: random('dd', 32, HEX), rule: 'TSB501' },
  { name: 'huggingface', value: `hf_${random('hf', 34, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`, rule: 'TSB501' },
  { name: 'databricks', value: `dapi${random('db', 32, HEX)}`, rule: 'TSB501' },
  { name: 'rsaKey', value: pem('RSA ', 'rsa'), rule: 'TSB501' },
  { name: 'ecKey', value: pem('EC ', 'ec'), rule: 'TSB501' },
  { name: 'opensshKey', value: pem('OPENSSH ', 'ssh'), rule: 'TSB501' },
  { name: 'pkcs8Key', value: pem('', 'p8'), rule: 'TSB501' },
  { name: 'sessionJwt', value: `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ sub: '7', scope: 'admin' })}.${random('jwt', 43, B64URL)}`, rule: 'TSB501' },
  { name: 'databaseUrl', value: `postgres://orders:${random('pg', 14)}@orders-db.prod.acme.io:5432/orders`, rule: 'TSB501' },
  { name: 'adminPassword', value: `P@${random('pw', 12)}!`, rule: 'TSB502' },
  { name: 'clientSecret', value: random('cs', 28), rule: 'TSB502' },
];

/** The secret part of each fake: what must never appear after its first four characters. */
function secretOf(fake: (typeof FAKES)[number]): string {
  if (fake.name === 'databaseUrl') return /:([^:@]+)@/.exec(fake.value)![1]!;
  if (fake.name === 'azureConnection') return /AccountKey=([^;]+)/.exec(fake.value)![1]!;
  return fake.value;
}

const MARKER = /\{\{fake:[a-z0-9-]+(?::[A-Za-z0-9_-]+)?\}\}/g;

/** The family's fixture files, expanded, and the fake values their markers stand for. */
function familyFixtures(): { files: Record<string, string>; secrets: string[] } {
  const root = path.join(FIXTURES_DIR, 'secrets');
  const files: Record<string, string> = {};
  const secrets = new Set<string>();
  for (const file of listFiles(root, () => true)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (relative.endsWith('README.md')) continue;
    const text = readFileSync(file, 'utf8');
    for (const marker of text.match(MARKER) ?? []) {
      const value = expandFakeSecrets(marker);
      // Headers and footers of PEM blocks are not secret; their bodies are.
      if (!value.startsWith('-----')) secrets.add(value);
    }
    files[`app/${relative}`] = expandFakeSecrets(text);
  }
  return { files, secrets: [...secrets] };
}

/** Pieces of a secret that must not appear: everything after the first four characters, and its 12-character chunks. */
function forbiddenPieces(secret: string): string[] {
  const lines = secret.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));
  const pieces = lines.length > 1 ? lines : [secret];
  return pieces.flatMap((piece) => {
    const tail = piece.slice(4);
    const chunks: string[] = [tail];
    for (let i = 4; i + 12 <= piece.length; i += 6) chunks.push(piece.slice(i, i + 12));
    return chunks.filter((chunk) => chunk.length >= 8);
  });
}

test('every known format written as a literal is detected by the expected rule', () => {
  const source = FAKES.map((fake, i) => `export const ${fake.name} = ${JSON.stringify(fake.value)}; // ${i}\n`).join('');
  const root = tempProject({ 'src/literals.ts': source });
  const report = JSON.parse(cli(root, 'scan', '-f', 'json', '--exit-zero').stdout) as { findings: Finding[] };
  const byLine = new Map(report.findings.map((f) => [f.range.startLine, f.ruleId]));
  const missing = FAKES.filter((fake, i) => byLine.get(i + 1) !== fake.rule).map((fake, i) => `${fake.name}: ${byLine.get(FAKES.indexOf(fake) + 1) ?? 'nothing'} (line ${i + 1})`);
  assert.deepEqual(missing, []);
});

test('no output format contains a detected secret (source literals, comments, fixtures, configuration files)', () => {
  const fixtures = familyFixtures();
  const literals = FAKES.map((fake) => `export const ${fake.name} = ${JSON.stringify(fake.value)};\n`).join('');
  const inComments = FAKES.filter((fake) => fake.rule === 'TSB501' && !fake.value.includes('\n')).map((fake) => `// ${fake.name}: ${fake.value}\n`).join('');
  const env = FAKES.filter((fake) => !fake.value.includes('\n')).map((fake) => `${fake.name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}=${fake.value}\n`).join('');
  const root = tempProject({
    ...fixtures.files,
    'src/literals.ts': literals,
    'src/comments.ts': `${inComments}export {};\n`,
    '.env': env,
    'config/secrets.json': JSON.stringify(Object.fromEntries(FAKES.map((fake) => [fake.name, fake.value])), null, 2),
    'config/secrets.yaml': FAKES.map((fake) => `${fake.name}: ${JSON.stringify(fake.value)}\n`).join(''),
  });
  const secrets = [...FAKES.map(secretOf), ...fixtures.secrets];
  const json = JSON.parse(cli(root, 'scan', '-f', 'json', '--exit-zero', '--show-suppressed').stdout) as { findings: Finding[] };
  assert.ok(json.findings.filter((f) => f.ruleId.startsWith('TSB5')).length > 150, `too few findings: ${json.findings.length}`);
  for (const format of REPORT_FORMATS) {
    for (const extra of [[], ['--show-suppressed']]) {
      const run = cli(root, 'scan', '-f', format, '--exit-zero', ...extra);
      const output = run.stdout + run.stderr;
      const leaks = secrets.filter((secret) => forbiddenPieces(secret).some((piece) => output.includes(piece)));
      assert.deepEqual(leaks.map((leak) => `${leak.slice(0, 4)}… (${leak.length} chars)`), [], `${format} output shows secrets`);
    }
  }
  // Each finding of the family: neither its message nor its snippet shows the flagged value beyond four characters.
  const texts = new Map(Object.entries({ ...fixtures.files, 'src/literals.ts': literals }));
  for (const finding of json.findings.filter((f) => f.ruleId.startsWith('TSB5'))) {
    const text = texts.get(finding.file);
    if (text === undefined) continue;
    const lines = text.split('\n');
    const offset = (line: number, column: number): number => lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
    const value = text.slice(offset(finding.range.startLine, finding.range.startColumn), offset(finding.range.endLine, finding.range.endColumn));
    // Names in the flagged text (keys of an embedded document) may be shown; values mix letters and digits.
    const pieces = value.split(/['"`+\s,;:@/={}]+/).filter((piece) => piece.length >= 12 && /\d/.test(piece) && /[A-Za-z]/.test(piece));
    for (const piece of pieces) {
      assert.ok(!finding.snippet.includes(piece.slice(4)) && !finding.message.includes(piece.slice(4)), `${finding.file}:${finding.range.startLine} ${finding.ruleId} shows its value`);
    }
  }
});

test('line hashes of secret findings do not depend on the secret (no guess-testing against SARIF fingerprints)', () => {
  // Two projects that differ only in the secrets' values: every finding keeps its line hash.
  const github = (seed: string): string => checksummed('ghp_', seed);
  const source = (seed: string): string =>
    [
      `import { Octokit } from '@octokit/rest';`,
      `const dbPassword = "${random(`${seed}pw`, 18)}";`,
      `export const octokit = new Octokit({ auth: '${github(seed)}' });`,
      `export const connect = () => dbPassword;`,
      '',
    ].join('\n');
  const hashes = (seed: string): string[] => {
    const root = tempProject({ 'src/client.ts': source(seed), '.env': `STRIPE_KEY=sk_live_${random(`${seed}st`, 24)}\n` });
    const log = JSON.parse(cli(root, 'scan', '-f', 'sarif', '--exit-zero').stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[] }[];
    };
    return log.runs[0]!.results.map((r) => {
      const where = r.locations[0]!.physicalLocation;
      return `${r.ruleId}@${where.artifactLocation.uri}:${where.region.startLine} ${r.partialFingerprints['primaryLocationLineHash'] ?? 'none'}`;
    });
  };
  const first = hashes('one');
  assert.ok(first.length >= 3, `expected findings in the source and the .env file: ${first.join(', ')}`);
  assert.deepEqual(hashes('two'), first);
});
