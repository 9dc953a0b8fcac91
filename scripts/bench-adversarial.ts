import { performance } from 'node:perf_hooks';
import { RULES } from '../rules/index.js';
import { scanConfigText } from '../src/config-files/index.js';
import { findKnownSecrets } from '../src/analysis/secrets/formats.js';
import { activateRules } from '../src/engine/activate.js';
import { scanSource } from '../src/engine/scan-source.js';

/**
 * The adversarial-input part of `npm run bench` (issue #11): every regular expression tsbandit
 * runs on file content must take linear time. Backtracking engines (V8's included) go
 * quadratic or worse when a pattern retries an unbounded run from many start positions, and a
 * scanned file is attacker-controlled, so each entry point that runs content regexes is timed on
 * adversarial strings of 256 KB and 1 MB: the prefixes of every known secret format (and of
 * the SQL, URL and connection-string shapes) repeated, or followed by a long run of token
 * characters. The growth from 256 KB to 1 MB tells linear (about 4x) from quadratic (16x).
 * Measured here, never asserted in tests: wall times depend on the machine.
 */

/** Literal openings of the shapes the detectors look for; each repeated or padded makes a worst case. */
const SEEDS: readonly string[] = [
  'AKIA', 'ghp_', 'github_pat_', 'glpat-', 'xoxb-1234567890-', 'xapp-1-', 'https://hooks.slack.com/services/T', 'sk_live_', 'whsec_', 'AIza',
  'GOCSPX-', 'AccountKey=', 'SharedAccessKey=', '?sv=2020-01-01&', 'SK0123456789', 'SG.', 'key-', 'npm_', 'pypi-AgEIcHlwaS5vcmc', 'sk-',
  'sk-proj-', 'sk-ant-api01-', 'MTk4NjIyNDgzNDcxOTI1MjQ4', 'https://discord.com/api/webhooks/123456789012345678/', '123456789:AA', 'shpat_',
  'sq0atp-', 'HRKU-', 'dop_v1_', 'hf_', 'lin_api_', 'PMAK-', 'hvs.', 'glsa_', 'glc_', 'NRAK-', 'sbp_', 'sk.eyJ', 'dapi', 'pul-', 'dp.pt.',
  'sntrys_', 'AGE-SECRET-KEY-1', 'ATATT3', '-----BEGIN RSA PRIVATE KEY-----\n', '-----BEGIN PRIVATE KEY-----', 'eyJ', 'eyJhbGciOiJIUzI1NiJ9.eyJ',
  'postgres://', 'postgres://u:', 'a://b:', 'mongodb+srv://user:p', 'Server=db;Password=', 'Password=', 'password = ', 'pwd=',
  'SELECT * FROM t WHERE a = ', "' OR '", 'https://', 'http://x/', 'data:text/html,', 'javascript:', '<script>', '%3D', '=', ' ', '\\n', '-', '.', ':',
];

/** Ways to turn a seed into a long string: the seed repeated, or followed by a long run it may consume. */
const SHAPES: readonly { readonly name: string; readonly make: (seed: string, size: number) => string }[] = [
  { name: 'repeated', make: (seed, size) => seed.repeat(Math.ceil(size / seed.length)).slice(0, size) },
  { name: 'then-token-run', make: (seed, size) => seed + 'aZ09'.repeat(Math.ceil(size / 4)).slice(0, size - seed.length) },
  { name: 'token-run-then-seed', make: (seed, size) => 'Ab1_'.repeat(Math.ceil(size / 4)).slice(0, size - seed.length) + seed },
  { name: 'seed-run-pairs', make: (seed, size) => (seed + 'x1Y2z3').repeat(Math.ceil(size / (seed.length + 6))).slice(0, size) },
];

/** The entry points that run content regexes, each on one adversarial string. */
interface Target {
  readonly name: string;
  readonly run: (text: string) => void;
}

function targets(): Target[] {
  const active = activateRules(RULES);
  // JSON.stringify escapes quotes, backslashes and line breaks, so the string stays one literal.
  const literal = (text: string): string => `const value = ${JSON.stringify(text)};\nexport default value;\n`;
  return [
    { name: 'known-format secret detectors', run: (text) => void findKnownSecrets(text, 'secretAccessKey') },
    { name: 'scan of a string literal (all rules)', run: (text) => void scanSource('adversarial.ts', literal(text), active) },
    { name: 'scan of a comment (all rules)', run: (text) => void scanSource('adversarial.js', `/* ${text.replace(/\*\//g, '* /')} */\nexport {};\n`, active) },
    { name: '.env value (config-file rules)', run: (text) => void scanConfigText('.env', `API_TOKEN=${text.replace(/[\r\n]/g, ' ')}\n`, RULES) },
    { name: 'YAML value (config-file rules)', run: (text) => void scanConfigText('config.yaml', `secret: ${JSON.stringify(text)}\n`, RULES) },
  ];
}

export interface AdversarialRow {
  readonly target: string;
  /** The slowest input at 1 MB (seed and shape). */
  readonly worstInput: string;
  readonly worstMsAt1MB: number;
  /** Time at 1 MB over time at 256 KB for that input: ~4 is linear, ~16 quadratic. */
  readonly growth: number;
  readonly linear: boolean;
  readonly inputs: number;
}

const SMALL = 256 * 1024;
const LARGE = 1024 * 1024;
/** Below this a 1 MB run is too fast for its growth ratio to mean anything. */
const NOISE_MS = 20;
/** Growth above this (from a 4x larger input) is not linear: quadratic gives ~16. */
const LINEAR_GROWTH = 7;

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Times every target on every seed x shape at 256 KB, then the slowest inputs again at 1 MB. */
export function runAdversarialBench(log: (line: string) => void = () => undefined): AdversarialRow[] {
  const rows: AdversarialRow[] = [];
  for (const target of targets()) {
    const small: { input: string; ms: number; seed: string; shape: (typeof SHAPES)[number] }[] = [];
    for (const seed of SEEDS) {
      for (const shape of SHAPES) {
        const text = shape.make(seed, SMALL);
        const ms = timed(() => target.run(text));
        small.push({ input: `${JSON.stringify(seed)} ${shape.name}`, ms, seed, shape });
      }
    }
    // The 1 MB runs are for the slowest small inputs only: a quadratic one takes 16x as long.
    small.sort((a, b) => b.ms - a.ms);
    let worst = { input: '', ms: 0, growth: 1 };
    for (const candidate of small.slice(0, 5)) {
      const text = candidate.shape.make(candidate.seed, LARGE);
      const ms = timed(() => target.run(text));
      if (ms > worst.ms) worst = { input: candidate.input, ms, growth: ms / Math.max(candidate.ms, 0.01) };
    }
    const linear = worst.ms < NOISE_MS || worst.growth <= LINEAR_GROWTH;
    rows.push({ target: target.name, worstInput: worst.input, worstMsAt1MB: worst.ms, growth: worst.growth, linear, inputs: small.length });
    log(`  ${target.name}: worst ${worst.ms.toFixed(0)} ms at 1 MB (${worst.input}), growth ${worst.growth.toFixed(1)}x from 256 KB: ${linear ? 'linear' : 'NOT LINEAR'}`);
  }
  return rows;
}
