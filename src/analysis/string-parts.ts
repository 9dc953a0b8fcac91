import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import { skipWrappers, staticPropertyName } from './ast.js';
import { isNumericOrBoolean } from './numeric.js';
import { findVariable, singleDeclarator, type AnalysisContext } from './scope.js';
import { getStaticValue, isConstantString } from './static-value.js';
import { isValidatedValue } from './taint/guards.js';

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
 * Splits a string-building expression: `"SELECT * FROM t WHERE id = " + req.query.id` gives
 * constant text `SELECT * FROM t WHERE id =  ` and one dynamic part. Follows never-reassigned
 * local bindings (`const sql = ...; db.query(sql)`), `+` and `+=`-free concatenation,
 * template literals, `.concat()` and `[...].join()`.
 */
export function stringParts(context: AnalysisContext, node: Node): StringParts {
  const dynamicParts: Node[] = [];
  let constantText = '';
  let isBuilt = false;
  const visit = (raw: Node, depth: number): void => {
    const part = skipWrappers(raw);
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
          visit(part.left, depth + 1);
          visit(part.right, depth + 1);
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
        const spread = concatOrJoin(part);
        if (spread !== undefined) {
          isBuilt = true;
          for (const piece of spread) visit(piece, depth + 1);
          return;
        }
        break;
      }
      case 'Identifier': {
        const init = localInitializer(context, part);
        if (init !== undefined) {
          visit(init, depth + 1);
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

/** `a.concat(b, c)` → [a, b, c]; `[a, b].join('')` → [a, b]. */
function concatOrJoin(call: TSESTree.CallExpression): Node[] | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || call.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  const method = staticPropertyName(callee);
  if (method === 'concat') return [callee.object, ...call.arguments];
  const array = skipWrappers(callee.object);
  if (method === 'join' && array.type === 'ArrayExpression' && array.elements.every((e) => e !== null && e.type !== 'SpreadElement')) {
    return array.elements as Node[];
  }
  return undefined;
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
