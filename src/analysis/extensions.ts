import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../rule/types.js';
import type { AnalysisConfig, SinkKind, SinkSpec, SourceSpec } from '../config/analysis.js';
import { argumentAt, calleeWrittenName, skipWrappers, staticPropertyName } from './ast.js';
import { normaliseModuleName, resolveCalleeAmong, resolveReference } from './callee.js';
import { findVariable, patternPath, type AnalysisContext } from './scope.js';
import { isHtmlSanitized } from './sanitizers.js';
import { stringParts } from './string-parts.js';
import type { FlowStep, TaintFlow, TaintOptions } from './taint/trace.js';

/**
 * The config's `analysis` extensions, as questions rules and the taint analysis ask about a
 * node. The data comes from `context.settings.tsbandit.analysis` (the scanner puts the
 * validated config there; ESLint users set it in `settings`), compiled once per settings
 * object. With nothing configured every function answers at the cost of one property read.
 */
export type { SinkKind } from '../config/analysis.js';

interface SinkTable {
  /** Resolved names (`my-db.rawQuery`) of sinks given with a module. */
  readonly resolved: ReadonlySet<string>;
  readonly byResolved: ReadonlyMap<string, SinkSpec>;
  /** Written last segments of sinks given without a module. */
  readonly byWritten: ReadonlyMap<string, SinkSpec>;
}

interface Compiled {
  readonly sinks: ReadonlyMap<SinkKind, SinkTable>;
  readonly sanitizerResolved: ReadonlySet<string>;
  readonly sanitizerWritten: ReadonlySet<string>;
  /** Written member paths that are sources (`ctx.state.input`). */
  readonly sourcePaths: ReadonlySet<string>;
  /** Last property of each source path: the cheap test before a path is computed. */
  readonly sourceTails: ReadonlySet<string>;
  /** Properties that are sources on any object (`{ property: 'rawInput' }`: `msg.rawInput`, `this.rawInput`). */
  readonly sourceProperties: ReadonlySet<string>;
  /** Resolved module exports that are sources (`@acme/gateway.userInput`). */
  readonly sourceResolved: ReadonlySet<string>;
  readonly secretPatterns: readonly { readonly id: string; readonly name: string; readonly regex: RegExp }[];
  readonly allowedValues: ReadonlySet<string>;
  readonly allowedPatterns: readonly RegExp[];
}

const compiledBySettings = new WeakMap<object, Compiled>();

/** The analysis extensions of a rule's context, if any are configured. */
export function configuredAnalysis(context: Pick<AnalysisContext, never> & { readonly settings?: Readonly<Record<string, unknown>> }): AnalysisConfig | undefined {
  const tsbandit = context.settings?.tsbandit as { analysis?: AnalysisConfig } | undefined;
  return tsbandit?.analysis ?? undefined;
}

function compiled(context: { readonly settings?: Readonly<Record<string, unknown>> }): Compiled | undefined {
  const analysis = configuredAnalysis(context);
  if (analysis === undefined || typeof analysis !== 'object') return undefined;
  let table = compiledBySettings.get(analysis);
  if (table === undefined) {
    table = compile(analysis);
    compiledBySettings.set(analysis, table);
  }
  return table;
}

const lastSegment = (path: string): string => path.slice(path.lastIndexOf('.') + 1);
const qualified = (module: string, member: string): string => `${normaliseModuleName(module)}.${member}`;

function compile(analysis: AnalysisConfig): Compiled {
  const sinks = new Map<SinkKind, { resolved: Set<string>; byResolved: Map<string, SinkSpec>; byWritten: Map<string, SinkSpec> }>();
  for (const sink of analysis.sinks ?? []) {
    let table = sinks.get(sink.kind);
    if (table === undefined) {
      table = { resolved: new Set(), byResolved: new Map(), byWritten: new Map() };
      sinks.set(sink.kind, table);
    }
    if (sink.module !== undefined) {
      const name = qualified(sink.module, sink.method);
      table.resolved.add(name);
      table.byResolved.set(name, sink);
    } else {
      table.byWritten.set(lastSegment(sink.method), sink);
    }
  }
  const sanitizerResolved = new Set<string>();
  const sanitizerWritten = new Set<string>();
  for (const sanitizer of analysis.sanitizers ?? []) {
    if (sanitizer.module !== undefined) sanitizerResolved.add(qualified(sanitizer.module, sanitizer.method));
    else sanitizerWritten.add(lastSegment(sanitizer.method));
  }
  const sourcePaths = new Set<string>();
  const sourceProperties = new Set<string>();
  const sourceResolved = new Set<string>();
  for (const source of analysis.sources ?? []) {
    const spec: Exclude<SourceSpec, string> = typeof source === 'string' ? { property: source } : source;
    if (spec.module !== undefined) sourceResolved.add(qualified(spec.module, spec.property));
    else if (spec.object === undefined && !spec.property.includes('.')) sourceProperties.add(spec.property);
    else sourcePaths.add(spec.object === undefined ? spec.property : `${spec.object}.${spec.property}`);
  }
  const allowed = analysis.allowlist?.values ?? [];
  return {
    sinks,
    sanitizerResolved,
    sanitizerWritten,
    sourcePaths,
    sourceTails: new Set([...sourcePaths].map(lastSegment)),
    sourceProperties,
    sourceResolved,
    secretPatterns: (analysis.secretPatterns ?? []).map((p) => ({ id: p.id, name: p.name, regex: new RegExp(p.regex, 'gu') })),
    allowedValues: new Set(allowed.filter((v) => !/^\/.+\/$/.test(v))),
    allowedPatterns: allowed.filter((v) => /^\/.+\/$/.test(v)).map((v) => new RegExp(`^(?:${v.slice(1, -1)})$`, 'u')),
  };
}

