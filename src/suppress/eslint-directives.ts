import type { Comment } from '../rule/types.js';

/** Where one ESLint directive comment applies, in the scanner's terms. */
export interface DisableDirective {
  readonly kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** Rule names (kebab, without the `tsbandit/` prefix), or undefined for every rule. */
  readonly rules: readonly string[] | undefined;
  /** 1-based line and column of the comment's start (its end line for `disable-next-line`). */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly justification?: string;
}

const DIRECTIVE = /^\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?:\s|$)([\s\S]*)$/;
const PLUGIN_PREFIX = 'tsbandit/';

/**
 * ESLint's disable directives, read the way ESLint reads them, so one comment silences a
 * finding in the editor and in the scanner alike. Rules of other plugins are ignored;
 * a directive naming no rule applies to every rule (as in ESLint).
 */
export function parseEslintDirectives(comments: readonly Comment[]): DisableDirective[] {
  const directives: DisableDirective[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value);
    if (match === null) continue;
    const kind = match[1]!.slice('eslint-'.length) as DisableDirective['kind'];
    // Line directives must be line comments or single-line blocks (ESLint ignores others).
    if ((kind === 'disable-line' || kind === 'disable-next-line') && comment.loc.start.line !== comment.loc.end.line) continue;
    if ((kind === 'disable' || kind === 'enable') && comment.type === 'Line') continue;
    const [list = '', justification] = (match[2] ?? '').split(/\s-{2,}\s/, 2) as [string, string | undefined];
    const names = list.split(',').map((name) => name.trim()).filter(Boolean);
    const rules = names.length === 0 ? undefined : names.filter((name) => name.startsWith(PLUGIN_PREFIX)).map((name) => name.slice(PLUGIN_PREFIX.length));
    if (rules !== undefined && rules.length === 0) continue;
    directives.push({
      kind,
      rules,
      line: comment.loc.start.line,
      column: comment.loc.start.column + 1,
      endLine: comment.loc.end.line,
      ...(justification?.trim() ? { justification: justification.trim() } : {}),
    });
  }
  return directives;
}

const appliesTo = (directive: DisableDirective, ruleName: string): boolean => directive.rules === undefined || directive.rules.includes(ruleName);

/**
 * The directive that silences a finding of `ruleName` starting at `line:column`, if any.
 * Block `disable`/`enable` pairs act from their position on, in source order, as in ESLint.
 */
export function findSuppressingDirective(directives: readonly DisableDirective[], ruleName: string, line: number, column: number): DisableDirective | undefined {
  let blockDisable: DisableDirective | undefined;
  for (const directive of directives) {
    if (!appliesTo(directive, ruleName)) continue;
    switch (directive.kind) {
      case 'disable-line':
        if (directive.line === line) return directive;
        break;
      case 'disable-next-line':
        if (directive.endLine + 1 === line) return directive;
        break;
      case 'disable':
      case 'enable': {
        const before = directive.line < line || (directive.line === line && directive.column <= column);
        if (before) blockDisable = directive.kind === 'disable' ? directive : undefined;
        break;
      }
    }
  }
  return blockDisable;
}
