import { fuzzRules } from '../test/support/fuzz.js';

/** npm run fuzz [-- ITERATIONS [SEED]]: the fuzz test, longer and with any seed. */
const iterations = Number(process.argv[2] ?? 50_000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const started = Date.now();
const outcome = fuzzRules(seed, iterations);
console.log(`seed ${seed}: ${outcome.inputs} inputs, ${outcome.parsed} parsed, ${outcome.findings.length} findings, ${outcome.failures.length} failures, ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const failure of outcome.failures.slice(0, 20)) console.log(failure);
process.exitCode = outcome.failures.length > 0 ? 1 : 0;