/** A call that reaches a configured sink of `kind`: which spec, how to name it, and its dangerous argument. */
export interface ConfiguredSinkCall {
  readonly spec: SinkSpec;
  /** `my-db.rawQuery`, or the written method name for a sink configured without a module. */
  readonly callee: string;
  readonly argument: TSESTree.Expression | undefined;
}

/** The configured sink of `kind` a call reaches (after import resolution), if any. */
export function configuredSinkCall(context: AnalysisContext & { readonly settings?: Readonly<Record<string, unknown>> }, call: TSESTree.CallExpression | TSESTree.NewExpression, kind: SinkKind): ConfiguredSinkCall | undefined {
  const table = compiled(context)?.sinks.get(kind);
  if (table === undefined) return undefined;
  if (table.resolved.size > 0) {
    const resolved = resolveCalleeAmong(context, call, table.resolved);
    const spec = resolved === undefined ? undefined : table.byResolved.get(resolved);
    if (spec !== undefined) return { spec, callee: resolved!, argument: argumentAt(call, spec.argument ?? 0) };
  }
  if (table.byWritten.size > 0) {
    const written = calleeWrittenName(call);
    const spec = written === undefined ? undefined : table.byWritten.get(written);
    if (spec !== undefined && writtenPathMatches(call, spec.method)) return { spec, callee: spec.method, argument: argumentAt(call, spec.argument ?? 0) };
  }
  return undefined;
}

/** `SinkKind` of a configured sink the call reaches, if any (for rules that only need the kind). */
export function configuredSinkKind(context: AnalysisContext & { readonly settings?: Readonly<Record<string, unknown>> }, call: TSESTree.CallExpression | TSESTree.NewExpression): SinkKind | undefined {
  const sinks = compiled(context)?.sinks;
  if (sinks === undefined) return undefined;
  for (const kind of sinks.keys()) if (configuredSinkCall(context, call, kind) !== undefined) return kind;
  return undefined;
}

/** A dotted method without a module (`db.raw`) must be written so: `db.raw(...)`, `this.db.raw(...)`. */
function writtenPathMatches(call: TSESTree.CallExpression | TSESTree.NewExpression, method: string): boolean {
  if (!method.includes('.')) return true;
  const written = writtenPath(skipWrappers(call.callee));
  return written !== undefined && (written === method || written.endsWith(`.${method}`));
}

/** `a.b.c` for a chain of identifiers and static properties (`this` included), else undefined. */
function writtenPath(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type !== 'MemberExpression') return undefined;
  const property = staticPropertyName(node);
  const object = writtenPath(skipWrappers(node.object));
  return property === undefined || object === undefined ? undefined : `${object}.${property}`;
}

/**
 * What a rule reports for a configured sink: undefined when the call is not one; null when it is
 * but its argument is safe (constant, numeric, sanitized); else the argument, its non-constant
 * parts and the taint flow, if one is visible. SQL sinks, like TSB201, need built text or a flow.
 */
export interface ConfiguredSinkHit {
  readonly callee: string;
  readonly argument: TSESTree.Expression;
  readonly flow: TaintFlow | undefined;
}

