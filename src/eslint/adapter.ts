import type { Rule } from 'eslint';
import { resolveOptions } from '../rule/define-rule.js';
import type { AnyRule, ReportDescriptor, RuleContext, SourceCodeLike } from '../rule/types.js';
import { ruleDocUrl } from '../meta.js';

/**
 * Turns a tsbandit rule into an ESLint rule module. The rule object is the same one the
 * scanner runs: ESLint's own `sourceCode` (with its scope manager) stands in for ours, and
 * the engine-only report fields (`confidence`, `secret`) are dropped.
 */
export function toEslintRule(rule: AnyRule): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: rule.title, url: ruleDocUrl(rule), recommended: rule.recommended },
      messages: { ...rule.messages },
      schema: rule.schema === undefined ? [] : [rule.schema as object],
      hasSuggestions: rule.hasSuggestions === true,
    },
    create(eslintContext) {
      const context: RuleContext = {
        id: rule.id,
        filename: eslintContext.filename,
        sourceCode: eslintContext.sourceCode as unknown as SourceCodeLike,
        options: resolveOptions(rule, eslintContext.options[0]),
        settings: eslintContext.settings,
        report: ({ confidence: _confidence, secret: _secret, ...descriptor }: ReportDescriptor<string>) => {
          eslintContext.report(descriptor as unknown as Rule.ReportDescriptor);
        },
      };
      return rule.create(context) as Rule.RuleListener;
    },
  };
}
