import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticPropertyName } from './ast.js';
import { isNumericOrBoolean } from './numeric.js';
import { findVariable, singleDeclarator, type AnalysisContext } from './scope.js';
import { getStaticValue, isConstantString } from './static-value.js';
import { isValidatedValue } from './taint/guards.js';
import { ensureParents } from './taint/tree.js';
import { isConfiguredSanitizerCall } from './extensions.js';

/** A string expression split into the text the code fixes and the parts it does not. */
export interface StringParts {
  /** The constant text, in order, with each dynamic part replaced by a space. */
  readonly constantText: string;
  /** Parts whose value is decided at run time and may carry text (not numbers or booleans). */
  readonly dynamicParts: readonly Node[];
  /** True when the string is assembled here (concatenation, template, `.concat`, `.join`), not just passed along. */
  readonly isBuilt: boolean;
}

const MAX_DEPTH = 8;
/**
 * Parts looked at per call. A generated renderer (react-dom-server: hundreds of `+=` into
 * variables built from other built variables) otherwise expands the same writes over and over,
 * exponentially; past the budget what is left counts as dynamic, which errs towards reporting.
 */
const MAX_VISITS = 300;

/**
 * Splits a string-building expression: `"SELECT * FROM t WHERE id = " + req.query.id` gives
 * constant text `SELECT * FROM t WHERE id =  ` and one dynamic part. Follows never-reassigned
 * local bindings (`const sql = ...; db.query(sql)`), concatenation, template literals,
 * `.concat()` and `[...].join()`, both branches of `?:`, `||` and `??`, a variable built in
 * place (`let sql = '...'; if (x) sql += ' AND ...'`: its initialiser and every `=`/`+=`
 * before the use) and an array filled with `push` then joined (`where.push(...)`;
 * `where.join(' AND ')`).
 */
export function stringParts(context: AnalysisContext, node: Node): StringParts {
  // Rules and helpers ask about the same expressions again (a helper's return text, for every
  // call of the helper): the answer depends only on the node, within its file.
  let parts = partsOf.get(node);
  if (parts === undefined) {
    parts = computeStringParts(context, node);
    partsOf.set(node, parts);
  }
  return parts;
}

const partsOf = new WeakMap<Node, StringParts>();

function computeStringParts(context: AnalysisContext, node: Node): StringParts {
  const dynamicParts: Node[] = [];
  let constantText = '';
  let isBuilt = false;
  /** Variables being expanded from their writes: a self-reference (`sql = sql + x`) is the text already counted. */
  const expanding = new Set<Variable>();
  /** Variables already expanded once in this call: their pieces are counted, once is enough. */
  const expanded = new Set<Variable>();
  let visits = 0;
  const visit = (raw: Node, depth: number): void => {
    const part = skipWrappers(raw);
    if (++visits > MAX_VISITS) {
      constantText += ' ';
      dynamicParts.push(part);
      return;
    }
    const value = getStaticValue(context, part);
    if (value !== undefined) {
      constantText += String(value.value);
      return;
    }
    if (depth > MAX_DEPTH) {
      dynamicParts.push(part);
      return;
    }
    switch (part.type) {
      case 'BinaryExpression':
        if (part.operator === '+' && !isNumericOrBoolean(context, part)) {
          isBuilt = true;
          // a + b + c + …: one level for the whole chain, so long statements keep their constant text.
          const operands: Node[] = [];
          let left: Node = part;
          while (left.type === 'BinaryExpression' && left.operator === '+' && !isNumericOrBoolean(context, left)) {
            operands.unshift(left.right);
            left = skipWrappers(left.left);
          }
          operands.unshift(left);
          for (const operand of operands) visit(operand, depth + 1);
          return;
        }
        break;
      case 'TemplateLiteral':
        isBuilt = true;
        part.quasis.forEach((quasi, i) => {
          constantText += quasi.value.cooked ?? quasi.value.raw;
          const expression = part.expressions[i];
          if (expression !== undefined) visit(expression, depth + 1);
        });
        return;
      case 'CallExpression': {
        const spread = concatOrJoin(context, part);
        if (spread !== undefined) {
          isBuilt = true;
          for (const piece of spread) visit(piece, depth + 1);
          return;
        }
        // A sanitizer named in the config's `analysis.sanitizers` (src/analysis/extensions.ts): its result is safe text.
        if (isConfiguredSanitizerCall(context, part)) {
          constantText += ' ';
          return;
        }
        break;
      }
      case 'ConditionalExpression':
        // The test only chooses; each branch may end up in the text (unless the test is an allow-list check).
        if (!isConstantString(context, part) && !isValidatedValue(context, part)) {
          visit(part.consequent, depth + 1);
          visit(part.alternate, depth + 1);
          return;
        }
        break;
      case 'LogicalExpression':
        if (part.operator !== '&&' && !isConstantString(context, part)) {
          visit(part.left, depth + 1);
          visit(part.right, depth + 1);
          return;
        }
        break;
      case 'Identifier': {
        // Checked against an allow-list before this use: one of the constants, whatever its initialiser.
        if (isValidatedValue(context, part)) {
          constantText += ' ';
          return;
        }
        const init = localInitializer(context, part);
        if (init !== undefined) {
          visit(init, depth + 1);
          return;
        }
        const built = builtInPlace(context, part);
        if (built !== undefined) {
          if (expanding.has(built.variable) || expanded.has(built.variable)) return;
          if (built.appended) isBuilt = true;
          expanding.add(built.variable);
          expanded.add(built.variable);
          for (const piece of built.pieces) visit(piece, depth + 1);
          expanding.delete(built.variable);
          return;
        }
        break;
      }
      default:
        break;
    }
    if (isConstantString(context, part) || isNumericOrBoolean(context, part) || isValidatedValue(context, part)) {
      constantText += ' ';
      return;
    }
    constantText += ' ';
    dynamicParts.push(part);
  };
  visit(node, 0);
  return { constantText, dynamicParts, isBuilt };
}

