import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findVariable, resolveCalleeAmong, singleDeclarator, resolveReference, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import type { AnalysisContext } from '../../src/analysis/index.js';
import type { Confidence } from '../../src/rule/types.js';
import { dynamicTextEvidence, isFixedPath } from '../../src/analysis/exec/evidence.js';
import { fileMentions } from '../../src/analysis/file-text.js';
import { fileContentPath } from '../../src/analysis/exec/trusted.js';
import { constInitializer } from '../../src/analysis/static-value.js';

/** Packages that compile a source string as a CommonJS or ES module. */
const MODULE_FROM_STRING = new Set(['require-from-string', 'node-eval', 'module-from-string.requireFromString', 'module-from-string.importFromString', 'module-from-string.requireFromStringSync']);
const MAX_DEPTH = 4;

/** True when a `_compile` receiver is visibly a Node module: `module`, `new Module(...)`, `require.cache[...]`. */
function isModuleObject(context: AnalysisContext, raw: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = skipWrappers(raw);
  if (node.type === 'NewExpression') return resolveReference(context, node.callee) === 'module' || resolveReference(context, node.callee) === 'module.Module';
  const resolved = resolveReference(context, node);
  if (resolved === 'module' || resolved === 'module.prototype' || resolved === 'module.Module.prototype') return true;
  if (node.type === 'Identifier') {
    const variable = findVariable(context, node);
    const declarator = variable === undefined ? undefined : singleDeclarator(variable);
    return declarator?.init != null && declarator.id.type === 'Identifier' && isModuleObject(context, declarator.init, depth + 1);
  }
  return false;
}

export default defineRule({
  id: 'TSB113',
  name: 'module-compile',
  title: 'Source built at run time compiled as a module (Module#_compile, require-from-string)',
  cwe: [94, 95],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    dynamicModuleSource: '`{{callee}}` compiles source built at run time as a module with full Node.js access; load modules from files the application ships.',
  },
  docs: {
    why: "`Module.prototype._compile(source, filename)` is what `require` uses to run a file's source; packages such as require-from-string and node-eval wrap it. Called on text built at run time it is eval with `require` in scope: source that includes user input runs with the full authority of the process.",
    fix: 'Do not compile source strings. Ship the code as files and load them with a constant `require`/`import`, or use a data format (JSON) and a fixed set of handlers.',
    examples: {
      flagged: `import requireFromString from 'require-from-string';\nexport function loadConfig(source: string) {\n  return requireFromString(source, 'config.js');\n}`,
      safe: `export function loadConfig(source: string) {\n  return JSON.parse(source) as Record<string, unknown>;\n}`,
    },
    references: ['https://nodejs.org/api/modules.html#the-module-wrapper'],
  },
  create(context) {
    const report = (node: TSESTree.CallExpression, code: TSESTree.Node | undefined, callee: string, fallback?: Confidence): void => {
      const file = code === undefined ? undefined : fileContentPath(context, code);
      if (file !== undefined && isFixedPath(context, file)) return;
      const evidence = dynamicTextEvidence(context, [code], fallback);
      if (evidence !== undefined) context.report({ node, messageId: 'dynamicModuleSource', data: { callee }, confidence: evidence.confidence, flow: evidence.flow });
    };
    const mentionsCompile = fileMentions(context, '_compile');
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type === 'MemberExpression') {
          const method = staticPropertyName(callee);
          // Module.prototype._compile.call(mod, source, filename)
          if (method === 'call') {
            let target = skipWrappers(callee.object);
            // const original = Module.prototype._compile; original.call(this, source, filename)
            if (target.type === 'Identifier' && mentionsCompile()) target = skipWrappers(constInitializer(context, target) ?? target);
            if (target.type === 'MemberExpression' && staticPropertyName(target) === '_compile') {
              report(node, argumentAt(node, 1), 'Module#_compile', isModuleObject(context, target.object) ? undefined : 'low');
            }
            return;
          }
          if (method === '_compile') {
            // A `_compile` method taking (source, filename) on an object we cannot trace is matched by name only.
            if (node.arguments.length !== 2) return;
            report(node, argumentAt(node, 0), 'Module#_compile', isModuleObject(context, callee.object) ? undefined : 'low');
            return;
          }
        }
        const sink = resolveCalleeAmong(context, node, MODULE_FROM_STRING);
        if (sink !== undefined) report(node, argumentAt(node, 0), sink.slice(sink.lastIndexOf('.') + 1));
      },
    };
  },
});
