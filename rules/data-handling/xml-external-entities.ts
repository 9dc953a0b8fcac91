import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, findTaintFlow, findVariable, getStaticValue, isConstantString, resolveCalleeAmong, singleDeclarator, skipWrappers, staticKeyName } from '../../src/analysis/index.js';

/** libxml2 bindings whose options can substitute entities and load external DTDs. */
const LIBXML_PARSERS = new Set([
  'libxmljs.parseXml', 'libxmljs.parseXmlString', 'libxmljs.parseXmlAsync', 'libxmljs.parseXmlStringAsync',
  'libxmljs2.parseXml', 'libxmljs2.parseXmlString', 'libxmljs2.parseXmlAsync', 'libxmljs.default.parseXml', 'libxmljs2.default.parseXml',
  'libxmljs.Document.fromXml', 'libxmljs2.Document.fromXml', 'libxmljs.parseHtml', 'libxmljs2.parseHtml',
]);
/** Options that make libxml2 resolve external entities or fetch external DTDs. */
const DANGEROUS_OPTIONS = ['noent', 'dtdload', 'dtdvalid'] as const;

export default defineRule({
  id: 'TSB806',
  name: 'xml-external-entities',
  title: 'XML parsed with external entity substitution enabled (XXE)',
  cwe: [611],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.5,
  recommended: true,
  messages: {
    entitiesEnabled: '`{{callee}}` parses XML with `{{option}}: true`: a `<!ENTITY x SYSTEM "file:///etc/passwd">` in the document is read and expanded. Remove the option (libxml2 leaves entities unexpanded by default).',
  },
  docs: {
    why: 'With `noent: true` libxml2 replaces entity references by their definitions, including external ones (`SYSTEM "file:///..."` or `"http://..."`), and `dtdload`/`dtdvalid` fetch external DTDs. A document from a user can then read server files into the parsed result, reach internal URLs (SSRF) or expand nested entities until memory runs out. The JavaScript-only parsers (xml2js/sax, fast-xml-parser, @xmldom/xmldom, the browser DOMParser) never fetch external entities, so they are not reported.',
    fix: 'Drop `noent`, `dtdload` and `dtdvalid` when parsing documents you did not write; keep `nonet: true`. If entities are needed, expand only a known internal set after parsing.',
    examples: {
      flagged: `import libxmljs from 'libxmljs';\nimport express from 'express';\nconst app = express();\napp.post('/import', express.text({ type: 'application/xml' }), (req, res) => {\n  const doc = libxmljs.parseXml(req.body, { noent: true });\n  res.send(doc.root()?.name());\n});`,
      safe: `import libxmljs from 'libxmljs';\nimport express from 'express';\nconst app = express();\napp.post('/import', express.text({ type: 'application/xml' }), (req, res) => {\n  const doc = libxmljs.parseXml(req.body, { nonet: true });\n  res.send(doc.root()?.name());\n});`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html', 'https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing'],
    sources: ['njsscan:xxe_expat', 'semgrep:javascript.lang.security.audit.detect-libxmljs-xxe'],
  },
  create(context) {
    const enabledOption = (raw: TSESTree.Node | undefined): string | undefined => {
      let options = raw === undefined ? undefined : skipWrappers(raw);
      if (options?.type === 'Identifier') {
        const variable = findVariable(context, options);
        const declarator = variable === undefined ? undefined : singleDeclarator(variable);
        options = declarator?.init == null ? undefined : skipWrappers(declarator.init);
      }
      if (options?.type !== 'ObjectExpression') return undefined;
      for (const property of options.properties) {
        if (property.type !== 'Property') continue;
        const key = staticKeyName(property);
        if (key === undefined || !(DANGEROUS_OPTIONS as readonly string[]).includes(key)) continue;
        const value = getStaticValue(context, property.value);
        if (value !== undefined && (value.value === true || value.value === 1)) return key;
      }
      return undefined;
    };
    return {
      CallExpression(node) {
        const callee = resolveCalleeAmong(context, node, LIBXML_PARSERS);
        if (callee === undefined) return;
        const option = enabledOption(argumentAt(node, 1));
        if (option === undefined) return;
        const xml = argumentAt(node, 0);
        if (xml !== undefined && isConstantString(context, xml)) return;
        const flow = xml === undefined ? undefined : findTaintFlow(context, xml);
        context.report({ node, messageId: 'entitiesEnabled', data: { callee, option }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
