import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Confidence, Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, getStaticValue, resolveCalleeAmong, staticKeyName } from '../../src/analysis/index.js';
import { objectLiteralOf } from '../../src/analysis/crypto-values.js';

/** Where each fs function takes its mode: a positional index, or an options object at an index (`{ mode }`). */
const MODE_AT: ReadonlyMap<string, { readonly index: number; readonly inOptions: boolean; readonly umasked: boolean }> = new Map([
  ['chmod', { index: 1, inOptions: false, umasked: false }], ['chmodSync', { index: 1, inOptions: false, umasked: false }],
  ['fchmod', { index: 1, inOptions: false, umasked: false }], ['fchmodSync', { index: 1, inOptions: false, umasked: false }],
  ['lchmod', { index: 1, inOptions: false, umasked: false }], ['lchmodSync', { index: 1, inOptions: false, umasked: false }],
  ['open', { index: 2, inOptions: false, umasked: true }], ['openSync', { index: 2, inOptions: false, umasked: true }],
  ['mkdir', { index: 1, inOptions: true, umasked: true }], ['mkdirSync', { index: 1, inOptions: true, umasked: true }],
  ['writeFile', { index: 2, inOptions: true, umasked: true }], ['writeFileSync', { index: 2, inOptions: true, umasked: true }],
  ['appendFile', { index: 2, inOptions: true, umasked: true }], ['appendFileSync', { index: 2, inOptions: true, umasked: true }],
  ['createWriteStream', { index: 1, inOptions: true, umasked: true }], ['outputFile', { index: 2, inOptions: true, umasked: true }],
  ['outputFileSync', { index: 2, inOptions: true, umasked: true }], ['ensureDir', { index: 1, inOptions: true, umasked: true }],
  ['ensureDirSync', { index: 1, inOptions: true, umasked: true }],
]);
const FS_MODULES = ['fs', 'fs/promises', 'fs.promises', 'fs-extra', 'graceful-fs'];
const MODE_FUNCTIONS: ReadonlySet<string> = new Set(FS_MODULES.flatMap((module) => [...MODE_AT.keys()].map((name) => `${module}.${name}`)));
const UMASK: ReadonlySet<string> = new Set(['process.umask']);
/** The `others may write` permission bit. */
const WORLD_WRITABLE = 0o002;

export default defineRule({
  id: 'TSB605',
  name: 'permissive-file-permissions',
  title: 'File or directory made writable by every user (mode 0o777, 0o666...)',
  cwe: [732, 276],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 5.5,
  recommended: true,
  messages: {
    worldWritable: '`{{callee}}` sets mode {{mode}}, writable by every user of the machine; use 0o600/0o644 for files and 0o700/0o755 for directories.',
    umaskZero: '`process.umask({{mode}})` lets every file this process creates be writable by every user; keep the default umask (0o022) or use 0o077.',
  },
  docs: {
    why: 'A world-writable file or directory can be changed by any local user or compromised service on the machine: configuration, scripts and data the application later trusts can be replaced, and files in a world-writable directory can be swapped or deleted. `chmod` applies the mode exactly; modes passed when creating files are reduced by the umask, but a umask of 0 (common in containers) leaves them as written.',
    fix: 'Give files `0o600` (secrets) or `0o644`, and directories `0o700` or `0o755`; share access through a group (`0o660`/`0o770`) rather than with everyone.',
    examples: {
      flagged: `import fs from 'node:fs';\nexport function publish(file: string) {\n  fs.chmodSync(file, 0o777);\n}`,
      safe: `import fs from 'node:fs';\nexport function publish(file: string) {\n  fs.chmodSync(file, 0o644);\n}`,
    },
    references: ['https://cwe.mitre.org/data/definitions/732.html', 'https://nodejs.org/api/fs.html#file-modes'],
    sources: ['bandit:B103', 'gosec:G302'],
  },
  create(context) {
    /** The numeric mode of a constant: numbers, and octal strings as `chmod` accepts them ('777', '0o666'). */
    const modeOf = (node: Node | undefined): number | undefined => {
      if (node === undefined) return undefined;
      const value = getStaticValue(context, node)?.value;
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && /^(0o?)?[0-7]{3,4}$/i.test(value)) return Number.parseInt(value.replace(/^0o/i, ''), 8);
      return undefined;
    };
    const report = (node: Node, callee: string, mode: number, confidence: Confidence | undefined): void => {
      context.report({ node, messageId: 'worldWritable', data: { callee, mode: `0o${mode.toString(8)}` }, confidence });
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const written = calleeWrittenName(node);
        if (written === undefined) return;
        if (written === 'umask') {
          const mode = modeOf(argumentAt(node, 0));
          if (mode !== undefined && (mode & WORLD_WRITABLE) === 0 && resolveCalleeAmong(context, node, UMASK) !== undefined) {
            context.report({ node, messageId: 'umaskZero', data: { mode: `0o${mode.toString(8).padStart(3, '0')}` } });
          }
          return;
        }
        const where = MODE_AT.get(written);
        if (where === undefined) return;
        const callee = resolveCalleeAmong(context, node, MODE_FUNCTIONS);
        if (callee === undefined) return;
        const argument = argumentAt(node, where.index);
        if (argument === undefined) return;
        let modeNode: Node | undefined = argument;
        const options = where.inOptions ? objectLiteralOf(context, argument) : undefined;
        if (options !== undefined) {
          const property = options.properties.find((p) => p.type === 'Property' && staticKeyName(p) === 'mode');
          modeNode = property?.type === 'Property' ? property.value : undefined;
        } else if (where.inOptions && (written.startsWith('write') || written.startsWith('append') || written.startsWith('output') || written === 'createWriteStream')) {
          // writeFile(path, data, 'utf8'): an encoding, not a mode.
          return;
        }
        const mode = modeOf(modeNode);
        if (modeNode === undefined || mode === undefined || (mode & WORLD_WRITABLE) === 0) return;
        report(modeNode, callee, mode, where.umasked ? 'medium' : undefined);
      },
    };
  },
});
