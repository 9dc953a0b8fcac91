import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticPropertyName } from '../ast.js';
import { resolveReference } from '../callee.js';
import { findVariable, singleDeclarator, type AnalysisContext } from '../scope.js';

/** Names under which jQuery (or a jQuery-compatible library: Zepto, Cash) is called. */
export const JQUERY_FUNCTION_NAMES: ReadonlySet<string> = new Set(['$', 'jQuery', 'jquery', 'cash', 'Zepto']);
/** Framework instance members that start with `$` but are not jQuery objects (Vue, Svelte stores). */
const NOT_JQUERY_MEMBERS = new Set(['$refs', '$root', '$parent', '$children', '$slots', '$scopedSlots', '$attrs', '$listeners', '$props', '$data', '$options', '$store', '$router', '$route', '$emit', '$nextTick', '$watch', '$set', '$t', '$i18n', '$http', '$axios']);
const MAX_DEPTH = 12;

/** True when `callee` (a `$` or `jQuery` identifier) is jQuery: a global, or imported from jquery/cash-dom/zepto. */
export function isJqueryFunction(context: AnalysisContext, callee: Node): boolean {
  const node = skipWrappers(callee);
  if (node.type !== 'Identifier' || !JQUERY_FUNCTION_NAMES.has(node.name)) return false;
  const variable = findVariable(context, node);
  if (variable === undefined) return true;
  const resolved = resolveReference(context, node);
  return resolved === 'jquery' || resolved === 'cash-dom' || resolved === 'zepto' || resolved === 'jquery.default' || resolved === 'jquery.$';
}

/**
 * True when an expression is a jQuery object: a chain starting at `$(...)`/`jQuery(...)`, a `$name`
 * variable or member (`$list`, `this.$el`, jQuery's naming convention), or a local bound to one.
 */
export function isJqueryObject(context: AnalysisContext, raw: Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'CallExpression': {
      const callee = skipWrappers(node.callee);
      if (callee.type === 'Identifier') return isJqueryFunction(context, callee);
      // $('#a').find('b').first(): every method of a jQuery object returns one.
      return callee.type === 'MemberExpression' && isJqueryObject(context, callee.object, depth + 1);
    }
    case 'Identifier': {
      if (node.name.length > 1 && node.name.startsWith('$') && !NOT_JQUERY_MEMBERS.has(node.name)) return true;
      const variable = findVariable(context, node);
      const declarator = variable === undefined ? undefined : singleDeclarator(variable);
      return declarator !== undefined && declarator.id.type === 'Identifier' && declarator.init !== null && isJqueryObject(context, declarator.init, depth + 1);
    }
    case 'MemberExpression': {
      const name = staticPropertyName(node);
      return name !== undefined && name.length > 1 && name.startsWith('$') && !NOT_JQUERY_MEMBERS.has(name);
    }
    default:
      return false;
  }
}

/** The receiver of a method call, when the callee is written `receiver.method`. */
export function methodReceiver(call: TSESTree.CallExpression): TSESTree.Expression | undefined {
  const callee = skipWrappers(call.callee);
  return callee.type === 'MemberExpression' ? callee.object : undefined;
}
