import { formatMessage } from '../rule/define-rule.js';
import type { AnyRule, Comment, Confidence, Node, Program, ReportDescriptor, RuleContext, TextEdit } from '../rule/types.js';
import { fingerprintsInSourceOrder } from '../findings/fingerprint.js';
import type { Finding, Notice, SuggestionOut, Suppression } from '../findings/model.js';
import { lineHashes } from '../report/line-hash.js';
import { createInlineSuppressor, findSuppressingDirective, parseEslintDirectives, suppressionFindings, type SuppressionReporting } from '../suppress/index.js';
import { ruleFixer } from './fixer.js';
import { isAllowlistedSecretValue } from '../analysis/extensions.js';
import { blankSecrets, escapeControlCharacters, maskedSlice, mergeRanges, snippetOf } from './snippet.js';
import { LineIndex, type Position } from '../parse/line-index.js';

/** Start and end positions of a node, as ESTree's `loc`. */
type Location = { readonly start: Position; readonly end: Position };
import { EngineSourceCode } from './source-code.js';
import { attachTypeServices, type TypeServices } from '../types/services.js';
import { loadProject, typeServicesForFile } from '../types/project.js';
import { walk, type DispatchTable, type NodeHandler } from './walker.js';

export interface ActiveRule {
  readonly rule: AnyRule;
  readonly options: Record<string, unknown>;
}

export interface FileInput {
  /** Relative to the scan root, `/` separators: what rules see as `context.filename`. */
  readonly file: string;
  readonly text: string;
  readonly ast: Program;
  /** The file's absolute path: type-aware mode finds the file in the project by it. */
  readonly absolute?: string;
}

/** What the engine does beyond running rules, the same for every file of a scan. */
export interface EngineOptions {
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Bandit's --ignore-nosec: tsbandit-ignore and nosec comments count for nothing. */
  readonly ignoreInlineSuppressions?: boolean;
  /** --report-unscoped-suppressions / --report-unused-suppressions: findings about the comments themselves (src/suppress/diagnostics.ts). */
  readonly reportSuppressions?: SuppressionReporting;
  /** Type-aware mode: absolute path of a tsconfig whose program (built once per thread) answers type questions (src/types). */
  readonly project?: string;
}

export interface FileResult {
  readonly findings: Finding[];
  readonly notices: Notice[];
}

/** A report as recorded during the walk: plain data, so the tree can be freed afterwards. */
interface RecordedReport {
  readonly rule: AnyRule;
  readonly messageId: string;
  readonly message: string;
  readonly confidence: Confidence;
  readonly range: readonly [number, number];
  readonly loc: Location;
  readonly secret: boolean;
  /** The secret's own text: inside the quotes, so a mask keeps them and shows the token's prefix. */
  readonly secretRange: readonly [number, number] | undefined;
  readonly suggestions: SuggestionOut[] | undefined;
  /** Flow steps as plain locations: source first, the reported node last. */
  readonly flow: { readonly loc: Location; readonly label: string }[] | undefined;
}

