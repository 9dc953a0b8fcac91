import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { findTaintFlow, findVariable, getStaticValue, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { keyOrigin, type KeyOrigin } from '../../src/analysis/data/object-keys.js';
import { isValidatedValue } from '../../src/analysis/taint/guards.js';
import { ensureParents, isFunction, returnedExpressions, type FunctionNode } from '../../src/analysis/taint/tree.js';

/**
 * Text that shows the code knows about prototype keys: a comparison with `__proto__`,
 * `'constructor'` or `'prototype'`, a deny-list, or a key-checking helper.
 */
const PROTOTYPE_GUARD = /__proto__|(['"`])(?:constructor|prototype)\1|\b(?:forbidden|unsafe|dangerous|blocked|banned|reserved|illegal|disallowed|prototype|proto|deny|black)_?(?:keys?|props?|properties|names|list)\b|\bis_?(?:safe|unsafe|proto|prototype|dangerous|forbidden|valid|allowed)_?(?:key|prop|property|path|segment)\b|\bisPrototypePolluted\b|Object\.create\(\s*null\s*\)/i;
const OWN_CHECK = /(?:\bhasOwn|\bhasOwnProperty\.call)\(\s*([\w$.]+)|([\w$.]+)\.hasOwnProperty\(/g;

interface Candidate {
  readonly node: TSESTree.AssignmentExpression;
  readonly origin: KeyOrigin;
  readonly valueWrite: boolean;
}

/** `{}`, `[]`, `Object.create(...)`, `new X()`, `a[k] || {}`: a fresh container made to walk into, not the written value. */
function isContainer(raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === 'ObjectExpression' || node.type === 'ArrayExpression' || node.type === 'NewExpression') return true;
  if (node.type === 'LogicalExpression') return isContainer(node.right);
  if (node.type === 'ConditionalExpression') return isContainer(node.consequent) && isContainer(node.alternate);
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') return staticPropertyName(node.callee) === 'create';
  return false;
}

/** The text from `start` (just after a call's opening parenthesis) to its closing one. */
function argumentsText(body: string, start: number): string {
  let depth = 1;
  for (let i = start; i < body.length; i++) {
    const char = body[i];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return body.slice(start, i);
  }
  return body.slice(start);
}

/** `acc[k]` with `acc` named `name`. */
function isPropertyOf(raw: TSESTree.Node, name: string): boolean {
  const node = skipWrappers(raw);
  if (node.type !== 'MemberExpression' || !node.computed) return false;
  const object = skipWrappers(node.object);
  return object.type === 'Identifier' && object.name === name;
}

/**
 * Whether a reduce callback's result is a property of its accumulator `name` (`acc[k]`,
 * `acc[k] ??= {}`, `(acc[k] = acc[k] || {})`, `acc[k] || (acc[k] = {})`), so the next step writes
 * one level down. `(acc[k] = v, acc)` returns the accumulator itself: a flat object being filled.
 */
function descendsInto(raw: TSESTree.Node, name: string): boolean {
  const node = skipWrappers(raw);
  switch (node.type) {
    case 'SequenceExpression':
      return node.expressions.length > 0 && descendsInto(node.expressions[node.expressions.length - 1]!, name);
    case 'AssignmentExpression':
      return isPropertyOf(node.left, name);
    case 'LogicalExpression':
      return descendsInto(node.left, name) || descendsInto(node.right, name);
    case 'ConditionalExpression':
      return descendsInto(node.consequent, name) || descendsInto(node.alternate, name);
    default:
      return isPropertyOf(node, name);
  }
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') {
    if (fn.id != null) return fn.id.name;
  }
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  return undefined;
}

export default defineRule({
  id: 'TSB801',
  name: 'prototype-pollution-merge',
  title: 'Recursive merge or path setter writes keys from another object without a __proto__ guard',
  cwe: [1321, 915],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 7.3,
  recommended: true,
  messages: {
    recursiveMerge: 'This merge writes `{{target}}` with keys of `{{source}}` and recurses into them: a `__proto__` or `constructor.prototype` key pollutes Object.prototype. Skip those keys, or check the target owns the key before descending.',
    pathSetter: 'This setter walks `{{target}}` along the segments of `{{source}}`: a path such as `__proto__.isAdmin` pollutes Object.prototype. Reject `__proto__`, `constructor` and `prototype` segments, or use a Map / Object.create(null).',
  },
  docs: {
    why: 'A JSON body may contain the key `__proto__` as an ordinary own property. A deep merge or a dotted-path setter that copies such keys walks from the target into `Object.prototype` and writes there, so every object in the process suddenly has the attacker\'s property (`isAdmin: true`, `shell: "/bin/sh"`...). This leads to authorisation bypasses, denial of service and, through gadgets in template engines or child_process options, remote code execution.',
    fix: 'Skip the keys `__proto__`, `constructor` and `prototype` (or accept only an allow-list of keys), only descend into properties the target owns (`Object.hasOwn(target, key)`), build targets with `Object.create(null)`, or use a maintained library (current `lodash.merge`, `deepmerge`) instead of a hand-written helper.',
    examples: {
      flagged: `export function deepMerge(target: any, source: any) {\n  for (const key in source) {\n    if (typeof source[key] === 'object' && source[key] !== null) {\n      if (!target[key]) target[key] = {};\n      deepMerge(target[key], source[key]);\n    } else {\n      target[key] = source[key];\n    }\n  }\n  return target;\n}`,
      safe: `export function deepMerge(target: any, source: any) {\n  for (const key of Object.keys(source)) {\n    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;\n    if (typeof source[key] === 'object' && source[key] !== null) {\n      if (!target[key]) target[key] = {};\n      deepMerge(target[key], source[key]);\n    } else {\n      target[key] = source[key];\n    }\n  }\n  return target;\n}`,
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Prototype_Pollution_Prevention_Cheat_Sheet.html', 'https://github.com/HoLyVieR/prototype-pollution-nsec18'],
    sources: ['semgrep:javascript.lang.security.audit.prototype-pollution.prototype-pollution-loop'],
  },
  create(context) {
    const byFunction = new Map<TSESTree.Node, Candidate[]>();
    const text = (node: TSESTree.Node): string => context.sourceCode.getText(node);

    const enclosingFunction = (node: TSESTree.Node): FunctionNode | TSESTree.Program => {
      for (let current = node.parent; current != null; current = current.parent) if (isFunction(current)) return current;
      return context.sourceCode.ast;
    };

    /** The helper a write belongs to: the nearest named function, through callbacks (`Object.keys(s).forEach(k => ...)`). */
    const helperOf = (node: TSESTree.Node): FunctionNode | TSESTree.Program => {
      let current = enclosingFunction(node);
      let outermost = current;
      for (let i = 0; i < 3 && current.type !== 'Program'; i++) {
        if (functionName(current) !== undefined) return current;
        outermost = current;
        current = enclosingFunction(current);
      }
      // Callbacks of an anonymous handler: the handler holds the whole setter.
      return outermost;
    };

    const escape = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    /**
     * The merge recurses: the enclosing function calls itself by name. With `into` (the written
     * object and key), the call must descend into that property (`merge(target[key], ...)`):
     * a copy that recurses only on the source (`out[k] = clone(src[k])`) builds fresh objects.
     */
    const recurses = (fn: FunctionNode | TSESTree.Program, into?: { object: string; key: string }): boolean => {
      if (fn.type === 'Program') return false;
      const name = functionName(fn);
      if (name === undefined) return false;
      const body = text(fn.body);
      const calls = [...body.matchAll(new RegExp(`(?:^|[^\\w$.]|this\\.)${escape(name)}\\s*\\(`, 'g'))];
      if (into === undefined) return calls.length > 0;
      // The descent must be among the call's own arguments: code without semicolons gives no
      // other statement boundary (`merge(a.cause)` … `error[key] = …` is not a descent).
      const descent = new RegExp(`${escape(into.object)}\\s*(?:\\?\\.)?\\[\\s*${escape(into.key)}\\s*\\]`);
      return calls.some((call) => descent.test(argumentsText(body, (call.index ?? 0) + call[0].length)));
    };

    /** `cur = cur[k]`, `node = node[part] ??= {}`: the object is walked down along the keys. */
    const isWalked = (object: TSESTree.Node, origin: KeyOrigin): boolean => {
      const base = skipWrappers(object);
      if (base.type !== 'Identifier') return false;
      if (origin.callback !== undefined && origin.callback.params[0]?.type === 'Identifier' && origin.callback.params[0].name === base.name) {
        // reduce((acc, key) => ..., obj): the callback's result is the next accumulator.
        return returnedExpressions(origin.callback).some((returned) => descendsInto(returned, base.name));
      }
      const variable = findVariable(context, base);
      if (variable === undefined) return false;
      return variable.references.some((reference) => {
        if (reference.init === true || !reference.isWrite() || reference.writeExpr == null) return false;
        let value = skipWrappers(reference.writeExpr as TSESTree.Node);
        for (let i = 0; i < 3; i++) {
          if (value.type === 'LogicalExpression') value = skipWrappers(value.left);
          else if (value.type === 'AssignmentExpression') value = skipWrappers(value.left);
        }
        return value.type === 'MemberExpression' && value.computed && skipWrappers(value.object).type === 'Identifier' && (skipWrappers(value.object) as TSESTree.Identifier).name === base.name;
      });
    };

    /** `const out = {}` in this function: a copy being built, whose own prototype is the only one at stake. */
    const isFreshLocal = (object: TSESTree.Node, fn: FunctionNode | TSESTree.Program): boolean => {
      if (object.type !== 'Identifier') return false;
      const def = findVariable(context, object)?.defs[0];
      if (def?.type !== 'Variable') return false;
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.init === null || !isContainer(declarator.init)) return false;
      return enclosingFunction(declarator) === fn && !isWalked(object, { kind: 'pathSegment', source: object });
    };

    const isNonConstantKey = (node: TSESTree.Node): boolean => getStaticValue(context, node) === undefined;

    const guarded = (fn: FunctionNode | TSESTree.Program, origin: KeyOrigin, key: TSESTree.Node): boolean => {
      if (isValidatedValue(context, key)) return true;
      const body = text(fn);
      if (PROTOTYPE_GUARD.test(body)) return true;
      const source = text(origin.source);
      for (const match of body.matchAll(OWN_CHECK)) {
        const checked = match[1] ?? match[2] ?? '';
        // Checking that the *source* owns the key does not help: JSON.parse makes `__proto__` an own key.
        if (origin.kind === 'pathSegment' || (checked !== source && !checked.startsWith('Object.prototype'))) return true;
      }
      return false;
    };

    return {
      AssignmentExpression(node) {
        const left = node.left;
        if (left.type !== 'MemberExpression' || !left.computed) return;
        const key = skipWrappers(left.property);
        if (key.type === 'Literal' || key.type === 'PrivateIdentifier') return;
        ensureParents(context.sourceCode.ast);
        const object = skipWrappers(left.object);
        const nested = object.type === 'MemberExpression' && object.computed && isNonConstantKey(object.property);
        // config[req.body.section][req.body.key] = value: two levels of keys straight from the request.
        const origin = keyOrigin(context, key) ?? (nested && isNonConstantKey(key) && findTaintFlow(context, object.property) !== undefined ? { kind: 'pathSegment' as const, source: object.property } : undefined);
        if (origin === undefined || getStaticValue(context, origin.source) !== undefined) return;
        const fn = helperOf(node);
        if (!nested && isFreshLocal(object, enclosingFunction(node))) return;
        const shaped = nested || (origin.kind === 'objectKeys' ? recurses(fn, { object: text(object), key: text(key) }) : isWalked(object, origin));
        if (!shaped || guarded(fn, origin, key)) return;
        const list = byFunction.get(fn) ?? [];
        list.push({ node, origin, valueWrite: !isContainer(node.right) && !(node.right.type === 'CallExpression' && recurses(fn) && fn.type !== 'Program' && text(node.right.callee) === functionName(fn)) });
        byFunction.set(fn, list);
      },
      'Program:exit'() {
        for (const candidates of byFunction.values()) {
          const chosen = candidates.find((c) => c.valueWrite) ?? candidates[0];
          if (chosen === undefined) continue;
          const { node, origin } = chosen;
          const flow = findTaintFlow(context, origin.source);
          const target = text((node.left as TSESTree.MemberExpression).object);
          context.report({
            node,
            messageId: origin.kind === 'objectKeys' ? 'recursiveMerge' : 'pathSetter',
            data: { target: target.length > 40 ? `${target.slice(0, 37)}...` : target, source: text(origin.source).slice(0, 40) },
            confidence: flow ? 'high' : undefined,
            flow,
          });
        }
        byFunction.clear();
      },
    };
  },
});
