import type { AnyRule, Comment } from '../rule/types.js';
import type { Finding } from '../findings/model.js';
import { fingerprintsInSourceOrder } from '../findings/fingerprint.js';
import { LineIndex } from '../parse/line-index.js';
import { lineHashes } from '../report/line-hash.js';
import { snippetOf } from '../engine/snippet.js';
import { renderRuleDoc } from '../docs/render.js';
import { createNextCodeLine, findInlineSuppression, parseInlineDirectives, type InlineDirective } from './inline-directives.js';

/**
 * Findings about suppression comments themselves, made by the engine (not by a walk), when a
 * scan asks for them: `--report-unscoped-suppressions` and `--report-unused-suppressions`.
 * They are pseudo-rules in the `suppressions` family (TSB0xx): listed in SARIF's rules, with
 * help text and `tsbandit explain`, but not in the ESLint plugin (ESLint has its own
 * `--report-unused-disable-directives`) and not in the rule registry.
 */
export interface SuppressionReporting {
  /** Report every tsbandit-ignore / nosec comment that names no rule (it silences all of them). */
  readonly unscoped?: boolean;
  /** Report every tsbandit-ignore / nosec comment (or rule named in one) that silenced nothing. */
  readonly unused?: boolean;
}

const pseudoRule = (rule: Omit<AnyRule, 'create'>): AnyRule => Object.freeze({ ...rule, create: () => ({}) });

export const UNSCOPED_SUPPRESSION: AnyRule = pseudoRule({
  id: 'TSB001',
  name: 'unscoped-suppression',
  title: 'Suppression comment without a rule list',
  cwe: [710],
  severity: 'low',
  confidence: 'high',
  securitySeverity: 2.0,
  recommended: false,
  messages: {
    unscoped: '`{{keyword}}` names no rule, so it silences every rule{{where}}; name the rules it is meant for (`{{keyword}} TSB201 -- reason`).',
  },
  docs: {
    why: 'A bare `// nosec` or `// tsbandit-ignore` silences every rule, including rules added later and findings nobody looked at when the comment was written. It is how real vulnerabilities hide behind an old suppression. Reported only with `--report-unscoped-suppressions`.',
    fix: 'List the rules the comment is for, by id or name, and say why after `--`: `// tsbandit-ignore TSB103 -- the command is a constant table entry`.',
    examples: {
      flagged: `import { exec } from 'node:child_process';\nexport const list = (dir: string) => exec('ls ' + dir); // nosec`,
      safe: `import { exec } from 'node:child_process';\nexport const list = (dir: string) => exec('ls ' + dir); // nosec TSB103 -- dir is one of ALLOWED_DIRS`,
    },
    references: ['https://bandit.readthedocs.io/en/latest/config.html#exclusions', 'https://eslint.org/docs/latest/use/configure/rules#disabling-rules'],
    sources: ['bandit:nosec', 'eslint-comments:no-unlimited-disable'],
  },
});

export const UNUSED_SUPPRESSION: AnyRule = pseudoRule({
  id: 'TSB002',
  name: 'unused-suppression',
  title: 'Suppression comment that suppresses nothing',
  cwe: [1164],
  severity: 'low',
  confidence: 'high',
  securitySeverity: 1.0,
  recommended: false,
  messages: {
    unused: '`{{keyword}}` suppresses nothing{{where}}; remove it (a stale suppression would hide a future finding).',
    unusedRules: '`{{keyword}}` names {{names}}, which reported nothing{{where}}; remove {{them}} from the list.',
  },
  docs: {
    why: 'A suppression that no longer matches a finding is dead weight, and a trap: the next vulnerable line written there is silenced without anyone deciding so. Like ESLint\'s `--report-unused-disable-directives`. Reported only with `--report-unused-suppressions`; rules that did not run in the scan (turned off, not loaded) are not held against a comment.',
    fix: 'Delete the comment, or the rule names in it that no longer match a finding.',
    examples: {
      flagged: `import { execFile } from 'node:child_process';\n// tsbandit-ignore-next-line TSB103 -- was exec, now execFile\nexport const list = (dir: string) => execFile('ls', [dir]);`,
      safe: `import { execFile } from 'node:child_process';\nexport const list = (dir: string) => execFile('ls', [dir]);`,
    },
    references: ['https://eslint.org/docs/latest/use/command-line-interface#--report-unused-disable-directives'],
    sources: ['eslint:reportUnusedDisableDirectives'],
  },
});

/** The pseudo-rules, for reports (SARIF `rules`), `tsbandit explain` and the docs. */
export const SUPPRESSION_RULES: readonly AnyRule[] = [UNSCOPED_SUPPRESSION, UNUSED_SUPPRESSION];

/** The flag that turns a pseudo-rule on. */
const FLAG: Readonly<Record<string, string>> = { TSB001: '--report-unscoped-suppressions', TSB002: '--report-unused-suppressions' };

/**
 * The documentation page of a pseudo-rule (docs/rules/<name>.md, `tsbandit explain`): the rule
 * page, saying how it is turned on instead of naming an ESLint rule it does not have.
 */
export function renderSuppressionRuleDoc(rule: AnyRule): string {
  return renderRuleDoc(rule).replace(/^\| ESLint \|.*\|$/m, `| Turned on by | \`${FLAG[rule.id] ?? ''}\` (the scanner only: not an ESLint rule) |`);
}

