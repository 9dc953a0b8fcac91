import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, findVariable, getStaticValue, isConstantString, resolveCalleeAmong, resolveReference, singleDeclarator, skipWrappers, staticKeyName } from '../../src/analysis/index.js';

/** Deserializers that rebuild functions with eval: any input they parse can run code. */
const EVAL_DESERIALIZERS = new Set([
  'node-serialize.unserialize', 'serialize-to-js.deserialize', 'funcster.deepDeserialize', 'funcster.deserialize', 'cryo.parse',
  'serialize-to-js.default.deserialize',
]);
/** js-yaml loaders: safe in v4 with the default schema, unsafe with the full schema (and in v3). */
const YAML_LOADS = new Set(['js-yaml.load', 'js-yaml.loadAll', 'js-yaml.default.load', 'js-yaml.default.loadAll']);
/** Schemas that construct JavaScript functions and regexes (`!!js/function`). */
const UNSAFE_SCHEMA = /DEFAULT_FULL_SCHEMA|js-yaml-js-types|jsTypes|\bjs_?types\b/;
/** BSON and v8 deserializers: dangerous options or untrusted bytes. */
const BSON_DESERIALIZE = new Set(['bson.deserialize', 'bson.BSON.deserialize', 'bson.default.deserialize', 'mongodb.BSON.deserialize']);
const V8_DESERIALIZE = new Set(['v8.deserialize']);
const SERIALIZE_JAVASCRIPT = new Set(['serialize-javascript']);
const ALL = new Set([...EVAL_DESERIALIZERS, ...YAML_LOADS, ...BSON_DESERIALIZE, ...V8_DESERIALIZE, ...SERIALIZE_JAVASCRIPT]);

