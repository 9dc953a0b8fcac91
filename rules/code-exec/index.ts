import type { AnyRule } from '../../src/rule/types.js';
import childProcessExec from './child-process-exec.js';
import childProcessShell from './child-process-shell.js';
import dynamicImport from './dynamic-import.js';
import dynamicRequire from './dynamic-require.js';
import evalCall from './eval-call.js';
import execaShellCommand from './execa-shell-command.js';
import functionConstructor from './function-constructor.js';
import moduleCompile from './module-compile.js';
import shelljsExec from './shelljs-exec.js';
import spawnProgramFromInput from './spawn-program-from-input.js';
import stringTimer from './string-timer.js';
import templateCodeEvaluation from './template-code-evaluation.js';
import vmCodeExecution from './vm-code-execution.js';
import webviewScriptInjection from './webview-script-injection.js';
import workerEval from './worker-eval.js';

/** TSB1xx: code and command execution. */
export const CODE_EXEC_RULES: readonly AnyRule[] = [
  evalCall,
  functionConstructor,
  childProcessExec,
  stringTimer,
  vmCodeExecution,
  childProcessShell,
  execaShellCommand,
  shelljsExec,
  dynamicRequire,
  dynamicImport,
  templateCodeEvaluation,
  workerEval,
  moduleCompile,
  webviewScriptInjection,
  spawnProgramFromInput,
];
