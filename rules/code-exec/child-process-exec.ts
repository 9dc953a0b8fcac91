import { defineRule } from '../../src/rule/index.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { argumentAt, textCarryingParts, findTaintFlow, isGlobalReference, resolveCalleeAmong, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { configuredSinkHit } from '../../src/analysis/extensions.js';
import { SHELL, untrustedParts } from '../../src/analysis/exec/evidence.js';

/** `child_process` entry points that hand their first argument to a shell, and promise wrappers of them. */
const SHELL_COMMAND_SINKS = new Set([
  'child_process.exec', 'child_process.execSync',
  'child-process-promise.exec', 'promisify-child-process.exec', 'child-process-async.exec', 'async-exec', 'async-exec.default',
  // Unbound globals: code shown without its require, or `require('shelljs/global')`. Matched by name only.
  'exec', 'execSync',
]);
/** Receivers that by convention hold child_process when the code does not show where they come from (snippets, injected modules). */
const CONVENTIONAL_NAMES = new Set(['cp', 'childProcess', 'childprocess', 'child_process', 'ChildProcess']);
const EXEC_METHODS = new Set(['exec', 'execSync']);

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
    /** `cp.exec(...)` where `cp` is not bound in the file (a global, or code shown without its imports). */
    const conventionalExec = (node: TSESTree.CallExpression): string | undefined => {
      const callee = skipWrappers(node.callee);
      if (callee.type !== 'MemberExpression') return undefined;
      const method = staticPropertyName(callee);
      const owner = skipWrappers(callee.object);
      if (method === undefined || !EXEC_METHODS.has(method) || owner.type !== 'Identifier' || !CONVENTIONAL_NAMES.has(owner.name)) return undefined;
      return isGlobalReference(context, owner) ? `child_process.${method}` : undefined;
    };
    return {
      CallExpression(node) {
        // Command sinks of the config's `analysis.sinks` (kind: command).
        const configured = configuredSinkHit(context, node, 'command', findTaintFlow);
        if (configured !== undefined) {
          if (configured !== null) context.report({ node: configured.argument, messageId: 'dynamicCommand', data: { callee: configured.callee }, confidence: configured.flow ? 'high' : undefined, flow: configured.flow });
          return;
        }
        const found = resolveCalleeAmong(context, node, SHELL_COMMAND_SINKS);
        const resolved = found === undefined || !found.includes('.') ? undefined : found;
        const callee = resolved ?? found ?? conventionalExec(node);
        if (callee === undefined) return;
        const command = argumentAt(node, 0);
        if (command === undefined) return;
        const parts = untrustedParts(context, [command], SHELL);
        if (parts.length === 0) return;
        const flow = parts.length === textCarryingParts(context, command).length ? findTaintFlow(context, command) : parts.map((part) => findTaintFlow(context, part)).find((found) => found !== undefined);
        // Matched by the receiver's name only: low, or medium when input visibly reaches it.
        const confidence = resolved === undefined ? (flow ? 'medium' : 'low') : flow ? 'high' : undefined;
        context.report({ node: command, messageId: 'dynamicCommand', data: { callee }, confidence, flow });
      },
    };
  },
});
