import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, resolveCalleeAmong, resolveReference, skipWrappers } from '../../src/analysis/index.js';
import { launchArguments, launchOptions, optionIsOn } from '../../src/analysis/exec/command.js';
import { dynamicTextEvidence, SHELL } from '../../src/analysis/exec/evidence.js';
import { fileMentions } from '../../src/analysis/file-text.js';

/** execa functions taking one command string split on spaces (v5: `execa.command`; v6+: `execaCommand`). */
const COMMAND_STRING = new Set(['execa.execaCommand', 'execa.execaCommandSync', 'execa.command', 'execa.commandSync']);
/** execa functions taking a file and arguments, which use a shell with `shell: true`. */
const FILE_AND_ARGS = new Set(['execa', 'execa.execa', 'execa.execaSync', 'execa.sync', 'execa.$', 'execa.default']);

export default defineRule({
  id: 'TSB107',
  name: 'execa-shell-command',
  title: 'execa runs a command string built at run time (execaCommand, or shell: true)',
  cwe: [78, 88],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.1,
  recommended: true,
  messages: {
    commandString: '`{{callee}}` splits a command string built at run time into program and arguments, so a value can add options or arguments; call execa(file, [args]) or use the $`...` template, which keeps each value one argument.',
    shellCommand: '`{{callee}}` with `shell: true` runs a command line built at run time through a shell; remove `shell` so execa passes each value as one argument.',
  },
  docs: {
    why: "execa is safe by default: `execa(file, args)` and the `$`…`` template pass each value as exactly one argument, without a shell. Two forms give that up. `execaCommand(text)` splits a string on spaces, so a value containing spaces adds arguments and options (`--upload-pack=...`, `-o ProxyCommand=...`) that can run commands. With `shell: true` the whole command line is parsed by a shell, where `;`, `|` and `$(...)` run other commands.",
    fix: 'Use `execa(file, [arg1, arg2])` or the `$`cmd ${value}`` template without `shell: true`; put `--` before values that could look like options.',
    examples: {
      flagged: `import { execaCommand } from 'execa';\nexport async function clone(url: string) {\n  await execaCommand('git clone ' + url);\n}`,
      safe: `import { execa } from 'execa';\nexport async function clone(url: string) {\n  await execa('git', ['clone', '--', url]);\n}`,
    },
    references: ['https://github.com/sindresorhus/execa/blob/main/docs/escaping.md', 'https://github.com/sindresorhus/execa/blob/main/docs/shell.md'],
  },
  create(context) {
    const mentionsExeca = fileMentions(context, 'execa');
    const reportShell = (node: TSESTree.Node, callee: string, values: readonly (TSESTree.Node | undefined)[]): void => {
      const evidence = dynamicTextEvidence(context, values, undefined, SHELL);
      if (evidence !== undefined) context.report({ node, messageId: 'shellCommand', data: { callee }, confidence: evidence.confidence, flow: evidence.flow });
    };
    return {
      CallExpression(node) {
        if (!mentionsExeca()) return;
        const command = resolveCalleeAmong(context, node, COMMAND_STRING);
        if (command !== undefined) {
          const callee = command.slice(command.indexOf('.') + 1);
          const text = argumentAt(node, 0);
          const evidence = dynamicTextEvidence(context, [text], undefined, SHELL);
          if (evidence === undefined) return;
          const shell = optionIsOn(context, launchOptions(context, node, 1), 'shell');
          context.report({ node, messageId: shell ? 'shellCommand' : 'commandString', data: { callee }, confidence: evidence.confidence, flow: evidence.flow });
          return;
        }
        const launcher = resolveCalleeAmong(context, node, FILE_AND_ARGS);
        if (launcher === undefined || !optionIsOn(context, launchOptions(context, node, 1), 'shell')) return;
        const args = launchArguments(context, node, 1);
        const values = args === undefined ? [] : args.elements.map((e) => (e === null ? undefined : e.type === 'SpreadElement' ? e.argument : e));
        reportShell(node, launcher === 'execa' || launcher === 'execa.default' ? 'execa' : launcher.slice(launcher.indexOf('.') + 1), [argumentAt(node, 0), ...values]);
      },
      TaggedTemplateExpression(node) {
        if (!mentionsExeca()) return;
        // $({ shell: true })`...`, execa({ shell: true })`...`: options bound first, then a template.
        const tag = skipWrappers(node.tag);
        if (tag.type !== 'CallExpression') return;
        const launcher = resolveCalleeAmong(context, tag, FILE_AND_ARGS);
        if (launcher === undefined || !optionIsOn(context, argumentAt(tag, 0), 'shell')) return;
        const name = resolveReference(context, tag.callee) === 'execa.$' ? '$' : 'execa';
        reportShell(node, name, node.quasi.expressions);
      },
    };
  },
});