export default defineRule({
  id: 'TSB805',
  name: 'insecure-deserialization',
  title: 'Deserialization that can run code: node-serialize, unsafe js-yaml schemas, funcster, BSON evalFunctions',
  cwe: [502],
  severity: 'critical',
  confidence: 'medium',
  securitySeverity: 9.1,
  recommended: true,
  messages: {
    evalDeserializer: '`{{callee}}` rebuilds functions with eval: a crafted payload (`_$$ND_FUNC$$_function(){...}()`) runs code on parse. Exchange plain JSON and parse it with JSON.parse.',
    unsafeYamlSchema: '`{{callee}}` loads YAML with a schema that constructs JavaScript functions (`!!js/function`): parse untrusted YAML with the default (safe) schema of js-yaml 4.',
    yamlV3Load: '`{{callee}}` on request data runs `!!js/function` tags in js-yaml 3.x, where `load` is the unsafe loader: use js-yaml 4, or `safeLoad` on 3.x.',
    bsonEvalFunctions: '`{{callee}}` with `evalFunctions: true` evaluates code stored in the document: remove the option.',
    v8Deserialize: '`v8.deserialize` of request data: the V8 format is not meant for untrusted input; exchange JSON instead.',
    unsafeSerialize: '`serialize-javascript` with `unsafe: true` skips HTML escaping: the output embedded in a page can close the `<script>` tag. Remove `unsafe`.',
  },
  docs: {
    why: 'Some serializers store functions as source text and rebuild them with `eval` or `new Function` when parsing (node-serialize, serialize-to-js, funcster, cryo), and js-yaml\'s full schema builds functions from `!!js/function` tags. Parsing attacker data with them runs the attacker\'s code in the server (the node-serialize IIFE exploit). BSON\'s `evalFunctions` evaluates stored code, `v8.deserialize` is not hardened against hostile bytes, and `serialize-javascript`\'s `unsafe` mode skips the escaping that keeps its output safe inside HTML.\n\nPolicy for js-yaml: `load` with an explicit unsafe schema is always reported; `load` without a schema is reported (low confidence) only when request data reaches it, since js-yaml 3.x `load` is unsafe and 4.x `load` is safe. Code that evaluates serialized text itself (`eval("(" + s + ")")`, `vm.runInNewContext`) is reported by the code-execution rules (TSB1xx), not here.',
    fix: 'Exchange plain JSON (`JSON.parse`) and validate it. For YAML use js-yaml 4 `load` with the default schema (or `yaml`\'s `parse`); never enable JavaScript types for untrusted input.',
    examples: {
      flagged: `import serialize from 'node-serialize';\nimport express from 'express';\nconst app = express();\napp.get('/profile', (req, res) => {\n  const profile = serialize.unserialize(Buffer.from(req.cookies.profile, 'base64').toString());\n  res.send(profile.name);\n});`,
      safe: `import express from 'express';\nconst app = express();\napp.get('/profile', (req, res) => {\n  const profile = JSON.parse(Buffer.from(req.cookies.profile, 'base64').toString());\n  res.send(String(profile.name));\n});`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html', 'https://github.com/nodeca/js-yaml/blob/master/migrate_v3_to_v4.md'],
    sources: ['njsscan:node_deserialize', 'njsscan:yaml_deserialize', 'semgrep:javascript.lang.security.audit.unsafe-serialize-javascript'],
  },
  create(context) {
    const option = (raw: TSESTree.Node | undefined, key: string): TSESTree.Node | undefined => {
      const node = raw === undefined ? undefined : skipWrappers(raw);
      if (node?.type !== 'ObjectExpression') return undefined;
      for (const property of node.properties) if (property.type === 'Property' && staticKeyName(property) === key) return property.value;
      return undefined;
    };
    /** The schema as written, through one `const` (`const schema = DEFAULT_SCHEMA.extend(jsTypes)`), and what it resolves to. */
    const describe = (raw: TSESTree.Node): string => {
      const node = skipWrappers(raw);
      let text = context.sourceCode.getText(node) + ' ' + (resolveReference(context, node) ?? '');
      if (node.type === 'Identifier') {
        const variable = findVariable(context, node);
        const declarator = variable === undefined ? undefined : singleDeclarator(variable);
        if (declarator?.init != null) text += ' ' + context.sourceCode.getText(declarator.init);
      }
      return text;
    };
    const isOn = (value: TSESTree.Node | undefined): boolean => value !== undefined && getStaticValue(context, value)?.value === true;
    return {
      CallExpression(node) {
        const callee = resolveCalleeAmong(context, node, ALL);
        if (callee === undefined) return;
        const input = argumentAt(node, 0);
        const flow = input === undefined ? undefined : findTaintFlow(context, input);
        const confidence = flow !== undefined ? 'high' : undefined;
        if (EVAL_DESERIALIZERS.has(callee)) {
          if (input === undefined || isConstantString(context, input)) return;
          context.report({ node, messageId: 'evalDeserializer', data: { callee }, confidence, flow });
          return;
        }
        if (YAML_LOADS.has(callee)) {
          if (input === undefined || isConstantString(context, input)) return;
          const schema = option(argumentAt(node, 1), 'schema');
          const schemaText = schema === undefined ? '' : describe(schema);
          if (UNSAFE_SCHEMA.test(schemaText)) {
            context.report({ node, messageId: 'unsafeYamlSchema', data: { callee }, confidence, flow });
          } else if (schema === undefined && flow !== undefined) {
            context.report({ node, messageId: 'yamlV3Load', data: { callee }, confidence: 'low', flow });
          }
          return;
        }
        if (BSON_DESERIALIZE.has(callee)) {
          if (isOn(option(argumentAt(node, 1), 'evalFunctions'))) context.report({ node, messageId: 'bsonEvalFunctions', data: { callee }, confidence, flow });
          return;
        }
        if (V8_DESERIALIZE.has(callee)) {
          if (flow !== undefined) context.report({ node, messageId: 'v8Deserialize', confidence: 'high', flow });
          return;
        }
        if (SERIALIZE_JAVASCRIPT.has(callee) && isOn(option(argumentAt(node, 1), 'unsafe')) && input !== undefined && !isConstantString(context, input)) {
          context.report({ node, messageId: 'unsafeSerialize', confidence: flow !== undefined ? 'high' : 'medium', flow });
        }
      },
    };
  },
});
