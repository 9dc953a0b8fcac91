import type { Finding, Notice } from '../../src/findings/model.js';
import { activateRules, scanSource } from '../../src/engine/scan.js';
import type { AnyRule } from '../../src/rule/types.js';
import { RULES } from '../../rules/index.js';

export interface EngineRun {
  /** Findings a report shows: suppressed ones left out, as ESLint leaves them out. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  readonly notices: readonly Notice[];
}

/** Runs the given rules over in-memory source, as the scanner does per file. */
export function runEngine(filename: string, source: string, rules: readonly AnyRule[], options: Readonly<Record<string, unknown>> = {}): EngineRun {
  const result = scanSource(filename, source, activateRules(rules, options));
  return {
    findings: result.findings.filter((f) => f.suppressed === undefined),
    suppressed: result.findings.filter((f) => f.suppressed !== undefined),
    notices: result.notices,
  };
}

/** A comparable key per finding, 1-based like ESLint's messages. */
export const engineKey = (f: Finding): string =>
  `${f.ruleName} ${f.range.startLine}:${f.range.startColumn}-${f.range.endLine}:${f.range.endColumn} ${f.messageId}`;

/** Line → confidence of the findings one rule (by name) reports in `code`: for rules whose confidence depends on context. */
export function confidencesByLine(ruleName: string, filename: string, code: string): Record<number, string> {
  const { findings } = runEngine(filename, code, RULES.filter((rule) => rule.name === ruleName));
  return Object.fromEntries(findings.map((finding) => [finding.range.startLine, finding.confidence]));
}
