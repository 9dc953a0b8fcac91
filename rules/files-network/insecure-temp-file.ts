import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, resolveCalleeAmong, resolveReference, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { pieces, type Piece } from '../../src/analysis/paths/pieces.js';

/** fs functions that create or write a file or directory, with the index of the path they create. */
const CREATORS: ReadonlyMap<string, number> = new Map([
  ['writeFile', 0], ['writeFileSync', 0], ['appendFile', 0], ['appendFileSync', 0], ['createWriteStream', 0], ['open', 0], ['openSync', 0],
  ['mkdir', 0], ['mkdirSync', 0], ['copyFile', 1], ['copyFileSync', 1], ['outputFile', 0], ['outputFileSync', 0], ['writeJson', 0], ['writeJsonSync', 0],
  ['outputJson', 0], ['outputJsonSync', 0], ['ensureDir', 0], ['ensureDirSync', 0], ['mkdirp', 0], ['symlink', 1], ['symlinkSync', 1],
]);
const FS_MODULES = ['fs', 'fs/promises', 'fs.promises', 'fs-extra', 'graceful-fs'];
const CREATOR_NAMES: ReadonlySet<string> = new Set(FS_MODULES.flatMap((module) => [...CREATORS.keys()].map((name) => `${module}.${name}`)));
/** Shared temporary directories on Unix-like systems. */
const SHARED_TMP = /^\/(?:var\/)?tmp(?:\/|$)/;
/** Environment variables naming the temporary directory. */
const TMP_VARIABLES = new Set(['TMPDIR', 'TMP', 'TEMP']);
/** Values an attacker can predict: the clock and the process id. */
const PREDICTABLE = new Set(['Date.now', 'process.pid', 'process.ppid', 'performance.now']);
/** `open` flags that create a file. */
const CREATE_FLAGS = /[wa]/;

export default defineRule({
  id: 'TSB604',
  name: 'insecure-temp-file',
  title: 'Predictable file name in the shared temporary directory',
  cwe: [377, 379],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 5.5,
  recommended: true,
  messages: {
    predictableTemp: '`{{callee}}` creates a predictable name in the shared temporary directory: another local user can create it first (or a symlink in its place) and read or redirect what is written; use fs.mkdtemp() and write inside the new directory.',
  },
  docs: {
    why: 'Every user of the machine can create files in `/tmp` (and `os.tmpdir()`). A fixed or guessable name (a constant, the clock, the process id) lets another local user or process create that path first, as a file they can read or as a symlink to a file of yours, so your write leaks data or overwrites something else; a directory they own can be filled with whatever they like.',
    fix: 'Create a private directory with `fs.mkdtemp(path.join(os.tmpdir(), \'app-\'))` (or the `tmp`/`tmp-promise` packages) and write inside it, or open new files with the `wx` flag and a random name from `crypto.randomUUID()`.',
    examples: {
      flagged: `import fs from 'node:fs';\nimport os from 'node:os';\nimport path from 'node:path';\nexport function saveExport(csv: string) {\n  fs.writeFileSync(path.join(os.tmpdir(), 'export.csv'), csv);\n}`,
      safe: `import fs from 'node:fs';\nimport os from 'node:os';\nimport path from 'node:path';\nexport function saveExport(csv: string) {\n  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));\n  fs.writeFileSync(path.join(dir, 'export.csv'), csv);\n}`,
    },
    references: ['https://cwe.mitre.org/data/definitions/377.html', 'https://nodejs.org/api/fs.html#fsmkdtempprefix-options-callback'],
    sources: ['bandit:B108', 'semgrep:javascript.lang.security.insecure-temporary-file'],
  },
  create(context) {
    /** `os.tmpdir()`, `process.env.TMPDIR`: the shared temporary directory at run time. */
    const isTmpDir = (raw: Node): boolean => {
      const node = skipWrappers(raw);
      if (node.type === 'CallExpression') return resolveReference(context, node.callee) === 'os.tmpdir';
      if (node.type === 'MemberExpression') {
        const object = skipWrappers(node.object);
        return TMP_VARIABLES.has(staticPropertyName(node) ?? '') && object.type === 'MemberExpression' && resolveReference(context, object) === 'process.env';
      }
      if (node.type === 'LogicalExpression') return isTmpDir(node.left) || isTmpDir(node.right);
      return false;
    };
    const isPredictable = (raw: Node): boolean => {
      const node = skipWrappers(raw);
      const target = node.type === 'CallExpression' ? node.callee : node;
      if (target.type !== 'MemberExpression' && target.type !== 'Identifier') return false;
      const resolved = resolveReference(context, target);
      return resolved !== undefined && PREDICTABLE.has(resolved);
    };
    /** True when the path is the shared tmp directory followed only by constant or predictable parts. */
    const isPredictableTempPath = (parts: Piece[]): boolean => {
      const [head, ...rest] = parts;
      if (head === undefined) return false;
      if ('text' in head) {
        if (!SHARED_TMP.test(head.text)) return false;
      } else if (!isTmpDir(head.value)) {
        return false;
      }
      const text = parts.map((part) => ('text' in part ? part.text : '')).join('');
      // The tmp directory itself (`mkdir('/tmp', ...)`) is not a new name.
      if (rest.length === 0 && ('text' in head ? /^\/(?:var\/)?tmp\/?$/.test(head.text) : true)) return false;
      if (/^\/?(?:\/?var)?\/?tmp\/*$/.test(text.replace(/\/+/g, '/'))) return false;
      return rest.every((part) => 'text' in part || isPredictable(part.value));
    };
    return {
      CallExpression(node) {
        const written = calleeWrittenName(node);
        if (written === undefined || !CREATORS.has(written)) return;
        const callee = resolveCalleeAmong(context, node, CREATOR_NAMES);
        if (callee === undefined) return;
        if (written === 'open' || written === 'openSync') {
          const flags = argumentAt(node, 1);
          const value = flags === undefined || flags.type !== 'Literal' ? undefined : flags.value;
          if (typeof value !== 'string' || !CREATE_FLAGS.test(value) || value.includes('x')) return;
        }
        const target = argumentAt(node, CREATORS.get(written) ?? 0);
        if (target === undefined || !isPredictableTempPath(pieces(context, target))) return;
        context.report({ node: target, messageId: 'predictableTemp', data: { callee } });
      },
    };
  },
});
