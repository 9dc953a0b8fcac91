import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, resolveCalleeAmong } from '../../src/analysis/index.js';
import { untrustedParts } from '../../src/analysis/exec/evidence.js';
import { fileContentPath } from '../../src/analysis/exec/trusted.js';

/**
 * Template compilers whose template text can run JavaScript (lodash/underscore `<% %>`, EJS,
 * Pug `- code`, doT, nunjucks and Eta expressions), keyed by resolved callee, with the public
 * name to report. The template is the first argument.
 */
const CODE_TEMPLATES = new Map<string, string>([
  ['_.template', '_.template'], ['lodash.template', '_.template'], ['lodash/template', '_.template'], ['lodash-es.template', '_.template'],
  ['lodash-es/template', '_.template'], ['underscore.template', '_.template'],
  ['ejs.render', 'ejs.render'], ['ejs.compile', 'ejs.compile'],
  ['pug.render', 'pug.render'], ['pug.compile', 'pug.compile'], ['pug.compileClient', 'pug.compileClient'], ['jade.render', 'jade.render'], ['jade.compile', 'jade.compile'],
  ['dot.template', 'doT.template'], ['dot.compile', 'doT.compile'], ['doT.template', 'doT.template'], ['doT.compile', 'doT.compile'],
  ['nunjucks.renderString', 'nunjucks.renderString'], ['nunjucks.compile', 'nunjucks.compile'],
  ['eta.render', 'eta.render'], ['eta.renderString', 'eta.renderString'], ['eta.compile', 'eta.compile'],
  ['squirrelly.render', 'Sqrl.render'], ['squirrelly.compile', 'Sqrl.compile'],
]);
/** Logic-less engines: a template cannot run code, but request data compiled as a template has led to RCE (prototype access): reported only with a flow. */
const INPUT_ONLY_TEMPLATES = new Map<string, string>([
  ['handlebars.compile', 'Handlebars.compile'], ['handlebars.precompile', 'Handlebars.precompile'],
  ['Handlebars.compile', 'Handlebars.compile'], ['Handlebars.precompile', 'Handlebars.precompile'],
]);
const ALL_TEMPLATES: ReadonlySet<string> = new Set([...CODE_TEMPLATES.keys(), ...INPUT_ONLY_TEMPLATES.keys()]);

export default defineRule({
  id: 'TSB111',
  name: 'template-code-evaluation',
  title: 'Template engine compiles a template built at run time (server-side template injection)',
  cwe: [94, 1336],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    dynamicTemplate: '`{{callee}}` compiles a template built at run time, and its template syntax runs JavaScript; pass values as template data, never as template text.',
  },
  docs: {
    why: "Template engines such as lodash/underscore `_.template`, EJS, Pug, doT, nunjucks and Eta compile the template into a JavaScript function: `<%= process.mainModule.require('child_process').execSync('id') %>` in the template runs on the server. When user input becomes part of the template text (instead of the data rendered into it), the user writes code: server-side template injection. Handlebars templates cannot run code directly, but compiling request data has led to remote code execution through prototype access, so it is reported when input visibly reaches it.",
    fix: 'Keep template text constant (in files or literals) and pass user values in the data object: `ejs.render(TEMPLATE, { name })`, `_.template(TEMPLATE)({ name })`.',
    examples: {
      flagged: `import ejs from 'ejs';\nexport function greeting(name: string) {\n  return ejs.render('<h1>Hello ' + name + '</h1>');\n}`,
      safe: `import ejs from 'ejs';\nconst GREETING = '<h1>Hello <%= name %></h1>';\nexport function greeting(name: string) {\n  return ejs.render(GREETING, { name });\n}`,
    },
    references: ['https://portswigger.net/web-security/server-side-template-injection', 'https://cwe.mitre.org/data/definitions/1336.html'],
  },
  create(context) {
    return {
      CallExpression(node) {
        const resolved = resolveCalleeAmong(context, node, ALL_TEMPLATES);
        if (resolved === undefined) return;
        const template = argumentAt(node, 0);
        if (template === undefined || untrustedParts(context, [template]).length === 0) return;
        const flow = findTaintFlow(context, template);
        const callee = CODE_TEMPLATES.get(resolved);
        if (flow !== undefined) {
          context.report({ node, messageId: 'dynamicTemplate', data: { callee: callee ?? INPUT_ONLY_TEMPLATES.get(resolved) ?? resolved }, confidence: 'high', flow });
          return;
        }
        if (callee === undefined || fileContentPath(context, template) !== undefined) return;
        context.report({ node, messageId: 'dynamicTemplate', data: { callee } });
      },
    };
  },
});
