import { CWE_NAMES, cweUrl, familyOf, FAMILIES, type AnyRule } from '../rule/index.js';

export interface RuleDocExtras {
  /** Known limitations, from the fixtures' todo-expect / todo-ok reasons. */
  readonly limitations?: readonly string[];
}

const fence = (code: string, language: string): string => `\`\`\`${language}\n${code}\n\`\`\``;
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The one rendering of a rule's documentation, used for docs/rules/<name>.md, SARIF
 * `help.markdown` and `tsbandit explain`. Everything comes from the rule's metadata.
 */
export function renderRuleDoc(rule: AnyRule, extras: RuleDocExtras = {}): string {
  const family = familyOf(rule);
  const language = rule.docs.examples.language ?? 'ts';
  const lines: string[] = [
    `# ${rule.id} ${rule.name}: ${rule.title}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Severity | ${rule.severity} |`,
    `| Default confidence | ${rule.confidence} |`,
    `| CWE | ${rule.cwe.map((cwe) => `[CWE-${cwe}](${cweUrl(cwe)}): ${CWE_NAMES[cwe] ?? ''}`).join('<br>')} |`,
    `| Family | ${FAMILIES[family].title} (\`${family}\`) |`,
    `| ESLint | \`tsbandit/${rule.name}\`${rule.recommended ? ' (in `recommended`)' : ''} |`,
    `| GitHub security-severity | ${rule.securitySeverity.toFixed(1)} |`,
    '',
    '## Why it matters',
    '',
    rule.docs.why,
    '',
    '## How to fix',
    '',
    rule.docs.fix,
    '',
    '## Examples',
    '',
    'Flagged:',
    '',
    fence(rule.docs.examples.flagged, language),
    '',
    'Safe:',
    '',
    fence(rule.docs.examples.safe, language),
    '',
  ];
  const properties = Object.entries(rule.schema?.properties ?? {});
  if (properties.length > 0) {
    lines.push('## Options', '');
    for (const [name, property] of properties) {
      const fallback = (rule.defaultOptions as Record<string, unknown> | undefined)?.[name];
      lines.push(`### \`${name}\``, '', property.description, ...(fallback === undefined ? [] : ['', `Default: \`${JSON.stringify(fallback)}\``]), '');
    }
  }
  if (extras.limitations !== undefined && extras.limitations.length > 0) {
    lines.push('## Known limitations', '', ...extras.limitations.map((item) => `- ${capitalised(item)}`), '');
  }
  if (rule.docs.references !== undefined && rule.docs.references.length > 0) {
    lines.push('## References', '', ...rule.docs.references.map((url) => `- <${url}>`), '');
  }
  if (rule.docs.sources !== undefined && rule.docs.sources.length > 0) {
    lines.push(`Related checks in other tools: ${rule.docs.sources.map((s) => `\`${s}\``).join(', ')}.`, '');
  }
  return lines.join('\n');
}

/** Plain-text help (SARIF `help.text`, terminals): the same facts without markup. */
export function renderRuleHelpText(rule: AnyRule): string {
  return [
    `${rule.id} ${rule.name}: ${rule.title}`,
    `Severity ${rule.severity}, default confidence ${rule.confidence}, ${rule.cwe.map((c) => `CWE-${c}`).join(', ')}.`,
    '',
    `Why: ${rule.docs.why}`,
    '',
    `Fix: ${rule.docs.fix}`,
    '',
    'Flagged:',
    rule.docs.examples.flagged,
    '',
    'Safe:',
    rule.docs.examples.safe,
  ].join('\n');
}
