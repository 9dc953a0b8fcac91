import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, findVariable, resolveReference, singleDeclarator, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import type { AnalysisContext } from '../../src/analysis/index.js';
import { specifierConfidence, specifierParts } from '../../src/analysis/exec/specifier.js';

/** The global `require`, a `createRequire(import.meta.url)` result, or `module.require`. */
function isRequireCall(context: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'MemberExpression') return staticPropertyName(callee) === 'require' && resolveReference(context, callee) === 'module.require';
  if (callee.type !== 'Identifier') return false;
  const variable = findVariable(context, callee);
  if (variable === undefined) return callee.name === 'require';
  const declarator = singleDeclarator(variable);
  if (declarator?.init == null || declarator.id.type !== 'Identifier') return false;
  const init = skipWrappers(declarator.init);
  return init.type === 'CallExpression' && resolveReference(context, init.callee) === 'module.createRequire';
}

export default defineRule({
  id: 'TSB109',
  name: 'dynamic-require',
  title: 'require() of a module path built at run time',
  cwe: [829, 94],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 6.5,
  recommended: false,
  messages: {
    dynamicRequire: '`require` loads and runs a module whose path is decided at run time; map allowed names to constant paths instead.',
  },
  docs: {
    why: '`require(path)` runs the module it loads. When the path includes a value from a request, a config file or the command line, it can name `../../` another file, a file an attacker uploaded, or a package with side effects, and that code runs with the full authority of the process. A specifier anchored under a fixed directory (`./locales/` + name) is less exposed but still reaches any file with `../`.',
    fix: 'Keep an allow-list that maps names to constant specifiers (`{ en: () => require(\'./locales/en.json\') }`), or validate the name against a fixed set before loading it.',
    examples: {
      flagged: `export function loadPlugin(name: string) {\n  return require('./plugins/' + name);\n}`,
      safe: `const PLUGINS: Record<string, () => unknown> = { csv: () => require('./plugins/csv'), json: () => require('./plugins/json') };\nexport function loadPlugin(name: string) {\n  const load = PLUGINS[name];\n  if (!load) throw new Error('unknown plugin');\n  return load();\n}`,
    },
    references: ['https://cwe.mitre.org/data/definitions/829.html'],
    sources: ['eslint-plugin-security:detect-non-literal-require'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        const written = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
        if (written !== 'require' || node.arguments.length !== 1) return;
        const specifier = argumentAt(node, 0);
        if (specifier === undefined) return;
        // The specifier first: most are literals, and deciding which `require` is called takes a scope analysis.
        const parts = specifierParts(context, specifier);
        if (parts.dynamicParts.length === 0 || !isRequireCall(context, node)) return;
        const flow = parts.dynamicParts.map((part) => findTaintFlow(context, part)).find((found) => found !== undefined);
        context.report({ node, messageId: 'dynamicRequire', confidence: specifierConfidence(parts, flow !== undefined), flow });
      },
    };
  },
});