/** Runs every rule over one parsed file in a single walk and turns their reports into findings. */
export function runRulesOnFile(input: FileInput, rules: readonly ActiveRule[], options: EngineOptions = {}): FileResult {
  const settings = options.settings ?? {};
  // Positions come from ranges: the parser gives nodes no `loc` (it would cost every node an object).
  let lines: LineIndex | undefined;
  const locate = (node: Node | Comment): Location => {
    if (node.loc !== undefined) return node.loc;
    lines ??= new LineIndex(input.text);
    return { start: lines.position(node.range[0]), end: lines.position(node.range[1]) };
  };
  const sourceCode = new EngineSourceCode(input.text, input.ast);
  let types: TypeServices | undefined;
  if (options.project !== undefined && input.absolute !== undefined) {
    types = typeServicesForFile(loadProject(options.project), input.absolute, input.text);
    if (types !== undefined) attachTypeServices(input.ast, types);
  }
  const reports: RecordedReport[] = [];
  const notices: Notice[] = [];
  const failed = new Set<AnyRule>();
  const enter = new Map<string, NodeHandler[]>();
  const exit = new Map<string, NodeHandler[]>();

  const ruleFailed = (rule: AnyRule, error: unknown, node: Node | undefined): void => {
    failed.add(rule);
    const detail = error instanceof Error ? error.message : String(error);
    notices.push({
      kind: 'rule-error',
      file: input.file,
      ruleId: rule.id,
      message: `internal error in rule ${rule.id} (${rule.name}): ${detail.split('\n')[0]}; the rule was stopped for this file`,
      ...(node !== undefined ? { line: locate(node).start.line, column: locate(node).start.column + 1 } : {}),
    });
  };

  for (const { rule, options } of rules) {
    const context: RuleContext = {
      id: rule.id,
      filename: input.file,
      sourceCode,
      options,
      settings,
      ...(types !== undefined ? { types } : {}),
      report: (descriptor) => {
        // `analysis.allowlist.values` of the config: a secret finding on an allow-listed value is dropped.
        if (descriptor.secret === true && isAllowlistedSecretValue({ settings }, input.text.slice(...contentRange(descriptor.node)))) return;
        reports.push(recordReport(rule, descriptor, locate));
      },
    };
    let listeners;
    try {
      listeners = rule.create(context);
    } catch (error) {
      ruleFailed(rule, error, undefined);
      continue;
    }
    for (const [key, listener] of Object.entries(listeners) as [string, NodeHandler | undefined][]) {
      if (listener === undefined) continue;
      const isExit = key.endsWith(':exit');
      const type = isExit ? key.slice(0, -5) : key;
      const guarded: NodeHandler = (node) => {
        if (failed.has(rule)) return;
        try {
          listener(node);
        } catch (error) {
          ruleFailed(rule, error, node);
        }
      };
      const table = isExit ? exit : enter;
      const handlers = table.get(type);
      if (handlers === undefined) table.set(type, [guarded]);
      else handlers.push(guarded);
    }
  }

  const dispatch: DispatchTable = { enter, exit };
  walk(input.ast, dispatch);
  const findings = toFindings(input, reports, options.ignoreInlineSuppressions === true);
  if (options.reportSuppressions !== undefined && options.ignoreInlineSuppressions !== true) {
    const comments = input.ast.comments ?? [];
    for (const extra of suppressionFindings(input.file, input.text, comments, findings, rules.map((active) => active.rule), options.reportSuppressions)) findings.push(extra);
  }
  return { findings, notices };
}

function recordReport(rule: AnyRule, descriptor: ReportDescriptor<string>, locate: (node: Node) => Location): RecordedReport {
  const template = rule.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${descriptor.messageId}"`);
  let suggestions: SuggestionOut[] | undefined;
  for (const suggestion of descriptor.suggest ?? []) {
    const fixed = suggestion.fix(ruleFixer);
    if (fixed === null) continue;
    const edits = (Array.isArray(fixed) ? fixed : [fixed]) as TextEdit[];
    const text = rule.messages[suggestion.messageId];
    if (text === undefined) throw new Error(`unknown suggestion messageId "${suggestion.messageId}"`);
    (suggestions ??= []).push({ message: formatMessage(text, suggestion.data), edits: edits.map((e) => ({ range: e.range, text: e.text })) });
  }
  return {
    rule,
    messageId: descriptor.messageId,
    message: formatMessage(template, descriptor.data),
    confidence: descriptor.confidence ?? rule.confidence,
    range: descriptor.node.range,
    loc: locate(descriptor.node),
    secret: descriptor.secret === true,
    secretRange: descriptor.secret === true ? contentRange(descriptor.node) : undefined,
    suggestions,
    flow:
      descriptor.flow === undefined
        ? undefined
        : [...descriptor.flow.steps.map((step) => ({ loc: locate(step.node), label: step.label })), { loc: locate(descriptor.node), label: sinkLabel(descriptor.node) }],
  };
}

/** How the sink is named at the end of a flow: the called function, or the assigned property. */
function sinkLabel(node: Node): string {
  const target = node.type === 'CallExpression' || node.type === 'NewExpression' ? node.callee : node.type === 'AssignmentExpression' ? node.left : node;
  const parent = node.parent;
  // An argument (even a call, `exec(build(x))`) is named by the call it is passed to.
  const isArgument = parent !== undefined && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && (parent.arguments as Node[]).includes(node);
  const holder = (target === node || isArgument) && parent !== undefined && (parent.type === 'CallExpression' || parent.type === 'NewExpression') ? parent.callee : target;
  const name = holder.type === 'Identifier' ? holder.name : holder.type === 'MemberExpression' && holder.property.type === 'Identifier' ? `${memberText(holder)}` : 'sink';
  return name.length > 60 ? `${name.slice(0, 57)}...` : name;
}

