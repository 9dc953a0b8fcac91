import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, findTaintFlow, findVariable, resolveCallee, skipWrappers, staticPropertyName, stringParts } from '../../src/analysis/index.js';
import { isRegexEscaped } from '../../src/analysis/regex/escape.js';
import { constInitializer } from '../../src/analysis/static-value.js';
import { isDeclaredString } from '../../src/analysis/exec/evidence.js';
import type { AnalysisContext } from '../../src/analysis/index.js';

const REGEXP_CONSTRUCTORS = new Set(['RegExp']);
/** String methods that compile a string argument with `new RegExp(arg)` (not `replace`/`split`, which search for it literally). */
const IMPLICIT_REGEX_METHODS = new Set(['match', 'matchAll', 'search']);

/** `re.source`, `other.flags`: parts of another regex, already a pattern. */
function isRegexPart(node: TSESTree.Node): boolean {
  const part = skipWrappers(node);
  if (part.type === 'Literal' && 'regex' in part && part.regex !== undefined) return true;
  return part.type === 'MemberExpression' && (staticPropertyName(part) === 'source' || staticPropertyName(part) === 'flags');
}

/** Methods whose result is a string: `s.trim().match(q)` surely calls String.prototype.match. */
const STRING_RESULTS = new Set(['toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd', 'toString', 'normalize', 'slice', 'substring', 'substr', 'replace', 'replaceAll', 'padStart', 'padEnd', 'repeat', 'join', 'charAt']);

/**
 * Whether `.match()`/`.search()` is called on a string as the code shows it: a string literal or
 * template, a concatenation with one, `String(x)`, a string method's result, a value declared or
 * cast `string` (`isDeclaredString`), or a constant holding one of these. Routers and
 * normalizers have `match` methods too.
 */
function isVisiblyString(context: AnalysisContext, raw: TSESTree.Node, depth = 0): boolean {
  if (isDeclaredString(context, raw)) return true;
  const node = skipWrappers(raw);
  if (depth > 3) return false;
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string';
    case 'TemplateLiteral':
      return true;
    case 'BinaryExpression':
      return node.operator === '+' && (isVisiblyString(context, node.left, depth + 1) || isVisiblyString(context, node.right, depth + 1));
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      if (callee.type === 'Identifier') return callee.name === 'String';
      return callee.type === 'MemberExpression' && STRING_RESULTS.has(staticPropertyName(callee) ?? '');
    }
    case 'Identifier': {
      const init = constInitializer(context, node);
      return init !== undefined && isVisiblyString(context, init, depth + 1);
    }
    default:
      return false;
  }
}

export default defineRule({
  id: 'TSB803',
  name: 'regex-injection',
  title: 'Regular expression built from non-constant, unescaped text',
  cwe: [1333, 400],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 5.3,
  recommended: true,
  messages: {
    dynamicPattern: '`{{callee}}` compiles a pattern built from non-constant text: escape it (`_.escapeRegExp`, `escape-string-regexp`) or match it with `includes`/`startsWith` instead.',
    implicitPattern: '`.{{method}}()` compiles its string argument as a regular expression, and this one comes from the request: escape it and pass `new RegExp(...)`, or use `includes`/`indexOf` for a plain search.',
  },
  docs: {
    why: 'Text compiled as a regular expression is code for the regex engine. A user who controls it can write a catastrophic pattern such as `(a+)+$` and block the event loop (ReDoS), or widen a check: `.*` matches every string where a literal search was meant. It is reported with high confidence when request, URL or message data visibly reaches the pattern (medium for `.match()`/`.search()` on a receiver not visibly a string: routers and other objects have methods of those names), and with low confidence when a function compiles its own parameter as is; other non-constant text is not reported (libraries and linters build patterns from their own options all the time).',
    fix: 'Escape the text before building the pattern (`new RegExp(escapeStringRegexp(term), "i")`, `_.escapeRegExp`, or `s.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&")`), or avoid regexes: `text.toLowerCase().includes(term.toLowerCase())`.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.get('/search', (req, res) => {\n  const matcher = new RegExp(String(req.query.q), 'i');\n  res.json(['alpha', 'beta'].filter((name) => matcher.test(name)));\n});`,
      safe: `import express from 'express';\nimport escapeStringRegexp from 'escape-string-regexp';\nconst app = express();\napp.get('/search', (req, res) => {\n  const matcher = new RegExp(escapeStringRegexp(String(req.query.q)), 'i');\n  res.json(['alpha', 'beta'].filter((name) => matcher.test(name)));\n});`,
    },
    references: ['https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS'],
    sources: ['eslint-plugin-security:detect-non-literal-regexp', 'njsscan:regex_injection_dos'],
  },
  create(context) {
    /** A parameter declared `: RegExp` is a compiled regex, not text. */
    const isTypedRegExp = (node: TSESTree.Node): boolean => {
      const value = skipWrappers(node);
      if (value.type !== 'Identifier') return false;
      const def = findVariable(context, value)?.defs[0];
      const name = def?.name as TSESTree.Identifier | undefined;
      const annotation = name?.typeAnnotation?.typeAnnotation;
      return annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && annotation.typeName.name === 'RegExp';
    };
    const isParameter = (node: TSESTree.Node): boolean => {
      const value = skipWrappers(node);
      return value.type === 'Identifier' && findVariable(context, value)?.defs[0]?.type === 'Parameter';
    };
    const constructed = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      if (calleeWrittenName(node) !== 'RegExp') return;
      const callee = resolveCallee(context, node);
      if (callee === undefined || !REGEXP_CONSTRUCTORS.has(callee)) return;
      const source = argumentAt(node, 0);
      if (source === undefined || isRegexPart(source) || isTypedRegExp(source)) return;
      const parts = stringParts(context, source).dynamicParts.filter((part) => !isRegexPart(part) && !isRegexEscaped(context, part) && !isTypedRegExp(part));
      if (parts.length === 0) return;
      const flow = parts.map((part) => findTaintFlow(context, part, { isSanitized: (ctx, n) => isRegexEscaped(ctx, n) })).find((f) => f !== undefined);
      // Patterns built from a library's own options or a caller's argument are the norm (a
      // scan of 16,000 npm files found 1,086 of them): only input that visibly arrives is reported.
      // A function's own parameter compiled as is (`highlight(text, word)`) is where callers'
      // input arrives: reported at low confidence.
      if (flow === undefined && !parts.some(isParameter)) return;
      context.report({ node, messageId: 'dynamicPattern', data: { callee: node.type === 'NewExpression' ? 'new RegExp' : 'RegExp' }, confidence: flow ? 'high' : 'low', flow });
    };
    return {
      NewExpression: constructed,
      CallExpression(node) {
        constructed(node);
        // text.match(req.query.q): String methods turn a string argument into a RegExp.
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        if (method === undefined || !IMPLICIT_REGEX_METHODS.has(method)) return;
        const pattern = argumentAt(node, 0);
        if (pattern === undefined || isRegexPart(pattern) || isRegexEscaped(context, pattern)) return;
        const value = skipWrappers(pattern);
        if (value.type === 'NewExpression' || value.type === 'Literal') return;
        const flow = findTaintFlow(context, pattern, { isSanitized: (ctx, n) => isRegexEscaped(ctx, n) });
        if (flow === undefined) return;
        context.report({ node, messageId: 'implicitPattern', data: { method }, confidence: isVisiblyString(context, callee.object) ? 'high' : 'medium', flow });
      },
    };
  },
});