/** `a.concat(b, c)` → [a, b, c]; `[a, b].join('')` → [a, b]; `where.join(' AND ')` after `where.push(a)` → [a]. */
function concatOrJoin(context: AnalysisContext, call: TSESTree.CallExpression): Node[] | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || call.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  const method = staticPropertyName(callee);
  if (method === 'concat') return [callee.object, ...call.arguments];
  const array = skipWrappers(callee.object);
  if (method === 'join' && array.type === 'ArrayExpression' && array.elements.every((e) => e !== null && e.type !== 'SpreadElement')) {
    return array.elements as Node[];
  }
  if (method === 'join' && array.type === 'Identifier') return pushedElements(context, array);
  return undefined;
}

/** Array methods that only read: using them leaves the elements as pushed. */
const READING_ARRAY_METHODS = new Set(['join', 'length', 'map', 'filter', 'forEach', 'some', 'every', 'includes', 'indexOf', 'slice', 'concat', 'find', 'reduce', 'at', 'flat', 'flatMap', 'entries', 'keys', 'values']);

/**
 * The elements of a local array literal filled by `push`/`unshift` only (`const where = [];
 * if (q) where.push(...)`): its initial elements and every pushed argument. Undefined when the
 * array is reassigned, passed elsewhere, spread into, or changed another way.
 */
function pushedElements(context: AnalysisContext, identifier: TSESTree.Identifier): Node[] | undefined {
  const variable = findVariable(context, identifier);
  if (variable === undefined) return undefined;
  const declarator = singleDeclarator(variable);
  if (declarator === undefined || declarator.id.type !== 'Identifier' || declarator.init === null) return undefined;
  const init = skipWrappers(declarator.init);
  if (init.type !== 'ArrayExpression' || init.elements.some((e) => e === null || e.type === 'SpreadElement')) return undefined;
  ensureParents(context.sourceCode.ast);
  const pieces: Node[] = [...(init.elements as Node[])];
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const member = reference.identifier.parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) return undefined;
    const name = staticPropertyName(member);
    const call = member.parent;
    if ((name === 'push' || name === 'unshift') && call?.type === 'CallExpression' && call.callee === member) {
      if (call.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
      pieces.push(...(call.arguments as Node[]));
      continue;
    }
    if (name === undefined || !READING_ARRAY_METHODS.has(name)) return undefined;
  }
  return pieces;
}

interface BuiltInPlace {
  readonly variable: Variable;
  /** The initialiser (if any) and the right side of each `=`/`+=` before the use, in order. */
  readonly pieces: readonly Node[];
  /** True when some write appends (`+=`, or `=` with the variable on its right). */
  readonly appended: boolean;
}

/**
 * How a `let`/`var` string gets its value before a use: `let sql = 'SELECT ...'; if (c) sql +=
 * ' AND c = ' + c;` gives both pieces. Only plain `=` and `+=` writes are followed; any other
 * write (destructuring, `++`, a loop binding) makes it unknown.
 */
function builtInPlace(context: AnalysisContext, use: TSESTree.Identifier): BuiltInPlace | undefined {
  const variable = findVariable(context, use);
  if (variable === undefined || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def === undefined || def.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== 'Identifier') return undefined;
  ensureParents(context.sourceCode.ast);
  const loop = declarator.parent?.parent;
  if (loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement' || loop?.type === 'ForStatement') return undefined;
  const pieces: Node[] = declarator.init === null ? [] : [declarator.init];
  let appended = false;
  for (const reference of variable.references) {
    if (reference.init === true || !reference.isWrite()) continue;
    const assignment = reference.identifier.parent;
    if (assignment?.type !== 'AssignmentExpression' || assignment.left !== reference.identifier) return undefined;
    if (assignment.operator !== '=' && assignment.operator !== '+=') return undefined;
    if (assignment.range[0] > use.range[0]) continue;
    const [start, end] = assignment.right.range;
    if (assignment.operator === '+=' || variable.references.some((r) => r.isRead() && r.identifier.range[0] >= start && r.identifier.range[1] <= end)) appended = true;
    pieces.push(assignment.right);
  }
  return pieces.length === 0 ? undefined : { variable, pieces, appended };
}

function localInitializer(context: AnalysisContext, identifier: TSESTree.Identifier): Node | undefined {
  const variable = findVariable(context, identifier);
  if (variable === undefined) return undefined;
  const declarator = singleDeclarator(variable);
  if (declarator === undefined || declarator.id.type !== 'Identifier') return undefined;
  return declarator.init ?? undefined;
}

/**
 * The parts of a value that may carry attacker-chosen text: `[]` for constants, numbers,
 * booleans and strings assembled only from them. What code and command sinks ask.
 */
export function textCarryingParts(context: AnalysisContext, node: Node): readonly Node[] {
  return stringParts(context, node).dynamicParts;
}
