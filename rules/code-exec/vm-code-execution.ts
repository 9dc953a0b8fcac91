import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, resolveCalleeAmong, resolveReference, skipWrappers, staticPropertyName } from '../../src/analysis/index.js';
import { constInitializer } from '../../src/analysis/static-value.js';
import { dynamicTextEvidence, isFixedPath } from '../../src/analysis/exec/evidence.js';
import { fileMentions } from '../../src/analysis/file-text.js';
import { fileContentPath } from '../../src/analysis/exec/trusted.js';

/** `vm` functions and constructors whose first argument is JavaScript source. */
const VM_SINKS = new Set([
  'vm.runInThisContext', 'vm.runInNewContext', 'vm.runInContext', 'vm.Script', 'vm.compileFunction', 'vm.SourceTextModule',
  'safe-eval', 'safe-eval.default',
]);
/** vm2 sandboxes: `new VM().run(code)`, `new NodeVM().run(code)`, `new VMScript(code)`. */
const VM2_SANDBOXES = new Set(['vm2.VM', 'vm2.NodeVM']);
const VM2_SCRIPT = new Set(['vm2.VMScript']);
const MAX_DEPTH = 4;

/** `new VM(...)` written in place or held by a never-reassigned binding: the vm2 class it constructs. */
function vm2Sandbox(context: Parameters<typeof resolveReference>[0], raw: TSESTree.Node, depth = 0): string | undefined {
  const node = skipWrappers(raw);
  if (depth > MAX_DEPTH) return undefined;
  if (node.type === 'NewExpression') {
    const constructed = resolveReference(context, node.callee);
    return constructed !== undefined && VM2_SANDBOXES.has(constructed) ? constructed : undefined;
  }
  if (node.type === 'Identifier') {
    const init = constInitializer(context, node);
    return init === undefined ? undefined : vm2Sandbox(context, init, depth + 1);
  }
  return undefined;
}

export default defineRule({
  id: 'TSB105',
  name: 'vm-code-execution',
  title: 'node:vm (or vm2) runs JavaScript source built at run time',
  cwe: [94, 95],
  severity: 'high',
  confidence: 'medium',
  securitySeverity: 8.8,
  recommended: true,
  messages: {
    dynamicVmCode: '`{{callee}}` compiles JavaScript built at run time; node:vm is not a security boundary. Do not run untrusted code in-process.',
    dynamicVm2Code: '`{{callee}}` runs JavaScript built at run time in vm2, which is discontinued and has known sandbox escapes; use isolated-vm or a separate process.',
  },
  docs: {
    why: "The `node:vm` module compiles and runs source text. Its contexts are not a sandbox: code can reach the host's `process` through the prototype chain (`this.constructor.constructor('return process')()`) and run commands. vm2 tried to close those holes and was discontinued after repeated sandbox escapes. Source that includes user input runs with the full authority of the server.",
    fix: 'Do not evaluate untrusted code in-process. Use a real expression language with an allow-list grammar, or run untrusted code in a separate, locked-down process or in isolated-vm with strict limits.',
    examples: {
      flagged: `import vm from 'node:vm';\nexport function evaluateRule(rule: string, facts: Record<string, unknown>) {\n  return vm.runInNewContext(rule, { facts });\n}`,
      safe: `import vm from 'node:vm';\nconst PRELUDE = 'var exports = {};';\nexport function setup(context: vm.Context) {\n  return vm.runInContext(PRELUDE, context);\n}`,
    },
    references: ['https://nodejs.org/api/vm.html#vm-executing-javascript', 'https://github.com/patriksimek/vm2/issues/533'],
  },
  create(context) {
    const mentionsVm2 = fileMentions(context, 'vm2');
    const report = (node: TSESTree.CallExpression | TSESTree.NewExpression, code: TSESTree.Node | undefined, callee: string, messageId: 'dynamicVmCode' | 'dynamicVm2Code'): void => {
      // Source read from a file at a fixed path is the application's own code, like a constant require.
      const file = code === undefined ? undefined : fileContentPath(context, code);
      if (file !== undefined && isFixedPath(context, file)) return;
      const evidence = dynamicTextEvidence(context, [code]);
      if (evidence === undefined) return;
      context.report({ node, messageId, data: { callee }, confidence: evidence.confidence, flow: evidence.flow });
    };
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const sink = resolveCalleeAmong(context, node, VM_SINKS);
      if (sink !== undefined) {
        report(node, argumentAt(node, 0), sink.endsWith('.default') ? 'safe-eval' : sink, 'dynamicVmCode');
        return;
      }
      if (node.type === 'NewExpression') {
        const script = resolveCalleeAmong(context, node, VM2_SCRIPT);
        if (script !== undefined) report(node, argumentAt(node, 0), script, 'dynamicVm2Code');
        return;
      }
      if (!mentionsVm2()) return;
      const callee = skipWrappers(node.callee);
      if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'run') return;
      const sandbox = vm2Sandbox(context, callee.object);
      if (sandbox !== undefined) report(node, argumentAt(node, 0), `${sandbox}#run`, 'dynamicVm2Code');
    };
    return { CallExpression: check, NewExpression: check };
  },
});
