import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../rule/types.js';
import { skipWrappers, staticKeyName } from '../ast.js';
import type { AnalysisContext } from '../scope.js';
import { constInitializer, getStaticValue } from '../static-value.js';

/**
 * Questions the command-execution rules ask about process-launching calls: whether options turn
 * a shell on, and whether the program is itself a shell told to run a command string.
 */

const MAX_DEPTH = 6;

/** POSIX shells: `sh -c 'text'` runs `text`; later arguments are `$0`, `$1`..., which the text may quote. */
const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'fish', 'busybox']);
/** cmd.exe: everything after `/c` (or `/k`) is the command line. */
const CMD_SHELLS = new Set(['cmd']);
/** PowerShell: everything after `-Command` (or `-c`) is the script. */
const POWERSHELLS = new Set(['powershell', 'pwsh']);

/** The object literal an expression denotes: inline, or held by a never-reassigned binding. */
export function objectLiteral(context: AnalysisContext, rawNode: Node | null | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  if (rawNode == null || depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(rawNode);
  if (node.type === 'ObjectExpression') return node;
  return node.type === 'Identifier' ? objectLiteral(context, constInitializer(context, node), depth + 1) : undefined;
}

/** The array literal an expression denotes: inline, or held by a never-reassigned binding. */
export function arrayLiteral(context: AnalysisContext, rawNode: Node | null | undefined, depth = 0): TSESTree.ArrayExpression | undefined {
  if (rawNode == null || depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(rawNode);
  if (node.type === 'ArrayExpression') return node;
  return node.type === 'Identifier' ? arrayLiteral(context, constInitializer(context, node), depth + 1) : undefined;
}

/** The value of the last `key: value` property with that static key in an object literal. */
export function propertyValue(object: TSESTree.ObjectExpression, key: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.properties) {
    if (property.type === 'Property' && staticKeyName(property) === key) found = property.value;
  }
  return found;
}

/**
 * True when an options object sets `key` to something other than a constant falsy value:
 * `{ shell: true }`, `{ shell: '/bin/bash' }`, `{ shell: process.platform === 'win32' }`.
 * Also looks inside spread objects written in place or held by a constant binding.
 */
export function optionIsOn(context: AnalysisContext, options: Node | undefined, key: string, depth = 0): boolean {
  if (options === undefined || depth > MAX_DEPTH) return false;
  const object = objectLiteral(context, options);
  if (object === undefined) return false;
  let on = false;
  for (const property of object.properties) {
    if (property.type === 'SpreadElement') {
      if (optionIsOn(context, property.argument, key, depth + 1)) on = true;
      continue;
    }
    if (staticKeyName(property) !== key) continue;
    const value = getStaticValue(context, property.value);
    on = value === undefined ? true : Boolean(value.value);
  }
  return on;
}

/** The options argument of `spawn(cmd, args?, options?)`-shaped calls: the first object-like argument after the program. */
export function launchOptions(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression, from = 1): Node | undefined {
  for (let index = from; index < call.arguments.length; index++) {
    const argument = call.arguments[index];
    if (argument === undefined || argument.type === 'SpreadElement') return undefined;
    if (objectLiteral(context, argument) !== undefined) return argument;
  }
  return undefined;
}

/** The argument list of `spawn(cmd, args, options)`-shaped calls, when it is an array literal. */
export function launchArguments(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression, index = 1): TSESTree.ArrayExpression | undefined {
  const argument = call.arguments[index];
  return argument === undefined || argument.type === 'SpreadElement' ? undefined : arrayLiteral(context, argument);
}

/** `'/usr/bin/bash'` → `bash`, `'C:\\Windows\\System32\\cmd.exe'` → `cmd`. */
function programName(text: string): string {
  const base = text.slice(Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\')) + 1).toLowerCase();
  return base.endsWith('.exe') ? base.slice(0, -4) : base;
}

/** The constant name of the shell a program denotes (`bash`, `cmd`, `powershell`), if it is one. */
export function shellProgram(context: AnalysisContext, program: Node | undefined): string | undefined {
  if (program === undefined) return undefined;
  const value = getStaticValue(context, program);
  if (value === undefined || typeof value.value !== 'string') return undefined;
  const name = programName(value.value.trim());
  return POSIX_SHELLS.has(name) || CMD_SHELLS.has(name) || POWERSHELLS.has(name) ? name : undefined;
}

const constantText = (context: AnalysisContext, node: Node | null): string | undefined => {
  if (node === null || node.type === 'SpreadElement') return undefined;
  const value = getStaticValue(context, node);
  return value !== undefined && typeof value.value === 'string' ? value.value : undefined;
};

/**
 * The argument nodes a shell program runs as command text: for `sh -c TEXT $0 $1` only TEXT
 * (the positional parameters are data the text may quote), for `cmd /c A B` and
 * `powershell -Command A B` everything after the switch. Undefined when the shell is not told
 * to run a command string (e.g. `bash script.sh`), or the arguments are not written out.
 */
export function shellCommandText(context: AnalysisContext, shell: string, args: TSESTree.ArrayExpression): Node[] | undefined {
  const elements = args.elements;
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index] ?? null;
    if (element !== null && element.type === 'SpreadElement') return undefined;
    const flag = constantText(context, element);
    if (flag === undefined) continue;
    const rest = elements.slice(index + 1).filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null);
    if (POSIX_SHELLS.has(shell)) {
      // -c, -lc, -ec, -xc; also `busybox sh -c`
      if (/^-[a-z]*c[a-z]*$/.test(flag)) return rest.slice(0, 1).map((e) => (e.type === 'SpreadElement' ? e.argument : e));
      continue;
    }
    if (CMD_SHELLS.has(shell) && /^\/[ck]$/i.test(flag)) return rest.map((e) => (e.type === 'SpreadElement' ? e.argument : e));
    if (POWERSHELLS.has(shell) && /^-(?:c|command|encodedcommand|ec)$/i.test(flag)) return rest.map((e) => (e.type === 'SpreadElement' ? e.argument : e));
  }
  return undefined;
}