/** The pseudo-rules a scan with these options can report. */
export const suppressionRulesFor = (reporting: SuppressionReporting | undefined): AnyRule[] => [
  ...(reporting?.unscoped === true ? [UNSCOPED_SUPPRESSION] : []),
  ...(reporting?.unused === true ? [UNUSED_SUPPRESSION] : []),
];

interface Diagnostic {
  readonly rule: AnyRule;
  readonly directive: InlineDirective;
  readonly messageId: string;
  readonly message: string;
}

const fill = (template: string, data: Record<string, string>): string => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => data[key] ?? '');

/**
 * The findings about one file's suppression comments: unscoped ones, and ones that silenced
 * no finding of `findings` (the file's findings, with `suppressed` set). Rules named in a
 * comment that are not among `activeRules` count as neither used nor unused.
 */
export function suppressionFindings(
  file: string,
  text: string,
  comments: readonly Comment[],
  findings: readonly Finding[],
  activeRules: readonly Pick<AnyRule, 'id' | 'name'>[],
  reporting: SuppressionReporting,
): Finding[] {
  if (reporting.unscoped !== true && reporting.unused !== true) return [];
  if (!comments.some((c) => c.value.includes('tsbandit-ignore') || c.value.includes('nosec'))) return [];
  const all = parseInlineDirectives(comments, text);
  const directives = all.filter((d) => d.kind !== 'ignore-end');
  if (directives.length === 0) return [];
  const nextCodeLine = createNextCodeLine(text);
  const byRef = new Map<string, Pick<AnyRule, 'id' | 'name'>>();
  for (const rule of activeRules) {
    byRef.set(rule.id, rule);
    byRef.set(rule.name, rule);
  }

  // Which directive silenced each inline-suppressed finding, and for which rules.
  const usedFor = new Map<number, Set<string>>();
  for (const finding of findings) {
    if (finding.suppressed?.kind !== 'inline') continue;
    const rule = { id: finding.ruleId, name: finding.ruleName };
    const directive = findInlineSuppression(all, rule, finding.range.startLine, nextCodeLine);
    if (directive === undefined) continue;
    const set = usedFor.get(directive.range[0]) ?? new Set<string>();
    set.add(finding.ruleId);
    usedFor.set(directive.range[0], set);
  }

  const diagnostics: Diagnostic[] = [];
  for (const directive of directives) {
    const keyword = directive.keyword;
    const where = directive.kind === 'ignore-start' ? ' in its block' : directive.kind === 'ignore-next-line' || directive.standalone ? ' on the next line' : ' on this line';
    if (reporting.unscoped === true && directive.rules === undefined) {
      diagnostics.push({ rule: UNSCOPED_SUPPRESSION, directive, messageId: 'unscoped', message: fill(UNSCOPED_SUPPRESSION.messages.unscoped!, { keyword, where }) });
    }
    if (reporting.unused !== true) continue;
    const used = usedFor.get(directive.range[0]);
    if (directive.rules === undefined) {
      if (used === undefined) diagnostics.push({ rule: UNUSED_SUPPRESSION, directive, messageId: 'unused', message: fill(UNUSED_SUPPRESSION.messages.unused!, { keyword, where }) });
      continue;
    }
    const named = directive.rules.map((ref) => ({ ref, rule: byRef.get(ref) })).filter((entry) => entry.rule !== undefined);
    if (named.length === 0) continue;
    const unused = named.filter((entry) => used === undefined || !used.has(entry.rule!.id)).map((entry) => entry.ref);
    if (unused.length === 0) continue;
    if (unused.length === named.length && named.length === directive.rules.length) {
      diagnostics.push({ rule: UNUSED_SUPPRESSION, directive, messageId: 'unused', message: fill(UNUSED_SUPPRESSION.messages.unused!, { keyword: `${keyword} ${directive.rules.join(', ')}`, where }) });
    } else {
      diagnostics.push({
        rule: UNUSED_SUPPRESSION,
        directive,
        messageId: 'unusedRules',
        message: fill(UNUSED_SUPPRESSION.messages.unusedRules!, { keyword, names: unused.join(', '), where, them: unused.length === 1 ? 'it' : 'them' }),
      });
    }
  }
  if (diagnostics.length === 0) return [];
  return toFindings(file, text, diagnostics);
}

function toFindings(file: string, text: string, diagnostics: readonly Diagnostic[]): Finding[] {
  const lines = new LineIndex(text);
  const lastLine = diagnostics.reduce((max, d) => Math.max(max, d.directive.line), 1);
  const hashes = lineHashes(text, lastLine);
  // The comment's text is what the fingerprint keeps: moving the comment keeps its identity.
  const fingerprints = fingerprintsInSourceOrder(diagnostics.map((d) => ({ ruleId: d.rule.id, code: `${d.messageId}:${text.slice(d.directive.range[0], d.directive.range[1])}` })));
  return diagnostics.map((d, index) => {
    const start = lines.position(d.directive.range[0]);
    const end = lines.position(d.directive.range[1]);
    return {
      ruleId: d.rule.id,
      ruleName: d.rule.name,
      severity: d.rule.severity,
      confidence: d.rule.confidence,
      cwe: d.rule.cwe,
      messageId: d.messageId,
      message: d.message,
      file,
      range: { startLine: start.line, startColumn: start.column + 1, endLine: end.line, endColumn: end.column + 1 },
      snippet: snippetOf(text, lines.starts, start.line, start.column, end.line, []),
      fingerprint: fingerprints[index] ?? '',
      lineHash: hashes[start.line] ?? '',
    };
  });
}
