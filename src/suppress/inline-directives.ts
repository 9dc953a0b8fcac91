import type { Comment } from '../rule/types.js';

/**
 * tsbandit's own suppression comments, and Bandit's `nosec`:
 *   // tsbandit-ignore TSB201 -- reason          (this line, or the next code line when alone on its line)
 *   // tsbandit-ignore-next-line TSB201, sql-injection -- reason
 *   /* tsbandit-ignore-start TSB201 *\/ ... /* tsbandit-ignore-end *\/
 *   // nosec   // nosec TSB201
 * Rules are named by id or kebab name; no list means every rule.
 */
export interface InlineDirective {
  readonly kind: 'ignore' | 'ignore-next-line' | 'ignore-start' | 'ignore-end' | 'nosec';
  /** Rule ids or names as written, upper-cased ids; undefined for every rule. */
  readonly rules: readonly string[] | undefined;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  /** True when the comment is the only thing on its line: then `ignore`/`nosec` cover the next line. */
  readonly standalone: boolean;
  readonly justification?: string;
  /** The comment's offsets in the file's text (UTF-16 code units). */
  readonly range: readonly [number, number];
  /** The comment as written, for messages (`nosec`, `tsbandit-ignore-next-line`). */
  readonly keyword: string;
}

const DIRECTIVE = /^\s*\*?\s*(tsbandit-ignore-next-line|tsbandit-ignore-start|tsbandit-ignore-end|tsbandit-ignore|nosec)\b([\s\S]*)$/;
const RULE_REFERENCE = /^(TSB\d{3}|[a-z][a-z0-9]*(-[a-z0-9]+)*)$/i;

export function parseInlineDirectives(comments: readonly Comment[], text: string): InlineDirective[] {
  const directives: InlineDirective[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value);
    if (match === null) continue;
    const keyword = match[1]!;
    const kind = (keyword === 'nosec' ? 'nosec' : keyword.slice('tsbandit-'.length)) as InlineDirective['kind'];
    const [list = '', justification] = (match[2] ?? '').split(/\s-{2,}\s?/, 2) as [string, string | undefined];
    const names = list.split(/[,\s]+/).map((name) => name.trim()).filter((name) => RULE_REFERENCE.test(name));
    directives.push({
      kind,
      rules: names.length === 0 ? undefined : names.map((name) => (/^TSB\d{3}$/i.test(name) ? name.toUpperCase() : name)),
      line: comment.loc.start.line,
      column: comment.loc.start.column + 1,
      endLine: comment.loc.end.line,
      standalone: isAloneOnItsLine(text, comment),
      range: comment.range,
      keyword,
      ...(justification?.trim() ? { justification: justification.trim() } : {}),
    });
  }
  return directives;
}

function isAloneOnItsLine(text: string, comment: Comment): boolean {
  let start = comment.range[0];
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') {
    start--;
    if (text[start] !== ' ' && text[start] !== '\t') return false;
  }
  return true;
}

const names = (directive: InlineDirective, rule: { id: string; name: string }): boolean =>
  directive.rules === undefined || directive.rules.includes(rule.id) || directive.rules.includes(rule.name);

/**
 * The directive that silences a finding of `rule` starting on `line`, if any. `nextCodeLine`
 * maps a standalone directive's line to the code line it precedes (blank and comment lines skipped).
 */
export function findInlineSuppression(
  directives: readonly InlineDirective[],
  rule: { id: string; name: string },
  line: number,
  nextCodeLine: (afterLine: number) => number,
): InlineDirective | undefined {
  let open: InlineDirective | undefined;
  for (const directive of directives) {
    if (directive.line > line) break;
    if (!names(directive, rule) && directive.kind !== 'ignore-end') continue;
    switch (directive.kind) {
      case 'ignore':
      case 'nosec':
        if (directive.line === line || (directive.standalone && nextCodeLine(directive.endLine) === line)) return directive;
        break;
      case 'ignore-next-line':
        if (nextCodeLine(directive.endLine) === line) return directive;
        break;
      case 'ignore-start':
        open = directive;
        break;
      case 'ignore-end':
        if (open !== undefined && (directive.rules === undefined || open.rules === undefined || directive.rules.some((r) => open!.rules!.includes(r)))) open = undefined;
        break;
    }
  }
  return open;
}

const COMMENT_OR_BLANK = /^(\/\/|\/\*|\*|\{\s*\/\*|$)/;

/**
 * A per-file question "which directive silences this finding?", shared by the engine and the
 * ESLint adapter so a tsbandit-ignore comment works the same in both hosts.
 */
export function createInlineSuppressor(text: string, comments: readonly Comment[]): (rule: { id: string; name: string }, line: number) => InlineDirective | undefined {
  if (!comments.some((c) => c.value.includes('tsbandit-ignore') || c.value.includes('nosec'))) return () => undefined;
  const directives = parseInlineDirectives(comments, text);
  if (directives.length === 0) return () => undefined;
  const nextCodeLine = createNextCodeLine(text);
  return (rule, line) => findInlineSuppression(directives, rule, line, nextCodeLine);
}

/** The first line after `afterLine` that holds code (blank and comment-only lines skipped), or -1. */
export function createNextCodeLine(text: string): (afterLine: number) => number {
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  return (afterLine) => {
    for (let line = afterLine + 1; line <= lines.length; line++) if (!COMMENT_OR_BLANK.test((lines[line - 1] ?? '').trim())) return line;
    return -1;
  };
}