export function configuredSinkHit(
  context: AnalysisContext & { readonly settings?: Readonly<Record<string, unknown>> },
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  kind: SinkKind,
  findFlow: (context: AnalysisContext, node: Node) => TaintFlow | undefined,
): ConfiguredSinkHit | null | undefined {
  const found = configuredSinkCall(context, call, kind);
  if (found === undefined) return undefined;
  const { argument } = found;
  if (argument === undefined) return null;
  const text = stringParts(context, argument);
  const parts = text.dynamicParts.filter((part) => !isConfiguredSanitizerCall(context, part) && !(kind === 'html' && isHtmlSanitized(context, part)));
  if (parts.length === 0) return null;
  let flow: TaintFlow | undefined;
  for (const part of parts) {
    flow = findFlow(context, part);
    if (flow !== undefined) break;
  }
  if (kind === 'sql' && !text.isBuilt && flow === undefined) return null;
  return { callee: found.callee, argument, flow };
}

/** True when `node` is a call of a configured sanitizer: its result is clean for every sink. */
export function isConfiguredSanitizerCall(context: AnalysisContext & { readonly settings?: Readonly<Record<string, unknown>> }, rawNode: Node): boolean {
  const table = compiled(context);
  if (table === undefined || (table.sanitizerResolved.size === 0 && table.sanitizerWritten.size === 0)) return false;
  const node = skipWrappers(rawNode);
  if (node.type !== 'CallExpression') return false;
  const written = calleeWrittenName(node);
  if (written !== undefined && table.sanitizerWritten.has(written)) return true;
  return table.sanitizerResolved.size > 0 && resolveCalleeAmong(context, node, table.sanitizerResolved) !== undefined;
}

/** Alias of `isConfiguredSanitizerCall` for callers holding a call expression. */
export const isConfiguredSanitizer = isConfiguredSanitizerCall;

/**
 * True when `node` is a configured taint source: a member path as written (`ctx.state.input`),
 * or a configured module export used as a value or called (`getInput()`).
 */
export function isConfiguredSource(context: AnalysisContext & { readonly settings?: Readonly<Record<string, unknown>> }, rawNode: Node): boolean {
  const table = compiled(context);
  if (table === undefined || (table.sourcePaths.size === 0 && table.sourceProperties.size === 0 && table.sourceResolved.size === 0)) return false;
  const node = skipWrappers(rawNode);
  if (node.type === 'MemberExpression' && (table.sourcePaths.size > 0 || table.sourceProperties.size > 0)) {
    const property = staticPropertyName(node);
    if (property !== undefined && table.sourceProperties.has(property)) return true;
    if (property !== undefined && table.sourceTails.has(property)) {
      const path = writtenPath(node);
      if (path !== undefined && table.sourcePaths.has(path)) return true;
    }
  }
  if (table.sourceResolved.size === 0) return false;
  if (node.type === 'CallExpression') return resolveCalleeAmong(context, node, table.sourceResolved) !== undefined;
  if (node.type === 'Identifier' || node.type === 'MemberExpression') {
    const written = node.type === 'Identifier' ? node.name : staticPropertyName(node);
    if (written === undefined || ![...table.sourceResolved].some((name) => lastSegment(name) === written)) return false;
    const resolved = resolveReference(context, node);
    return resolved !== undefined && table.sourceResolved.has(resolved);
  }
  return false;
}

/** A written member path at or below a configured source path (`ctx.state.input.name` for `ctx.state.input`). */
function isSourcePath(table: Compiled, path: string): boolean {
  for (const source of table.sourcePaths) if (path === source || path.startsWith(`${source}.`)) return true;
  return table.sourceProperties.size > 0 && path.split('.').slice(1).some((segment) => table.sourceProperties.has(segment));
}

/** Taint options with the configured sanitizers added to the caller's own. */
export function withConfiguredSanitizers(context: AnalysisContext & { readonly settings?: Readonly<Record<string, unknown>> }, options: TaintOptions | undefined): TaintOptions | undefined {
  const table = compiled(context);
  if (table === undefined || (table.sanitizerResolved.size === 0 && table.sanitizerWritten.size === 0)) return options;
  const own = options?.isSanitized;
  return { ...options, isSanitized: (ctx, node) => isConfiguredSanitizerCall(ctx, node) || own?.(ctx, node) === true };
}

const MAX_SOURCE_DEPTH = 12;

/**
 * A flow from a configured source to `node`, followed through the expression, `const`/`let`
 * initialisers and assignments, string methods and awaits (the built-in sources go through
 * `traceTaint`, which the taint analysis may also teach about these sources).
 */
