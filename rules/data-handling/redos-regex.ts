import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, getStaticValue, resolveCallee } from '../../src/analysis/index.js';
import { analyseRedos } from '../../src/analysis/regex/redos.js';
import { searchedInputFlow } from '../../src/analysis/regex/usage.js';

const REGEXP_CONSTRUCTORS = new Set(['RegExp']);
const MAX_SHOWN = 60;

const shown = (pattern: string): string => (pattern.length > MAX_SHOWN ? `${pattern.slice(0, MAX_SHOWN - 3)}...` : pattern);

export default defineRule({
  id: 'TSB804',
  name: 'redos-regex',
  title: 'Regular expression with super-linear backtracking (ReDoS)',
  cwe: [1333],
  severity: 'medium',
  confidence: 'medium',
  securitySeverity: 5.3,
  recommended: true,
  messages: {
    exponential: '`/{{pattern}}/` can match the same text in several ways inside a repetition: a crafted input makes it backtrack exponentially. Remove the ambiguity (make the repeated parts disjoint) or bound the input length.',
    polynomial: '`/{{pattern}}/` has overlapping repetitions one after another: a long crafted input makes it backtrack polynomially. Make the adjacent parts disjoint, or bound the input length.',
  },
  docs: {
    why: 'JavaScript regular expressions backtrack. When a repeated part can match the same characters in more than one way (`(a+)+`, `(\\w+\\s?)*`, `(a|a)*`), a failing match tries every way: time doubles with each extra character and one request can block the event loop for minutes. Overlapping repetitions next to each other (`\\d+\\d+$`) are polynomial: slower to hurt, but still reachable with long inputs. The rule parses each regex literal and constant `new RegExp("...")` and analyses its backtracking automaton; it is not a list of known patterns. A single repetition whose cost comes only from retrying at every start position of an unanchored search (`\\s+$`) is not reported.',
    fix: 'Rewrite the repetition so each character can be consumed by only one path (`^\\w+(\\s\\w+)*$` instead of `^(\\w+\\s?)*$`), use possessive-like constructs (`(?=(\\w+))\\1`), cap the input length before matching, or use a linear-time engine such as `re2`.',
    examples: {
      flagged: `export function isValidName(name: string): boolean {\n  return /^([a-zA-Z0-9]+\\s?)*$/.test(name);\n}`,
      safe: `export function isValidName(name: string): boolean {\n  return /^[a-zA-Z0-9]+(?:\\s[a-zA-Z0-9]+)*$/.test(name);\n}`,
    },
    references: ['https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS', 'https://github.com/google/re2'],
    sources: ['eslint-plugin-security:detect-unsafe-regex', 'eslint-plugin-regexp:no-super-linear-backtracking'],
  },
  create(context) {
    const check = (node: TSESTree.Node, pattern: string, flags: string): void => {
      const { verdict, failingSuffix } = analyseRedos(pattern, flags);
      if (verdict !== 'exponential' && verdict !== 'polynomial') return;
      const flow = searchedInputFlow(context, node);
      // Polynomial, or exponential with nothing after the loop that can fail: real but weaker.
      const confidence = verdict === 'polynomial' || !failingSuffix ? 'low' : flow !== undefined ? 'high' : 'medium';
      context.report({ node, messageId: verdict, data: { pattern: shown(pattern) }, confidence, flow });
    };
    const constructed = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      if (calleeWrittenName(node) !== 'RegExp') return;
      const callee = resolveCallee(context, node);
      if (callee === undefined || !REGEXP_CONSTRUCTORS.has(callee)) return;
      const source = argumentAt(node, 0);
      if (source === undefined) return;
      const pattern = getStaticValue(context, source)?.value;
      if (typeof pattern !== 'string') return;
      const flagsNode = argumentAt(node, 1);
      const flags = flagsNode === undefined ? '' : getStaticValue(context, flagsNode)?.value;
      check(node, pattern, typeof flags === 'string' ? flags : '');
    };
    return {
      Literal(node) {
        if (!('regex' in node) || node.regex === undefined) return;
        check(node, node.regex.pattern, node.regex.flags);
      },
      NewExpression: constructed,
      CallExpression: constructed,
    };
  },
});
