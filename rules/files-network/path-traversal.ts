import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, resolveCalleeAmong, skipWrappers, staticKeyName, staticPropertyName, fileMentions } from '../../src/analysis/index.js';
import { objectLiteralOf } from '../../src/analysis/crypto-values.js';
import { isPathSanitized } from '../../src/analysis/paths/file-paths.js';
import { requestFlow } from '../../src/analysis/paths/input.js';
import { pieces } from '../../src/analysis/paths/pieces.js';
import { ensureParents } from '../../src/analysis/taint/tree.js';
import type { Node } from '../../src/rule/types.js';
import { configuredSinkCall } from '../../src/analysis/extensions.js';

/** fs functions and the indexes of their path arguments. */
const FS_FUNCTIONS: ReadonlyMap<string, readonly number[]> = new Map([
  ...['readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream',
    'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'stat', 'statSync',
    'lstat', 'lstatSync', 'access', 'accessSync', 'exists', 'existsSync', 'open', 'openSync', 'mkdir', 'mkdirSync', 'readlink', 'readlinkSync',
    'truncate', 'truncateSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'utimes', 'utimesSync', 'watch', 'watchFile',
    // fs-extra
    'readJson', 'readJsonSync', 'readJSON', 'writeJson', 'writeJsonSync', 'outputFile', 'outputFileSync', 'outputJson', 'outputJsonSync',
    'remove', 'removeSync', 'pathExists', 'pathExistsSync', 'ensureDir', 'ensureDirSync', 'ensureFile', 'ensureFileSync', 'emptyDir', 'emptyDirSync',
  ].map((name): [string, readonly number[]] => [name, [0]]),
  ...['copyFile', 'copyFileSync', 'rename', 'renameSync', 'link', 'linkSync', 'symlink', 'symlinkSync', 'cp', 'cpSync', 'copy', 'copySync', 'move', 'moveSync']
    .map((name): [string, readonly number[]] => [name, [0, 1]]),
]);
const FS_MODULES = ['fs', 'fs/promises', 'fs.promises', 'fs-extra', 'graceful-fs', 'fs-extra/esm'];
const FS_SINKS: ReadonlySet<string> = new Set(FS_MODULES.flatMap((module) => [...FS_FUNCTIONS.keys()].map((name) => `${module}.${name}`)));
/** Static file middleware whose first argument is the served root. */
const STATIC_ROOTS: ReadonlySet<string> = new Set(['express.static', 'serve-static', 'koa-static', 'serve-handler']);
/** Response methods that read a file from disk and send it (Express). */
const RESPONSE_FILE_METHODS = new Set(['sendFile', 'download', 'sendfile']);
/** Receivers whose `sendFile` resolves under a configured root and refuses `..` (@fastify/static). */
const ROOTED_RECEIVERS = new Set(['reply']);
/** String methods that keep a value's `../`. */
const STRING_METHODS = new Set(['replace', 'replaceAll', 'toLowerCase', 'toUpperCase', 'trim', 'normalize', 'concat', 'toString']);
/** express-fileupload: `file.mv(destination)` moves the upload to a path. */
const MOVE_METHODS = new Set(['mv']);