function memberText(member: Extract<Node, { type: 'MemberExpression' }>): string {
  const property = member.property.type === 'Identifier' ? member.property.name : '?';
  const object = member.object.type === 'Identifier' ? member.object.name : member.object.type === 'MemberExpression' ? memberText(member.object) : member.object.type === 'ThisExpression' ? 'this' : '…';
  return `${object}.${property}`;
}

function contentRange(node: Node): readonly [number, number] {
  const [start, end] = node.range;
  if (node.type === 'Literal') return [start + 1, end - 1];
  if (node.type === 'TemplateElement') return [start + 1, node.tail ? end - 1 : end - 2];
  return node.range;
}

function toFindings(input: FileInput, reports: RecordedReport[], ignoreInline: boolean): Finding[] {
  if (reports.length === 0) return [];
  reports.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  const { text } = input;
  const secrets = mergeRanges(reports.flatMap((r) => (r.secretRange === undefined ? [] : [r.secretRange])));
  const lineStarts = new LineIndex(text).starts;
  const lastLine = reports.reduce((max, r) => Math.max(max, r.loc.start.line), 1);
  const hashes = lineHashes(secrets.length > 0 ? blankSecrets(text, secrets) : text, lastLine);
  const fingerprints = fingerprintsInSourceOrder(
    reports.map((r) => ({ ruleId: r.rule.id, code: maskedSlice(text, r.range[0], Math.min(r.range[1], r.range[0] + 400), secrets) })),
  );
  const suppressionOf = suppressionFinder(input, ignoreInline);
  return reports.map((report, index) => {
    const suppressed = suppressionOf(report);
    return {
      ruleId: report.rule.id,
      ruleName: report.rule.name,
      severity: report.rule.severity,
      confidence: report.confidence,
      cwe: report.rule.cwe,
      messageId: report.messageId,
      message: report.message,
      file: input.file,
      range: {
        startLine: report.loc.start.line,
        startColumn: report.loc.start.column + 1,
        endLine: report.loc.end.line,
        endColumn: report.loc.end.column + 1,
      },
      snippet: snippetOf(text, lineStarts, report.loc.start.line, report.loc.start.column, report.loc.end.line, secrets),
      fingerprint: fingerprints[index] ?? '',
      lineHash: hashes[report.loc.start.line] ?? '',
      ...(report.suggestions !== undefined ? { suggestions: report.suggestions } : {}),
      ...(report.flow !== undefined
        ? {
            flow: {
              steps: report.flow.map((step) => ({
                file: input.file,
                range: { startLine: step.loc.start.line, startColumn: step.loc.start.column + 1, endLine: step.loc.end.line, endColumn: step.loc.end.column + 1 },
                label: escapeControlCharacters(step.label),
              })),
            },
          }
        : {}),
      ...(suppressed !== undefined ? { suppressed } : {}),
    };
  });
}

/**
 * Which comment, if any, silences a report: ESLint's disable directives (so one comment serves
 * both hosts), then tsbandit-ignore / nosec unless the scan ignores them. Comments are only
 * parsed when a file has both reports and a comment that could be a directive.
 */
function suppressionFinder(input: FileInput, ignoreInline: boolean): (report: RecordedReport) => Suppression | undefined {
  const comments = input.ast.comments ?? [];
  const eslint = comments.some((c) => c.value.includes('eslint-')) ? parseEslintDirectives(comments) : [];
  const inline = ignoreInline ? () => undefined : createInlineSuppressor(input.text, comments);
  return (report) => {
    const line = report.loc.start.line;
    const byEslint = eslint.length === 0 ? undefined : findSuppressingDirective(eslint, report.rule.name, line, report.loc.start.column + 1);
    if (byEslint !== undefined) return suppression('eslint-disable', byEslint);
    const byInline = inline(report.rule, line);
    return byInline === undefined ? undefined : suppression('inline', byInline);
  };
}

const suppression = (kind: Suppression['kind'], directive: { line: number; justification?: string }): Suppression => ({
  kind,
  line: directive.line,
  ...(directive.justification !== undefined ? { justification: directive.justification } : {}),
});
