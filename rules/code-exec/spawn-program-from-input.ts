import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, resolveCalleeAmong } from '../../src/analysis/index.js';

/** Launchers whose first argument names the program (or, for fork and execaNode, the module) to run. */
const LAUNCHERS = new Set([
  'child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'child_process.fork',
  'cross-spawn', 'cross-spawn.spawn', 'cross-spawn.sync',
  'execa', 'execa.execa', 'execa.execaSync', 'execa.sync', 'execa.execaNode', 'execa.node',
]);
/** Sources a command-line tool's own user controls: a CLI running the program it is told to run is doing its job. */
const OPERATOR_SOURCES = /^process\.(?:argv|env)\b/;

export default defineRule({
  id: 'TSB115',
  name: 'spawn-program-from-input',
  title: 'Program or module to run chosen by request data (spawn, execFile, fork)',
  cwe: [78, 94],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    programFromInput: '`{{callee}}` runs a program or module named by input; map allowed names to constant paths instead.',
  },
  docs: {
    why: "`spawn`, `execFile` and `fork` avoid the shell, but they run whatever program (or module) their first argument names. When that name comes from a request, a message or a URL, the sender chooses what runs: `/bin/sh` with their own arguments, `node -e`, or an uploaded file.",
    fix: 'Look the program up in a fixed table (`const TOOLS = { resize: \'/usr/bin/convert\' }`) and reject anything else; pass request values only as arguments, after `--`.',
    examples: {
      flagged: `import { spawn } from 'node:child_process';\nimport type { Request } from 'express';\nexport function run(req: Request) {\n  return spawn(String(req.query.tool), ['--version']);\n}`,
      safe: `import { spawn } from 'node:child_process';\nimport type { Request } from 'express';\nconst TOOLS: Record<string, string> = { convert: '/usr/bin/convert', ffmpeg: '/usr/bin/ffmpeg' };\nexport function run(req: Request) {\n  const tool = TOOLS[String(req.query.tool)];\n  if (!tool) throw new Error('unknown tool');\n  return spawn(tool, ['--version']);\n}`,
    },
    references: ['https://cwe.mitre.org/data/definitions/78.html'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = resolveCalleeAmong(context, node, LAUNCHERS);
        if (callee === undefined) return;
        const program = argumentAt(node, 0);
        if (program === undefined) return;
        const flow = findTaintFlow(context, program);
        const source = flow?.steps[0];
        if (flow === undefined || source === undefined || OPERATOR_SOURCES.test(context.sourceCode.getText(source.node))) return;
        const name = callee === 'execa' ? 'execa' : callee.slice(callee.lastIndexOf('.') + 1);
        context.report({ node, messageId: 'programFromInput', data: { callee: name }, flow });
      },
    };
  },
});