export function configuredSourceFlow(context: AnalysisContext & { readonly settings?: Readonly<Record<string, unknown>> }, node: Node, options?: TaintOptions): TaintFlow | undefined {
  const table = compiled(context);
  if (table === undefined || (table.sourcePaths.size === 0 && table.sourceProperties.size === 0 && table.sourceResolved.size === 0)) return undefined;
  const visiting = new Set<Node>();
  const label = (n: Node): string => {
    const text = context.sourceCode.getText(n).replace(/\s+/g, ' ');
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const visit = (raw: Node | null | undefined, depth: number): FlowStep[] | undefined => {
    if (raw === null || raw === undefined || depth > MAX_SOURCE_DEPTH) return undefined;
    const current = skipWrappers(raw);
    if (visiting.has(current)) return undefined;
    if (options?.isSanitized?.(context, current) === true || isConfiguredSanitizerCall(context, current)) return undefined;
    if (isConfiguredSource(context, current)) return [{ node: current, label: label(current) }];
    visiting.add(current);
    try {
      switch (current.type) {
        case 'MemberExpression':
          return visit(current.object, depth + 1);
        case 'TemplateLiteral':
          return first(current.expressions, depth);
        case 'BinaryExpression':
          return current.operator === '+' ? first([current.left, current.right], depth) : undefined;
        case 'LogicalExpression':
          return first([current.left, current.right], depth);
        case 'ConditionalExpression':
          return first([current.consequent, current.alternate], depth);
        case 'AwaitExpression':
          return visit(current.argument, depth + 1);
        case 'CallExpression': {
          // String methods and conversions carry their receiver's or argument's text.
          const callee = skipWrappers(current.callee);
          if (callee.type === 'MemberExpression') return visit(callee.object, depth + 1);
          if (callee.type === 'Identifier' && (callee.name === 'String' || callee.name === 'decodeURIComponent')) return first(current.arguments, depth);
          return undefined;
        }
        case 'Identifier': {
          const variable = findVariable(context, current);
          if (variable === undefined) return undefined;
          for (const def of variable.defs) {
            if (def.type !== 'Variable') continue;
            const declarator = def.node as TSESTree.VariableDeclarator;
            if (declarator.init === null) continue;
            // `const { input } = ctx.state`: the member path the destructured value is read from.
            if (declarator.id.type === 'ObjectPattern') {
              const keys = patternPath(declarator.id, def.name as TSESTree.Identifier);
              const base = writtenPath(skipWrappers(declarator.init));
              const full = keys === undefined || base === undefined ? undefined : [base, ...keys].join('.');
              if (full !== undefined && isSourcePath(table, full)) return [{ node: declarator.init, label: full }, { node: def.name as Node, label: current.name }];
            }
            const found = visit(declarator.init, depth + 1);
            if (found !== undefined) return [...found, { node: def.name as Node, label: current.name }];
          }
          for (const reference of variable.references) {
            if (reference.init === true || !reference.isWrite() || reference.writeExpr === null || reference.writeExpr === undefined) continue;
            const found = visit(reference.writeExpr as Node, depth + 1);
            if (found !== undefined) return [...found, { node: reference.identifier as Node, label: current.name }];
          }
          return undefined;
        }
        default:
          return undefined;
      }
    } finally {
      visiting.delete(current);
    }
  };
  const first = (nodes: readonly (Node | null | undefined)[], depth: number): FlowStep[] | undefined => {
    for (const item of nodes) {
      const found = visit(item, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const steps = visit(node, 0);
  return steps === undefined ? undefined : { steps };
}

/** A configured secret format found in `value`: where, and what to call it. */
export interface ConfiguredSecret {
  readonly format: string;
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

/** The first match of a configured secret pattern (`analysis.secretPatterns`) in a string. */
export function configuredSecretIn(context: { readonly settings?: Readonly<Record<string, unknown>> }, value: string): ConfiguredSecret | undefined {
  const table = compiled(context);
  if (table === undefined || table.secretPatterns.length === 0) return undefined;
  for (const pattern of table.secretPatterns) {
    pattern.regex.lastIndex = 0;
    const match = pattern.regex.exec(value);
    if (match !== null && match[0] !== '' && !isAllowlistedSecretValue(context, match[0])) {
      return { format: pattern.id, kind: pattern.name, start: match.index, end: match.index + match[0].length };
    }
  }
  return undefined;
}

/** True when `analysis.allowlist.values` says this string is not a secret (exactly, or by /regex/). */
export function isAllowlistedSecretValue(context: { readonly settings?: Readonly<Record<string, unknown>> }, value: string): boolean {
  const table = compiled(context);
  if (table === undefined || (table.allowedValues.size === 0 && table.allowedPatterns.length === 0)) return false;
  return table.allowedValues.has(value) || table.allowedPatterns.some((pattern) => pattern.test(value));
}
