import { defineRule } from '../../src/rule/index.js';
import { argumentAt, textCarryingParts, findTaintFlow, resolveCalleeAmong } from '../../src/analysis/index.js';

/** `child_process` entry points that hand their first argument to a shell. */
const SHELL_COMMAND_SINKS = new Set(['child_process.exec', 'child_process.execSync']);

export default defineRule({
  id: 'TSB103',
  name: 'child-process-exec',
  title: 'Shell command built at run time passed to child_process.exec',
  cwe: [78],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    dynamicCommand: '`{{callee}}` runs a command line built at run time through a shell; use execFile or spawn with an argument array.',
  },
  docs: {
    why: '`exec` and `execSync` pass their command string to `/bin/sh -c` (or `cmd.exe /c`). Any part of that string that comes from outside can add `;`, `&&`, `$(...)` or backticks and run other commands with the privileges of the process.',
    fix: 'Call `execFile` or `spawn` with the program and an array of arguments (no `shell: true`), and validate arguments that select files or options.',
    examples: {
      flagged: `import { exec } from 'node:child_process';\nexport function thumbnail(file: string) {\n  exec('convert ' + file + ' -resize 64x64 thumb.png');\n}`,
      safe: `import { execFile } from 'node:child_process';\nexport function thumbnail(file: string) {\n  execFile('convert', [file, '-resize', '64x64', 'thumb.png']);\n}`,
    },
    references: ['https://nodejs.org/api/child_process.html#child_processexeccommand-options-callback'],
    sources: ['bandit:B605', 'eslint-plugin-security:detect-child-process'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = resolveCalleeAmong(context, node, SHELL_COMMAND_SINKS);
        if (callee === undefined) return;
        const command = argumentAt(node, 0);
        if (command === undefined || textCarryingParts(context, command).length === 0) return;
        const flow = findTaintFlow(context, command);
        context.report({ node: command, messageId: 'dynamicCommand', data: { callee }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
