import { EngineSourceCode } from '../../src/engine/source-code.js';
import { walk } from '../../src/engine/walker.js';
import { parseSource } from '../../src/parse/index.js';
import type { Node, NodeType } from '../../src/rule/types.js';
import type { AnalysisContext } from '../../src/analysis/index.js';

/** Parses `code`, sets parent links with the engine's walker, and returns every node by type. */
export function analyse(code: string, filename = 'input.ts'): { context: AnalysisContext; nodes: (type: `${NodeType}`) => Node[] } {
  const parsed = parseSource(code, filename);
  if (!parsed.ok) throw new Error(`fixture code does not parse: ${parsed.message}`);
  const all: Node[] = [];
  const record = (node: Node): void => {
    all.push(node);
  };
  const enter = new Map<string, ((node: Node) => void)[]>();
  for (const type of ['CallExpression', 'NewExpression', 'Identifier', 'BinaryExpression', 'TemplateLiteral', 'MemberExpression', 'AssignmentExpression', 'VariableDeclarator']) enter.set(type, [record]);
  walk(parsed.ast, { enter, exit: new Map() });
  return { context: { sourceCode: new EngineSourceCode(code, parsed.ast) }, nodes: (type) => all.filter((n) => n.type === type) };
}

/** The first argument of the last top-level call in the code: what table-driven tests ask about. */
export function lastCallArgument(code: string, filename?: string): { context: AnalysisContext; node: Node } {
  const { context, nodes } = analyse(code, filename);
  // The call of `use(...)` when there is one, else the outermost of the calls that end last.
  const calls = nodes('CallExpression').sort((a, b) => b.range[1] - a.range[1] || a.range[0] - b.range[0]);
  const call = calls.find((c) => c.type === 'CallExpression' && c.callee.type === 'Identifier' && c.callee.name === 'use') ?? calls[0];
  if (call === undefined || call.type !== 'CallExpression' || call.arguments[0] === undefined) throw new Error('no call with an argument');
  return { context, node: call.arguments[0] };
}
