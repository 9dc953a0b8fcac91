import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, findVariable, getStaticValue, resolveCalleeAmong, singleDeclarator, skipWrappers, type TaintFlow } from '../../src/analysis/index.js';

/** Deep-merge functions: every argument after the first is copied into the first, recursively. */
const MERGES = new Set([
  'lodash.merge', 'lodash.mergeWith', 'lodash.defaultsDeep', 'lodash/merge', 'lodash/mergeWith', 'lodash/defaultsDeep',
  'lodash-es.merge', 'lodash-es.mergeWith', 'lodash-es.defaultsDeep', 'lodash.mergewith', 'lodash.defaultsdeep', '_.merge', '_.mergeWith', '_.defaultsDeep',
  'deep-extend', 'merge-deep', 'mixin-deep', 'assign-deep', 'defaults-deep', 'merge.recursive', 'merge-recursive', 'just-merge',
]);
/** `extend(true, target, ...sources)`: deep only with a leading `true`. */
const DEEP_EXTENDS = new Set(['extend', 'jquery.extend', '$.extend', 'jQuery.extend', 'just-extend', 'node.extend']);
/** Path setters: the path argument (index) names where to write. */
const PATH_SETTERS: ReadonlyMap<string, number> = new Map([
  ['lodash.set', 1], ['lodash.setWith', 1], ['lodash/set', 1], ['lodash/setWith', 1], ['lodash-es.set', 1], ['lodash-es.setWith', 1],
  ['lodash.setwith', 1], ['_.set', 1], ['_.setWith', 1], ['lodash.zipObjectDeep', 0], ['lodash/zipObjectDeep', 0], ['_.zipObjectDeep', 0],
  ['dset', 1], ['dset.dset', 1], ['dot-prop.set', 1], ['dot-prop.setProperty', 1], ['object-path.set', 1], ['object-path.insert', 1],
  ['object-path.push', 1], ['object-path.ensureExists', 1], ['set-value', 1], ['nested-property.set', 1], ['dot-object.str', 0], ['flat.unflatten', 0],
]);
const OBJECT_ASSIGN = new Set(['Object.assign']);
const JSON_PARSE = new Set(['JSON.parse']);
const ALL = new Set([...MERGES, ...DEEP_EXTENDS, ...PATH_SETTERS.keys(), ...OBJECT_ASSIGN]);

const CONVERSIONS = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'encodeURIComponent']);

/** A value that may be an object with keys (not text or a number made from it). */
function carriesKeys(raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'TemplateLiteral' || node.type === 'BinaryExpression' || node.type === 'UnaryExpression') return false;
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && CONVERSIONS.has(node.callee.name)) return false;
  return true;
}

