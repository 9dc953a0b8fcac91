import { defineRule } from '../../src/rule/index.js';
import { argumentAt, resolveCalleeAmong } from '../../src/analysis/index.js';
import { optionIsOn } from '../../src/analysis/exec/command.js';
import { dynamicTextEvidence } from '../../src/analysis/exec/evidence.js';

/** worker_threads' Worker: with `{ eval: true }` its first argument is JavaScript source, not a file. */
const WORKER = new Set(['worker_threads.Worker']);

export default defineRule({
  id: 'TSB112',
  name: 'worker-eval',
  title: 'worker_threads Worker started with eval: true on source built at run time',
  cwe: [94, 95],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    dynamicWorkerSource: '`new Worker(code, { eval: true })` runs source built at run time in a thread with full Node.js access; start the worker from a constant file and send it data with postMessage or workerData.',
  },
  docs: {
    why: "With `eval: true`, `new Worker(code)` treats its first argument as JavaScript source. A worker thread is not a sandbox: it has `require`, the file system and `child_process`. Source assembled from user input lets the user run any code in the server process.",
    fix: 'Start workers from a constant module (`new Worker(new URL(\'./resize.js\', import.meta.url))`) and pass values through `workerData` or `postMessage`.',
    examples: {
      flagged: `import { Worker } from 'node:worker_threads';\nexport function runJob(transform: string) {\n  return new Worker(\`const { parentPort } = require('worker_threads'); parentPort.postMessage(\${transform});\`, { eval: true });\n}`,
      safe: `import { Worker } from 'node:worker_threads';\nexport function runJob(transform: string) {\n  return new Worker(new URL('./transform-worker.js', import.meta.url), { workerData: { transform } });\n}`,
    },
    references: ['https://nodejs.org/api/worker_threads.html#new-workerfilename-options'],
  },
  create(context) {
    return {
      NewExpression(node) {
        if (resolveCalleeAmong(context, node, WORKER) === undefined) return;
        if (!optionIsOn(context, argumentAt(node, 1), 'eval')) return;
        const evidence = dynamicTextEvidence(context, [argumentAt(node, 0)]);
        if (evidence === undefined) return;
        context.report({ node, messageId: 'dynamicWorkerSource', confidence: evidence.confidence, flow: evidence.flow });
      },
    };
  },
});
