import { parseSource } from '../parse/index.js';
import { runRulesOnFile, type ActiveRule, type EngineOptions, type FileResult } from './run-rules.js';

/** Parses and checks one file's text: what the scanner does per file, and what the fixture tests call. */
export function scanSource(file: string, text: string, rules: readonly ActiveRule[], options: EngineOptions = {}, absolute?: string): FileResult {
  const parsed = parseSource(text, file);
  if (!parsed.ok) {
    return {
      findings: [],
      notices: [{ kind: 'parse-error', file, line: parsed.line, column: parsed.column, message: `could not be parsed: ${parsed.message}` }],
    };
  }
  return runRulesOnFile({ file, text, ast: parsed.ast, ...(absolute !== undefined ? { absolute } : {}) }, rules, options);
}
