import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { findVariable, skipWrappers, staticPropertyName, type AnalysisContext } from '../../src/analysis/index.js';
import { isSafeUrlValue, isUrlCheckedBefore, urlFlow } from '../../src/analysis/html/values.js';
import { ensureParents } from '../../src/analysis/taint/tree.js';

/** URL attributes of intrinsic elements that navigate, frame or submit, with the tags where they do. */
const URL_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['href', new Set(['a', 'area', 'base'])],
  ['xlinkHref', new Set(['a'])],
  ['src', new Set(['iframe', 'frame', 'embed', 'script'])],
  ['action', new Set(['form'])],
  ['formAction', new Set(['button', 'input'])],
  ['data', new Set(['object'])],
]);

type Origin = 'data' | 'other';

/**
 * `NAV_LINKS.map((link) => <a href={link.href}>)`: the callback of an array method on a list the
 * developers wrote (a constant array literal, an imported or SCREAMING_CASE binding).
 */
function isConstantListCallback(context: AnalysisContext, fn: TSESTree.Node): boolean {
  ensureParents(context.sourceCode.ast);
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn || call.callee.type !== 'MemberExpression') return false;
  let list = skipWrappers(call.callee.object);
  while (list.type === 'CallExpression' && list.callee.type === 'MemberExpression') list = skipWrappers(list.callee.object); // LINKS.filter(...).map(...)
  while (list.type === 'MemberExpression') list = skipWrappers(list.object); // config.nav.items
  if (list.type === 'ArrayExpression') return true;
  if (list.type !== 'Identifier') return false;
  if (/^[A-Z][A-Z0-9_]+$/.test(list.name)) return true;
  const def = findVariable(context, list)?.defs[0];
  if (def?.type === 'ImportBinding') return true;
  if (def?.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  return init != null && skipWrappers(init).type === 'ArrayExpression';
}
const MAX_DEPTH = 8;

/**
 * Whether a URL value comes from props, state or fetched data (`props.url`, `{ website }`,
 * `const [link] = useState()`, `await res.json()`), as opposed to configuration, imports or a
 * builder function's result, which the rule leaves alone.
 */
function originOf(context: AnalysisContext, raw: TSESTree.Node, depth: number): Origin {
  if (depth > MAX_DEPTH) return 'other';
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'MemberExpression':
      if (node.object.type === 'ThisExpression') return staticPropertyName(node) === 'props' || staticPropertyName(node) === 'state' ? 'data' : 'other';
      return originOf(context, node.object, depth + 1);
    case 'TemplateLiteral':
      return node.expressions[0] === undefined ? 'other' : originOf(context, node.expressions[0], depth + 1);
    case 'BinaryExpression':
      return originOf(context, node.left, depth + 1);
    case 'ConditionalExpression':
      return originOf(context, node.consequent, depth + 1) === 'data' || originOf(context, node.alternate, depth + 1) === 'data' ? 'data' : 'other';
    case 'LogicalExpression':
      return originOf(context, node.left, depth + 1) === 'data' || originOf(context, node.right, depth + 1) === 'data' ? 'data' : 'other';
    case 'AwaitExpression':
      return 'data';
    case 'Identifier': {
      const variable = findVariable(context, node);
      const def = variable?.defs[0];
      if (variable === undefined || def === undefined) return 'other';
      if (def.type === 'Parameter') return isConstantListCallback(context, def.node as TSESTree.Node) ? 'other' : 'data';
      if (def.type !== 'Variable') return 'other';
      const declarator = def.node as TSESTree.VariableDeclarator;
      const init = declarator.init === null ? undefined : skipWrappers(declarator.init);
      if (init === undefined) return 'data';
      // const { data } = useQuery(...), const [url] = useState(...): values handed over by hooks.
      if (declarator.id.type !== 'Identifier') return init.type === 'CallExpression' || init.type === 'AwaitExpression' ? 'data' : originOf(context, init, depth + 1);
      return init.type === 'CallExpression' ? 'other' : originOf(context, init, depth + 1);
    }
    default:
      return 'other';
  }
}

export default defineRule({
  id: 'TSB305',
  name: 'react-javascript-url',
  title: 'JSX href/src/action given a URL from props or data that may be a javascript: URL',
  cwe: [79, 83],
  severity: 'medium',
  confidence: 'low',
  securitySeverity: 6.1,
  recommended: false,
  messages: {
    scriptUrl: '`<{{tag}} {{attribute}}={…}>` takes a URL from props or data; a `javascript:` URL would run script on click. Allow only http(s) or relative URLs.',
  },
  docs: {
    why: 'React escapes attribute text but does not check URL schemes: a `javascript:` URL stored by one user (a profile website, a link in a CMS entry) runs in another user\'s session when clicked or framed. React only warns about it.',
    fix: 'Check the scheme before rendering (`new URL(url).protocol` is `http:` or `https:`), prefix a constant origin or `/`, or use a URL sanitizer such as @braintree/sanitize-url.',
    examples: {
      flagged: `export function Website({ url }: { url: string }) {\n  return <a href={url}>Website</a>;\n}`,
      safe: `import { sanitizeUrl } from '@braintree/sanitize-url';\nexport function Website({ url }: { url: string }) {\n  return <a href={sanitizeUrl(url)}>Website</a>;\n}`,
      language: 'tsx',
    },
    references: ['https://legacy.reactjs.org/blog/2019/08/08/react-v16.9.0.html#deprecating-javascript-urls'],
    sources: ['eslint-plugin-react:jsx-no-script-url'],
  },
  create(context) {
    return {
      JSXAttribute(node) {
        if (node.name.type !== 'JSXIdentifier') return;
        const attribute = node.name.name;
        const tags = URL_ATTRIBUTES.get(attribute);
        if (tags === undefined || node.value?.type !== 'JSXExpressionContainer') return;
        const value = node.value.expression;
        if (value.type === 'JSXEmptyExpression') return;
        const element = node.parent;
        if (element?.type !== 'JSXOpeningElement' || element.name.type !== 'JSXIdentifier' || !tags.has(element.name.name)) return;
        if (isSafeUrlValue(context, value) || isUrlCheckedBefore(context, node, value)) return;
        const flow = urlFlow(context, value);
        if (flow === undefined && originOf(context, value, 0) !== 'data') return;
        context.report({ node, messageId: 'scriptUrl', data: { tag: element.name.name, attribute }, confidence: flow ? 'high' : undefined, flow });
      },
    };
  },
});
