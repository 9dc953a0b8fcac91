import { CWE_NAMES } from './cwe.js';
import { FAMILIES, type AnyRule, type Family, type RuleContext, type RuleListener, type RuleMeta, type RuleModule } from './types.js';

/** `TSB` and three digits for built-in rules; plugins use their own prefix (`ACME201`). The hundreds digit is the family. */
const RULE_ID = /^[A-Z][A-Z]{1,9}[1-8]\d\d$/;
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

export class RuleDefinitionError extends Error {
  override name = 'RuleDefinitionError';
}

/**
 * Declares a rule. Message ids and the options type are inferred from the object, so a
 * `report({ messageId })` typo fails `tsc`. Metadata is checked when the module loads, so
 * an incomplete rule fails every test rather than a user's scan.
 */
export function defineRule<MessageIds extends string, Options extends object = Record<string, never>>(
  rule: RuleMeta<MessageIds, Options> & {
    create(context: RuleContext<MessageIds, Options>): RuleListener;
  },
): RuleModule<MessageIds, Options> {
  const fail = (why: string): never => {
    throw new RuleDefinitionError(`rule ${rule.id || '(no id)'}: ${why}`);
  };
  if (!RULE_ID.test(rule.id)) fail('id must be an upper-case prefix and three digits whose first (the family) is 1-8, e.g. TSB201');
  if (!KEBAB.test(rule.name)) fail(`name "${rule.name}" must be kebab-case`);
  if (rule.title.includes('\n') || rule.title.length > 120) fail('title must be one line of at most 120 characters');
  if (rule.cwe.length === 0) fail('cwe must name at least one CWE');
  for (const cwe of rule.cwe) if (CWE_NAMES[cwe] === undefined) fail(`CWE-${cwe} is not in the catalogue (src/rule/cwe.ts)`);
  if (!(rule.securitySeverity >= 0.1 && rule.securitySeverity <= 10)) fail('securitySeverity must be within 0.1..10');
  if (Object.keys(rule.messages).length === 0) fail('at least one message is required');
  for (const [id, text] of Object.entries<string>(rule.messages)) {
    if (text.trim() === '') fail(`message ${id} is empty`);
  }
  if (rule.schema !== undefined) {
    for (const [key, prop] of Object.entries(rule.schema.properties)) {
      if (!prop.description) fail(`option ${key} needs a description`);
    }
  }
  return Object.freeze({ ...rule });
}

/** The family of a rule, from its id's hundreds digit. */
export function familyOf(rule: Pick<AnyRule, 'id'>): Family {
  const digit = Number(rule.id.charAt(rule.id.length - 3));
  const family = (Object.keys(FAMILIES) as Family[]).find((name) => FAMILIES[name].digit === digit);
  if (family === undefined) throw new RuleDefinitionError(`rule ${rule.id}: no family for digit ${digit}`);
  return family;
}

/** The placeholders a message uses (`{{callee}}` → `callee`). */
export function messagePlaceholders(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** Fills `{{name}}` placeholders as ESLint does: unknown names are left as written. */
export function formatMessage(message: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (data === undefined) return message;
  return message.replace(PLACEHOLDER, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Options as the rule sees them: its defaults overlaid with the user's object. */
export function resolveOptions(rule: AnyRule, userOptions: unknown): Record<string, unknown> {
  const defaults = (rule.defaultOptions ?? {}) as Record<string, unknown>;
  if (userOptions === undefined || userOptions === null || typeof userOptions !== 'object') return { ...defaults };
  return { ...defaults, ...(userOptions as Record<string, unknown>) };
}
