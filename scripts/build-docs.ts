import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { generatedDocs, GENERATED_BANNER, withReadmeTable } from '../src/docs/build.js';
import { renderSuppressionRuleDoc, SUPPRESSION_RULES } from '../src/suppress/diagnostics.js';
import { configSchema } from '../src/config/schema.js';
import { REPO_ROOT } from '../test/support/fixtures.js';
import { limitationsByRule } from './limitations.js';

/** npm run docs: writes docs/rules/*.md, the README rule table and the config JSON Schema from the rule metadata. */
const limitations = limitationsByRule(RULES);
const files = generatedDocs(RULES, (rule) => ({ limitations: limitations.get(rule.id) ?? [] }));
// The suppression pseudo-rules (TSB001, TSB002): pages only, not in the rule tables (they are not rules of the registry).
for (const rule of SUPPRESSION_RULES) files.set(`docs/rules/${rule.name}.md`, `${GENERATED_BANNER}\n\n${renderSuppressionRuleDoc(rule)}`);
const rulesDir = path.join(REPO_ROOT, 'docs', 'rules');
mkdirSync(rulesDir, { recursive: true });
for (const stale of readdirSync(rulesDir)) if (!files.has(`docs/rules/${stale}`)) rmSync(path.join(rulesDir, stale));
for (const [relative, text] of files) writeFileSync(path.join(REPO_ROOT, relative), text);
const readmePath = path.join(REPO_ROOT, 'README.md');
writeFileSync(readmePath, withReadmeTable(readFileSync(readmePath, 'utf8'), RULES));
mkdirSync(path.join(REPO_ROOT, 'schema'), { recursive: true });
writeFileSync(path.join(REPO_ROOT, 'schema', 'config.schema.json'), JSON.stringify(configSchema(RULES), null, 2) + '\n');
console.log(`wrote ${files.size} docs files, the README rule table and schema/config.schema.json`);
