import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Confidence } from '../../src/rule/types.js';
import { argumentAt, resolveCalleeAmong } from '../../src/analysis/index.js';
import { launchArguments, launchOptions, optionIsOn, shellCommandText, shellProgram } from '../../src/analysis/exec/command.js';
import { dynamicTextEvidence, SHELL } from '../../src/analysis/exec/evidence.js';

/** Launchers that take a program and an argument array, and use a shell only when told to. */
const LAUNCHERS = new Set([
  'child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync',
  'cross-spawn', 'cross-spawn.spawn', 'cross-spawn.sync',
  // Unbound globals (code shown without its require): matched by name only.
  'spawn', 'spawnSync', 'execFile', 'execFileSync',
]);

export default defineRule({
  id: 'TSB106',
  name: 'child-process-shell',
  title: 'spawn/execFile run a command line built at run time through a shell',
  cwe: [78],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    shellOption: '`{{callee}}` with `shell: true` joins the program and its arguments into a shell command line built at run time; drop `shell` and pass arguments as an array.',
    shellProgram: '`{{callee}}` starts `{{shell}}` with a command string built at run time; run the program directly with an argument array, or pass values as positional parameters ("$1").',
  },
  docs: {
    why: '`spawn` and `execFile` are safe from shell injection only because they start the program directly. With `shell: true`, or when the program is itself a shell told to run a string (`sh -c`, `bash -c`, `cmd /c`, `powershell -Command`), the arguments are joined into a command line that the shell parses: `;`, `&&`, `|`, `$(...)` and backticks in a value start other commands.',
    fix: 'Start the real program with an argument array and no `shell` option. If a shell feature is really needed, keep the script constant and pass values as positional parameters (`spawn(\'sh\', [\'-c\', \'tar -czf "$1" .\', \'sh\', file])`).',
    examples: {
      flagged: `import { spawn } from 'node:child_process';\nexport function compress(dir: string) {\n  return spawn('tar', ['-czf', 'backup.tgz', dir], { shell: true });\n}`,
      safe: `import { spawn } from 'node:child_process';\nexport function compress(dir: string) {\n  return spawn('tar', ['-czf', 'backup.tgz', '--', dir]);\n}`,
    },
    references: ['https://nodejs.org/api/child_process.html#spawning-bat-and-cmd-files-on-windows', 'https://cwe.mitre.org/data/definitions/78.html'],
    sources: ['bandit:B602', 'bandit:B604'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const found = resolveCalleeAmong(context, node, LAUNCHERS);
        if (found === undefined) return;
        const byNameOnly = !found.includes('.') && found !== 'cross-spawn';
        const callee = found;
        const lower = (confidence: Confidence | undefined): Confidence | undefined => (byNameOnly ? (confidence === 'high' ? 'medium' : 'low') : confidence);
        const program = argumentAt(node, 0);
        if (program === undefined) return;
        const args = launchArguments(context, node, 1);
        if (optionIsOn(context, launchOptions(context, node, 1), 'shell')) {
          const second = argumentAt(node, 1);
          const argumentValues: (TSESTree.Node | undefined)[] = args !== undefined
            ? args.elements.map((e) => (e === null ? undefined : e.type === 'SpreadElement' ? e.argument : e))
            : second !== undefined && second.type !== 'ObjectExpression' && launchOptions(context, node, 1) !== second ? [second] : [];
          const evidence = dynamicTextEvidence(context, [program, ...argumentValues], undefined, SHELL);
          if (evidence === undefined) return;
          context.report({ node, messageId: 'shellOption', data: { callee }, confidence: lower(evidence.confidence), flow: evidence.flow });
          return;
        }
        const shell = shellProgram(context, program);
        if (shell === undefined || args === undefined) return;
        const text = shellCommandText(context, shell, args);
        if (text === undefined) return;
        const evidence = dynamicTextEvidence(context, text, undefined, SHELL);
        if (evidence === undefined) return;
        context.report({ node, messageId: 'shellProgram', data: { callee, shell }, confidence: lower(evidence.confidence), flow: evidence.flow });
      },
    };
  },
});
