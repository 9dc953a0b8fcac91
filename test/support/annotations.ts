/**
 * Fixture annotations (design §6): `// expect: ID[, ID x2]`, `// ok: ID`, `// todo-expect: ID -- why`,
 * `// todo-ok: ID -- why`, on the line above the code they describe (blank and comment lines
 * skipped); in JSX `{/* expect: ID *\/}`. A first-line `// fixture-options: {json}` sets rule options.
 */
export type AnnotationKind = 'expect' | 'ok' | 'todo-expect' | 'todo-ok';

export interface Annotation {
  readonly kind: AnnotationKind;
  /** Rule id or kebab name as written. */
  readonly rule: string;
  readonly count: number;
  /** The line the annotation is written on (1-based). */
  readonly line: number;
  /** The code line it describes (1-based). */
  readonly target: number;
  readonly reason?: string;
}

export interface FixturePlan {
  readonly annotations: readonly Annotation[];
  /** Rules the fixture tests, as written (ids or names). */
  readonly rules: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
}

const ANNOTATION = /(?:\/\/|\/\*|\{\s*\/\*)\s*(todo-expect|todo-ok|expect|ok):\s*(.*?)\s*(?:\*\/\s*\}?)?$/;
const COMMENT_ONLY = /^\s*(\/\/|\/\*|\*|\{\s*\/\*)/;
const OPTIONS = /^\s*\/\/\s*fixture-options:\s*(\{.*\})\s*$/;

export function parseAnnotations(source: string): FixturePlan {
  const lines = source.split(/\r\n|\r|\n/);
  const annotations: Annotation[] = [];
  let options: Record<string, unknown> = {};
  const optionsMatch = OPTIONS.exec(lines[0] ?? '');
  if (optionsMatch?.[1] !== undefined) options = JSON.parse(optionsMatch[1]) as Record<string, unknown>;

  lines.forEach((text, index) => {
    const match = ANNOTATION.exec(text);
    if (match === null) return;
    const kind = match[1] as AnnotationKind;
    const [list, reason] = (match[2] ?? '').split(/\s+--\s+/, 2) as [string, string | undefined];
    let target = index + 1;
    while (target < lines.length && (lines[target]!.trim() === '' || COMMENT_ONLY.test(lines[target]!))) target++;
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [rule, times] = item.split(/\s+x/) as [string, string | undefined];
      annotations.push({ kind, rule: rule.trim(), count: times === undefined ? 1 : Number(times), line: index + 1, target: target + 1, ...(reason ? { reason } : {}) });
    }
  });
  return { annotations, rules: [...new Set(annotations.map((a) => a.rule))], options };
}
