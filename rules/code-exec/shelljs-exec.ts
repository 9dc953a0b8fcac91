import { defineRule } from '../../src/rule/index.js';
import { argumentAt, resolveCalleeAmong } from '../../src/analysis/index.js';
import { dynamicTextEvidence, SHELL } from '../../src/analysis/exec/evidence.js';

/** Functions that hand one command string to a shell: ShellJS's `exec`, and `exec-sh`. */
const SHELL_STRING_RUNNERS = new Set(['shelljs.exec', 'shelljs.default.exec', 'exec-sh', 'exec-sh.promise']);

export default defineRule({
  id: 'TSB108',
  name: 'shelljs-exec',
  title: 'ShellJS exec() of a command line built at run time',
  cwe: [78],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    dynamicShellCommand: '`{{callee}}` runs a command line built at run time through the system shell; use child_process.execFile with an argument array, or ShellJS\'s own commands (cp, rm, mkdir).',
  },
  docs: {
    why: "`shell.exec(command)` passes its string to the system shell (`/bin/sh -c` or `cmd.exe`), exactly like `child_process.exec`. ShellJS's other commands (`cp`, `rm`, `sed`) are implemented in JavaScript, but `exec` is not: `;`, `&&`, `|` and `$(...)` in any value pasted into the string run other commands.",
    fix: "Prefer ShellJS's built-in commands or `child_process.execFile(program, [args])`. If `exec` is needed, keep the command constant.",
    examples: {
      flagged: `import shell from 'shelljs';\nexport function checkout(branch: string) {\n  shell.exec(\`git checkout \${branch}\`);\n}`,
      safe: `import shell from 'shelljs';\nimport { execFileSync } from 'node:child_process';\nexport function checkout(branch: string) {\n  if (shell.exec('git diff --quiet').code !== 0) throw new Error('dirty tree');\n  execFileSync('git', ['checkout', '--', branch]);\n}`,
    },
    references: ['https://github.com/shelljs/shelljs/wiki/Security-guidelines'],
    sources: ['eslint-plugin-security:detect-child-process'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const sink = resolveCalleeAmong(context, node, SHELL_STRING_RUNNERS);
        if (sink === undefined) return;
        const evidence = dynamicTextEvidence(context, [argumentAt(node, 0)], undefined, SHELL);
        if (evidence === undefined) return;
        const callee = sink.startsWith('shelljs') ? 'shell.exec' : sink;
        context.report({ node, messageId: 'dynamicShellCommand', data: { callee }, confidence: evidence.confidence, flow: evidence.flow });
      },
    };
  },
});