export default defineRule({
  id: 'TSB601',
  name: 'path-traversal',
  title: 'File system path built from request data',
  cwe: [22, 73],
  severity: 'high',
  confidence: 'high',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    requestPath: '`{{callee}}` opens a path built from request data: `../` can reach any file the process can read or write; reduce it to `path.basename`, or resolve it under a fixed root and check the result still starts with that root.',
    uploadName: '`{{callee}}` stores uploads under the client\'s own file name (`originalname`): `../` in it writes outside the upload directory; generate a name (crypto.randomUUID() + an allowed extension) or use path.basename.',
    staticRoot: '`{{callee}}` serves a directory chosen by the request; serve a fixed directory.',
  },
  docs: {
    why: 'A file name taken from a URL, a form or a header can contain `../` (or be absolute): joined to a base directory it walks out of it, and `readFile`, `sendFile`, `createWriteStream` or `unlink` then reads, overwrites or deletes any file the process can reach, such as `.env`, keys or the application itself. `path.join` and `path.resolve` normalise `..` away but do not keep the result inside the base.',
    fix: 'Reduce the input to a bare name with `path.basename` (and ideally a pattern such as `/^[\\w-]+\\.pdf$/`), or `path.resolve(ROOT, input)` followed by `if (!target.startsWith(ROOT + path.sep)) throw ...`. With Express, `res.sendFile(name, { root: ROOT })` refuses `..` itself. Better still, look the file up by an id in a map or database.',
    examples: {
      flagged: `import express from 'express';\nimport fs from 'node:fs';\nimport path from 'node:path';\nconst app = express();\napp.get('/files', (req, res) => {\n  fs.createReadStream(path.join('/srv/uploads', String(req.query.name))).pipe(res);\n});`,
      safe: `import express from 'express';\nimport fs from 'node:fs';\nimport path from 'node:path';\nconst app = express();\napp.get('/files', (req, res) => {\n  fs.createReadStream(path.join('/srv/uploads', path.basename(String(req.query.name)))).pipe(res);\n});`,
    },
    references: ['https://owasp.org/www-community/attacks/Path_Traversal', 'https://cwe.mitre.org/data/definitions/22.html', 'https://expressjs.com/en/api.html#res.sendFile'],
    sources: ['eslint-plugin-security:detect-non-literal-fs-filename', 'njsscan:express_lfr', 'semgrep:javascript.express.security.audit.express-path-join-resolve-traversal'],
  },
  create(context) {
    const check = (node: TSESTree.CallExpression, argument: TSESTree.Node | undefined, callee: string, messageId: 'requestPath' | 'staticRoot'): void => {
      if (argument === undefined || argument.type === 'SpreadElement') return;
      const flow = requestFlow(context, argument, isPathSanitized);
      if (flow !== undefined) context.report({ node: argument, messageId, data: { callee }, flow });
    };
    const hasDiskStorage = fileMentions(context, 'diskStorage');
    /**
     * multer `diskStorage({ filename: (req, file, cb) => cb(null, file.originalname) })`: multer
     * joins the chosen name to the destination, and `originalname` is whatever the client sent.
     */
    const checkMulterFileName = (node: TSESTree.CallExpression, callback: TSESTree.Identifier): void => {
      ensureParents(context.sourceCode.ast);
      let fn: Node | undefined = node.parent;
      while (fn != null && fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') fn = fn.parent;
      if (fn == null || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return;
      const [, fileParam, callbackParam] = fn.params;
      if (callbackParam?.type !== 'Identifier' || callbackParam.name !== callback.name || fileParam?.type !== 'Identifier') return;
      const property = fn.parent;
      if (property?.type !== 'Property' || staticKeyName(property) !== 'filename') return;
      const storage = property.parent?.parent;
      if (storage?.type !== 'CallExpression' || calleeWrittenName(storage) !== 'diskStorage') return;
      const name = argumentAt(node, 1);
      if (name === undefined) return;
      const clientName = pieces(context, name).some((piece) => 'value' in piece && carriesOriginalName(piece.value, fileParam.name));
      if (clientName) context.report({ node: name, messageId: 'uploadName', data: { callee: 'multer.diskStorage' } });
    };
    /** `file.originalname`, or a string method applied to it (`.replace(/\s/g, '_')`), but not `path.extname(...)` or `path.basename(...)`. */
    const carriesOriginalName = (raw: Node, file: string): boolean => {
      const node = skipWrappers(raw);
      if (node.type === 'MemberExpression') {
        const object = skipWrappers(node.object);
        return object.type === 'Identifier' && object.name === file && staticPropertyName(node) === 'originalname';
      }
      if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && STRING_METHODS.has(calleeWrittenName(node) ?? '') && !isPathSanitized(context, node)) {
        return carriesOriginalName(node.callee.object, file);
      }
      return false;
    };
    return {
      CallExpression(node) {
        // Path sinks of the config's `analysis.sinks` (kind: path).
        const configured = configuredSinkCall(context, node, 'path');
        if (configured !== undefined) return check(node, configured.argument, configured.callee, 'requestPath');
        const written = calleeWrittenName(node);
        if (written === undefined) return;
        const callee = skipWrappers(node.callee);
        if (callee.type === 'Identifier' && node.arguments.length >= 2) {
          if (hasDiskStorage()) checkMulterFileName(node, callee);
        }
        if (RESPONSE_FILE_METHODS.has(written) && callee.type === 'MemberExpression') {
          const receiver = skipWrappers(callee.object);
          if (receiver.type === 'Identifier' && ROOTED_RECEIVERS.has(receiver.name)) return;
          // res.sendFile(name, { root }) resolves under root and answers 403 to `..`.
          const rooted = node.arguments.slice(1).some((argument) => {
            const options = argument.type === 'SpreadElement' ? undefined : objectLiteralOf(context, argument);
            return options?.properties.some((p) => p.type === 'Property' && staticKeyName(p) === 'root') === true;
          });
          if (!rooted) check(node, argumentAt(node, 0), `res.${written}`, 'requestPath');
          return;
        }
        if (MOVE_METHODS.has(written) && callee.type === 'MemberExpression') {
          check(node, argumentAt(node, 0), `${context.sourceCode.getText(callee.object)}.mv`, 'requestPath');
          return;
        }
        if (FS_FUNCTIONS.has(written)) {
          const sink = resolveCalleeAmong(context, node, FS_SINKS);
          if (sink === undefined) return;
          for (const index of FS_FUNCTIONS.get(written) ?? []) check(node, argumentAt(node, index), sink, 'requestPath');
          return;
        }
        if (written === 'static' || STATIC_ROOTS.has(written) || written === 'serveStatic' || written === 'serve') {
          const sink = resolveCalleeAmong(context, node, STATIC_ROOTS);
          if (sink !== undefined) check(node, argumentAt(node, 0), sink, 'staticRoot');
        }
      },
    };
  },
});
