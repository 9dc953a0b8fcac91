import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Scope } from '@typescript-eslint/scope-manager';
import type { TypeServices } from '../types/services.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Confidence = 'low' | 'medium' | 'high';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

/** Rule families, keyed by folder name; the hundreds digit of a rule id names its family. */
export const FAMILIES = {
  'code-exec': { digit: 1, title: 'Code and command execution' },
  injection: { digit: 2, title: 'SQL, NoSQL and query injection' },
  xss: { digit: 3, title: 'HTML sinks and cross-site scripting' },
  crypto: { digit: 4, title: 'Cryptography, randomness, TLS and JWT' },
  secrets: { digit: 5, title: 'Secrets and hard-coded credentials' },
  'files-network': { digit: 6, title: 'Files, network and redirects' },
  'config-exposure': { digit: 7, title: 'Configuration and exposure' },
  'data-handling': { digit: 8, title: 'Unsafe data handling' },
  /** Findings about suppression comments (TSB001, TSB002: src/suppress/diagnostics.ts), made by the engine, not by rules. */
  suppressions: { digit: 0, title: 'Suppression comments' },
} as const;
export type Family = keyof typeof FAMILIES;

export type Node = TSESTree.Node;
export type Program = TSESTree.Program;
export type Comment = TSESTree.Comment;
export type NodeType = Node['type'];
export type NodeOfType<T extends NodeType> = Extract<Node, { type: T }>;

/**
 * What a rule may listen to: plain ESTree node types, optionally with `:exit`.
 * No selectors, so the engine dispatches through an exact map and ESLint dispatches the same keys.
 */
export type RuleListener = {
  [T in NodeType]?: (node: NodeOfType<T>) => void;
} & {
  [T in NodeType as `${T}:exit`]?: (node: NodeOfType<T>) => void;
};

/**
 * The part of ESLint's `SourceCode` a rule may use. ESLint's own object satisfies it;
 * the engine implements it over its own parse.
 */
export interface SourceCodeLike {
  readonly text: string;
  readonly ast: Program;
  getText(node?: Node | Comment): string;
  getScope(node: Node): Scope;
  getAllComments(): Comment[];
}

/** A text edit, as ESLint's fixer produces them: replace `range` (offsets) with `text`. */
export interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** The subset of ESLint's `RuleFixer` rules may use in suggestions. */
export interface RuleFixer {
  replaceText(nodeOrToken: Node | Comment, text: string): TextEdit;
  replaceTextRange(range: readonly [number, number], text: string): TextEdit;
  insertTextBefore(nodeOrToken: Node | Comment, text: string): TextEdit;
  insertTextAfter(nodeOrToken: Node | Comment, text: string): TextEdit;
  remove(nodeOrToken: Node | Comment): TextEdit;
}

export interface SuggestionDescriptor<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string | number>>;
  fix(fixer: RuleFixer): TextEdit | readonly TextEdit[] | null;
}

export interface ReportDescriptor<MessageIds extends string> {
  readonly node: Node;
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Per-finding confidence; defaults to the rule's `confidence`. Dropped by the ESLint adapter. */
  readonly confidence?: Confidence | undefined;
  /**
   * The reported node's text is a secret: the engine masks it in snippets and fingerprints.
   * Dropped by the ESLint adapter (ESLint prints no snippets).
   */
  readonly secret?: boolean;
  /** Where the dangerous value came from (from `findTaintFlow`): shown in reports and SARIF codeFlows. Dropped by the ESLint adapter. */
  readonly flow?: { readonly steps: readonly { readonly node: Node; readonly label: string }[] } | undefined;
  readonly suggest?: readonly SuggestionDescriptor<MessageIds>[];
}

/** What a rule sees: the narrow, ESLint-shaped interface both hosts implement. */
export interface RuleContext<MessageIds extends string = string, Options = Record<string, unknown>> {
  readonly id: string;
  readonly filename: string;
  readonly sourceCode: SourceCodeLike;
  readonly options: Options;
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * Type-aware mode only (`--project`): the checker's answers for this file. Absent in plain
   * scans and in ESLint; read it through `getTypeServices(context)` (src/types), which also
   * finds typescript-eslint's parser services.
   */
  readonly types?: TypeServices;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

export interface RuleDocs {
  /** Why the flagged code is dangerous (becomes SARIF fullDescription). */
  readonly why: string;
  /** How to fix it, in one or two sentences. */
  readonly fix: string;
  /** Runnable examples: the docs test checks `flagged` has a finding and `safe` has none. */
  readonly examples: { readonly flagged: string; readonly safe: string; readonly language?: 'ts' | 'tsx' | 'js' };
  readonly references?: readonly string[];
  /** Where the idea comes from, e.g. `bandit:B307`, `eslint-plugin-security:detect-eval-with-expression`. */
  readonly sources?: readonly string[];
}

/** JSON Schema of a rule's single options object. Each property needs a description (docs). */
export interface OptionsSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, { readonly description: string } & Record<string, unknown>>>;
  readonly additionalProperties: false;
}

export interface RuleMeta<MessageIds extends string, Options> {
  /** `TSB` + three digits; the hundreds digit names the family. Ids are forever. */
  readonly id: string;
  /** kebab-case, equal to the file name; the ESLint rule name is `tsbandit/<name>`. */
  readonly name: string;
  readonly title: string;
  readonly cwe: readonly number[];
  readonly severity: Severity;
  /** Default confidence of a finding; a report may raise or lower it. */
  readonly confidence: Confidence;
  /** SARIF `security-severity`: GitHub's 0.1-10 score for this rule (bands: critical >= 9). */
  readonly securitySeverity: number;
  readonly messages: Readonly<Record<MessageIds, string>>;
  readonly docs: RuleDocs;
  readonly schema?: OptionsSchema;
  readonly defaultOptions?: Options;
  /** True when the rule offers suggestions (ESLint's `meta.hasSuggestions`). */
  readonly hasSuggestions?: boolean;
  /** Included in the ESLint `recommended` config (high precision rules). */
  readonly recommended: boolean;
}

export interface RuleModule<MessageIds extends string = string, Options = Record<string, unknown>>
  extends RuleMeta<MessageIds, Options> {
  create(context: RuleContext<MessageIds, Options>): RuleListener;
}

/** A rule of any message ids and options, as the engine and the registry hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleModule<string, any>;
