import type { Confidence, Severity } from '../rule/types.js';

/** 1-based lines, 1-based columns in UTF-16 code units, end exclusive (as ESLint and SARIF). */
export interface SourceRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface SuggestionOut {
  readonly message: string;
  /** Offsets into the file's text (UTF-16 code units) and the text to put there. */
  readonly edits: readonly { readonly range: readonly [number, number]; readonly text: string }[];
}

export interface Finding {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly cwe: readonly number[];
  readonly messageId: string;
  readonly message: string;
  /** Relative to the scan root, `/` separators. */
  readonly file: string;
  readonly range: SourceRange;
  /** The flagged line(s), secrets masked, control characters escaped. */
  readonly snippet: string;
  /** Rule-aware and line-free: sha256(rule id, normalised flagged code, occurrence), 16 hex. */
  readonly fingerprint: string;
  /** GitHub's `primaryLocationLineHash` of the start line (see report/line-hash). */
  readonly lineHash: string;
  readonly suggestions?: readonly SuggestionOut[];
  /** The path of the dangerous value from its source to the sink, when the analysis saw it. */
  readonly flow?: Flow;
  /** Present when a suppression matched: the finding is kept for counting, left out of reports by default. */
  readonly suppressed?: Suppression;
}

export interface Suppression {
  /** What silenced it: an `eslint-disable*` comment, a `tsbandit-ignore*` or `nosec` comment, or the baseline. */
  readonly kind: 'eslint-disable' | 'inline' | 'baseline';
  /** 1-based line of the directive (absent for the baseline). */
  readonly line?: number;
  /** The text after `--` in the directive, if any. */
  readonly justification?: string;
}

export type NoticeKind =
  | 'parse-error'
  | 'too-large'
  | 'binary'
  | 'encoding'
  | 'unreadable'
  | 'not-regular-file'
  | 'symlink'
  | 'missing-path'
  | 'rule-error'
  | 'resource-limit';

/** Something the scan could not do for a file; never a finding, never the exit code's business. */
export interface Notice {
  readonly kind: NoticeKind;
  /** Relative to the scan root when inside it, `/` separators. */
  readonly file: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly ruleId?: string;
}

/** A taint path: the source first, then each assignment or call it passed through, then the sink. */
export interface Flow {
  readonly steps: readonly FlowLocation[];
}

export interface FlowLocation {
  readonly file: string;
  readonly range: SourceRange;
  /** What the value is called at this step (`req.query.id`, `sql`, `buildQuery() returns it`). */
  readonly label: string;
}
