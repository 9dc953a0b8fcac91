import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import type { Node } from '../../src/rule/types.js';
import { argumentAt, calleeWrittenName, findVariable, resolveCalleeAmong, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { isCheckedAt } from '../../src/analysis/paths/guards.js';
import { isPathCheck } from '../../src/analysis/paths/file-paths.js';
import { ensureParents } from '../../src/analysis/taint/tree.js';

/** fs functions that create or write files, with the index of the destination path. */
const WRITERS: ReadonlyMap<string, number> = new Map([
  ['writeFile', 0], ['writeFileSync', 0], ['appendFile', 0], ['appendFileSync', 0], ['createWriteStream', 0], ['mkdir', 0], ['mkdirSync', 0],
  ['open', 0], ['openSync', 0], ['copyFile', 1], ['copyFileSync', 1], ['rename', 1], ['renameSync', 1], ['symlink', 1], ['symlinkSync', 1],
  ['outputFile', 0], ['outputFileSync', 0], ['ensureDir', 0], ['ensureDirSync', 0], ['ensureFile', 0], ['ensureFileSync', 0], ['move', 1], ['moveSync', 1],
]);
const FS_MODULES = ['fs', 'fs/promises', 'fs.promises', 'fs-extra', 'graceful-fs'];
const WRITER_NAMES: ReadonlySet<string> = new Set(FS_MODULES.flatMap((module) => [...WRITERS.keys()].map((name) => `${module}.${name}`)));
/** Entry fields that hold the stored name whatever the object is called: adm-zip `entryName`, yauzl `fileName`. */
const ENTRY_NAME_FIELDS = new Set(['entryName', 'fileName']);
/** Fields that hold the stored name on objects named like archive entries: unzipper `entry.path`, tar-stream `header.name`, JSZip `file.name`. */
const NAMED_ENTRY_FIELDS = new Set(['path', 'name', 'relativePath']);
const ENTRY_OBJECT_NAME = /^(entry|zipEntry|zipentry|header|archiveEntry|tarEntry|zipFile|file|e)$/;
/** Calls that keep only the last path segment. */
const BASENAME = new Set(['basename']);
const MAX_DEPTH = 8;

export default defineRule({
  id: 'TSB606',
  name: 'zip-slip',
  title: 'Archive entry name used as an extraction path without a containment check',
  cwe: [22],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 8.1,
  recommended: true,
  messages: {
    entryPath: '`{{callee}}` writes to a path built from an archive entry\'s name: an entry named `../../x` lands outside the target directory; resolve the path and check it starts with the target directory first.',
  },
  docs: {
    why: 'Archive formats store each entry\'s path as text chosen by whoever made the archive. An entry named `../../home/app/.ssh/authorized_keys` or `/etc/cron.d/x`, joined to the extraction directory, writes outside it ("zip slip"): uploaded archives then overwrite code, configuration or keys.',
    fix: 'For each entry, `const target = path.resolve(dest, entry.path)` and skip it unless `target.startsWith(path.resolve(dest) + path.sep)`; or let a library that checks this extract the archive (`tar.x({ cwd })`, recent `adm-zip` `extractAllTo`, `extract-zip`).',
    examples: {
      flagged: `import AdmZip from 'adm-zip';\nimport fs from 'node:fs';\nimport path from 'node:path';\nexport function unpack(file: string, dest: string) {\n  for (const entry of new AdmZip(file).getEntries()) {\n    fs.writeFileSync(path.join(dest, entry.entryName), entry.getData());\n  }\n}`,
      safe: `import AdmZip from 'adm-zip';\nimport fs from 'node:fs';\nimport path from 'node:path';\nexport function unpack(file: string, dest: string) {\n  const root = path.resolve(dest);\n  for (const entry of new AdmZip(file).getEntries()) {\n    const target = path.resolve(root, entry.entryName);\n    if (!target.startsWith(root + path.sep)) continue;\n    fs.writeFileSync(target, entry.getData());\n  }\n}`,
    },
    references: ['https://security.snyk.io/research/zip-slip-vulnerability', 'https://cwe.mitre.org/data/definitions/22.html'],
    sources: ['semgrep:javascript.lang.security.audit.path-traversal.path-join-resolve-traversal', 'snyk:zip-slip'],
  },
  create(context) {
    /** The archive entry name that reaches `raw`, if one does without a basename or a containment check. */
    const entryName = (raw: Node | null | undefined, depth: number): Node | undefined => {
      if (raw == null || depth > MAX_DEPTH) return undefined;
      const node = skipWrappers(raw);
      switch (node.type) {
        case 'MemberExpression': {
          const field = staticPropertyName(node);
          if (field === undefined) return undefined;
          if (ENTRY_NAME_FIELDS.has(field)) return node;
          const object = skipWrappers(node.object);
          if (NAMED_ENTRY_FIELDS.has(field) && object.type === 'Identifier' && ENTRY_OBJECT_NAME.test(object.name) && isArchiveCallbackOrLoop(object)) return node;
          return undefined;
        }
        case 'Identifier': {
          if (isCheckedAt(context, node, isPathCheck)) return undefined;
          if (isJsZipPathParameter(node)) return node;
          const variable = findVariable(context, node);
          if (variable === undefined) return undefined;
          for (const def of variable.defs) {
            if (def.type !== 'Variable') continue;
            const declarator = def.node as TSESTree.VariableDeclarator;
            if (declarator.id.type !== 'Identifier') continue;
            const found = entryName(declarator.init, depth + 1);
            if (found !== undefined) return found;
          }
          for (const reference of variable.references) {
            if (reference.init === true || reference.writeExpr == null) continue;
            const found = entryName(reference.writeExpr as Node, depth + 1);
            if (found !== undefined) return found;
          }
          return undefined;
        }
        case 'TemplateLiteral':
          return first(node.expressions, depth);
        case 'BinaryExpression':
          return node.operator === '+' ? first([node.left, node.right], depth) : undefined;
        case 'LogicalExpression':
        case 'ConditionalExpression':
          return node.type === 'LogicalExpression' ? first([node.left, node.right], depth) : first([node.consequent, node.alternate], depth);
        case 'AwaitExpression':
          return entryName(node.argument, depth + 1);
        case 'CallExpression': {
          const name = calleeWrittenName(node);
          if (name !== undefined && BASENAME.has(name)) return undefined;
          const callee = skipWrappers(node.callee);
          const receiver = callee.type === 'MemberExpression' ? [callee.object] : [];
          return first([...receiver, ...node.arguments], depth);
        }
        default:
          return undefined;
      }
    };
    const first = (nodes: readonly (Node | null)[], depth: number): Node | undefined => {
      for (const node of nodes) {
        const found = entryName(node, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    return {
      CallExpression(node) {
        const written = calleeWrittenName(node);
        if (written === undefined || !WRITERS.has(written)) return;
        const callee = resolveCalleeAmong(context, node, WRITER_NAMES);
        if (callee === undefined) return;
        const target = argumentAt(node, WRITERS.get(written) ?? 0);
        if (target === undefined) return;
        ensureParents(context.sourceCode.ast);
        if (entryName(target, 0) === undefined) return;
        context.report({ node: target, messageId: 'entryPath', data: { callee } });
      },
    };
  },
});

/** A parameter of a callback (`.on('entry', (entry) => ...)`, `forEach((entry) => ...)`) or a `for...of` variable: an archive entry. */
function isArchiveCallbackOrLoop(identifier: TSESTree.Identifier): boolean {
  for (let node: Node | undefined = identifier.parent; node != null; node = node.parent) {
    if ((node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') && node.params.some((p) => p.type === 'Identifier' && p.name === identifier.name)) {
      const call = node.parent;
      if (call?.type !== 'CallExpression') return false;
      const event = call.arguments[0];
      // .on('entry', fn), .forEach(fn), zipfile.on('entry'), extract.on('entry')
      return (event?.type === 'Literal' && event.value === 'entry') || calleeWrittenName(call) === 'forEach' || calleeWrittenName(call) === 'onentry';
    }
    if ((node.type === 'ForOfStatement') && node.left.type === 'VariableDeclaration' && node.left.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === identifier.name)) {
      return /getEntries|entries|files/i.test(sourceText(node.right));
    }
    if (node.type === 'Property' && node.key.type === 'Identifier' && node.key.name === 'onentry') return true;
  }
  return false;
}

function sourceText(node: Node): string {
  const call = skipWrappers(node);
  if (call.type === 'CallExpression') return calleeWrittenName(call) ?? '';
  if (call.type === 'MemberExpression') return staticPropertyName(call) ?? '';
  return call.type === 'Identifier' ? call.name : '';
}

/** JSZip: `zip.forEach((relativePath, file) => ...)`: the first parameter is the stored path. */
function isJsZipPathParameter(identifier: TSESTree.Identifier): boolean {
  for (let node: Node | undefined = identifier.parent; node != null; node = node.parent) {
    if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') {
      const first = node.params[0];
      if (first?.type !== 'Identifier' || first.name !== identifier.name) continue;
      const call = node.parent;
      if (call?.type !== 'CallExpression' || call.arguments[0] !== node || calleeWrittenName(call) !== 'forEach') return false;
      const receiver = call.callee.type === 'MemberExpression' ? skipWrappers(call.callee.object) : undefined;
      return receiver?.type === 'Identifier' && /zip/i.test(receiver.name);
    }
  }
  return false;
}