export default defineRule({
  id: 'TSB802',
  name: 'prototype-pollution-library',
  title: 'Request data passed to a deep merge, path setter or Object.assign that can write __proto__',
  cwe: [1321, 915],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.3,
  recommended: true,
  messages: {
    deepMerge: '`{{callee}}` deep-merges request data: a `__proto__` key in it pollutes Object.prototype in vulnerable versions. Pick the expected fields, validate with a schema, or merge into Object.create(null).',
    pathSet: '`{{callee}}` writes at a path taken from the request: `__proto__.x` or `constructor.prototype.x` pollutes Object.prototype. Check the path against an allow-list.',
    assignParsed: '`Object.assign` copies parsed JSON from the request: its own `__proto__` key replaces the target\'s prototype. Copy known fields, or validate the object first.',
  },
  docs: {
    why: 'JSON parsers (and body parsers built on them) keep `__proto__` as an ordinary own key. Deep-merge helpers (`_.merge`, `_.defaultsDeep`, `deep-extend`, `$.extend(true, ...)`) and path setters (`_.set`, `dset`, `dot-prop`, `object-path`) follow such keys into `Object.prototype` in their vulnerable versions and write there, changing every object in the process. `Object.assign` with a parsed object sets the target\'s prototype to attacker data. Lodash fixed merge and set in 4.17.12 to 4.17.20, but old versions remain common in lock files, and the other libraries vary.',
    fix: 'Do not merge request data wholesale: pick known fields, validate the body with a schema (zod, joi, class-validator) that rejects unknown keys, check paths against an allow-list, keep the libraries current, or merge into `Object.create(null)`.',
    examples: {
      flagged: `import express from 'express';\nimport _ from 'lodash';\nconst app = express();\nconst defaults = { theme: 'light' };\napp.post('/prefs', express.json(), (req, res) => {\n  res.json(_.merge({}, defaults, req.body));\n});`,
      safe: `import express from 'express';\nimport _ from 'lodash';\nconst app = express();\nconst defaults = { theme: 'light' };\napp.post('/prefs', express.json(), (req, res) => {\n  res.json(_.merge({}, defaults, { theme: String(req.body.theme) }));\n});`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Prototype_Pollution_Prevention_Cheat_Sheet.html', 'https://security.snyk.io/vuln/SNYK-JS-LODASH-450202'],
    sources: ['njsscan:node_prototype_pollution', 'semgrep:javascript.lang.security.audit.prototype-pollution.prototype-pollution-function'],
  },
  create(context) {
    /** Request data, or JSON parsed from request data, reaching `node`. */
    const requestFlow = (node: TSESTree.Node | undefined): TaintFlow | undefined => {
      if (node === undefined) return undefined;
      const value = skipWrappers(node);
      if (getStaticValue(context, value) !== undefined) return undefined;
      // { theme: String(req.body.theme) }: chosen fields, converted to text, carry no keys.
      if (value.type === 'ObjectExpression') return value.properties.map((p) => requestFlow(p.type === 'Property' ? p.value : p.argument)).find((f) => f !== undefined);
      if (!carriesKeys(value)) return undefined;
      return findTaintFlow(context, value);
    };
    /** `JSON.parse(...)` of request data, directly or through a local. */
    const parsedRequestJson = (node: TSESTree.Node | undefined, depth = 0): TaintFlow | undefined => {
      if (node === undefined || depth > 3) return undefined;
      const value = skipWrappers(node);
      if (value.type === 'CallExpression' && resolveCalleeAmong(context, value, JSON_PARSE) !== undefined) return findTaintFlow(context, value);
      if (value.type === 'Identifier') {
        const variable = findVariable(context, value);
        const declarator = variable === undefined ? undefined : singleDeclarator(variable);
        if (declarator?.id.type === 'Identifier' && declarator.init != null) return parsedRequestJson(declarator.init, depth + 1);
      }
      return undefined;
    };
    const check = (node: TSESTree.CallExpression): void => {
      const callee = resolveCalleeAmong(context, node, ALL);
      if (callee === undefined) return;
      const args = node.arguments.map((a) => (a.type === 'SpreadElement' ? a.argument : a)) as TSESTree.Node[];
      if (OBJECT_ASSIGN.has(callee)) {
        const flow = args.slice(1).map((a) => parsedRequestJson(a)).find((f) => f !== undefined);
        if (flow !== undefined) context.report({ node, messageId: 'assignParsed', confidence: 'high', flow });
        return;
      }
      const pathIndex = PATH_SETTERS.get(callee);
      if (pathIndex !== undefined) {
        const path = argumentAt(node, pathIndex);
        const flow = path === undefined || getStaticValue(context, path) !== undefined ? undefined : findTaintFlow(context, path);
        if (flow !== undefined) context.report({ node, messageId: 'pathSet', data: { callee }, confidence: 'high', flow });
        return;
      }
      let sources = args.slice(1);
      if (DEEP_EXTENDS.has(callee)) {
        if (getStaticValue(context, args[0] ?? node)?.value !== true) return;
        sources = args.slice(2);
      }
      const flow = sources.map((a) => requestFlow(a)).find((f) => f !== undefined);
      if (flow !== undefined) context.report({ node, messageId: 'deepMerge', data: { callee }, confidence: 'high', flow });
    };
    return { CallExpression: check };
  },
});
