import type { Rule } from 'eslint';
import { resolveOptions } from '../rule/define-rule.js';
import type { AnyRule, Comment, ReportDescriptor, RuleContext, SourceCodeLike } from '../rule/types.js';
import { ruleDocUrl } from '../meta.js';
import { createInlineSuppressor } from '../suppress/index.js';

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
      // tsbandit-ignore and nosec comments silence findings in the editor as in the scanner.
      let suppressedAt: ReturnType<typeof createInlineSuppressor> | undefined;
      const context: RuleContext = {
        id: rule.id,
        filename: eslintContext.filename,
        sourceCode: eslintContext.sourceCode as unknown as SourceCodeLike,
        options: resolveOptions(rule, eslintContext.options[0]),
        settings: eslintContext.settings,
        report: ({ confidence: _confidence, secret: _secret, flow: _flow, ...descriptor }: ReportDescriptor<string>) => {
          const { sourceCode } = eslintContext;
          suppressedAt ??= createInlineSuppressor(sourceCode.text, sourceCode.getAllComments() as unknown as Comment[]);
          if (suppressedAt(rule, descriptor.node.loc.start.line) !== undefined) return;
          eslintContext.report(descriptor as unknown as Rule.ReportDescriptor);
        },
      };
      return rule.create(context) as Rule.RuleListener;
    },
  };
}
