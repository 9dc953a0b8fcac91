import type { AnyRule } from '../../src/rule/types.js';
import childProcessExec from './child-process-exec.js';
import evalCall from './eval-call.js';
import functionConstructor from './function-constructor.js';

/** TSB1xx: code and command execution. */
export const CODE_EXEC_RULES: readonly AnyRule[] = [evalCall, functionConstructor, childProcessExec];
