import { defineRule } from '../../src/rule/index.js';
import { findTaintFlow } from '../../src/analysis/index.js';
import { specifierConfidence, specifierParts } from '../../src/analysis/exec/specifier.js';

export default defineRule({
  id: 'TSB110',
  name: 'dynamic-import',
  title: 'import() of a module specifier built at run time',
  cwe: [829, 94],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 6.5,
  recommended: false,
  messages: {
    dynamicImport: '`import()` loads and runs a module whose specifier is decided at run time; map allowed names to constant specifiers instead.',
  },
  docs: {
    why: 'A dynamic `import()` evaluates the module it loads. In Node.js, a specifier that includes a value from a request, a config file or the command line can name another file (`../`), an uploaded file, a `data:` URL with inline code, or any installed package, and that code runs with the authority of the process. Bundlers resolve `import("./pages/" + name)` to a fixed set of files at build time, so specifiers anchored under a directory are reported with low confidence.',
    fix: 'Map allowed names to constant specifiers (`const PAGES = { home: () => import(\'./pages/home.js\') }`) or check the name against a fixed list before importing.',
    examples: {
      flagged: `export async function runMigration(file: string) {\n  const migration = await import(file);\n  await migration.up();\n}`,
      safe: `const LOADERS = { csv: () => import('./formats/csv.js'), json: () => import('./formats/json.js') } as const;\nexport async function formatter(kind: keyof typeof LOADERS) {\n  return (await LOADERS[kind]()).default;\n}`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/import', 'https://cwe.mitre.org/data/definitions/829.html'],
  },
  create(context) {
    return {
      ImportExpression(node) {
        if (node.source.type === 'Literal') return;
        const parts = specifierParts(context, node.source);
        if (parts.dynamicParts.length === 0) return;
        const flow = parts.dynamicParts.map((part) => findTaintFlow(context, part)).find((found) => found !== undefined);
        context.report({ node, messageId: 'dynamicImport', confidence: specifierConfidence(parts, flow !== undefined), flow });
      },
    };
  },
});
