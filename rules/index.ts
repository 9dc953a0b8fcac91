import type { AnyRule } from '../src/rule/types.js';
import childProcessExec from './code-exec/child-process-exec.js';
import evalCall from './code-exec/eval-call.js';
import functionConstructor from './code-exec/function-constructor.js';
import weakHash from './crypto/weak-hash.js';
import sqlInjection from './injection/sql-injection.js';
import knownFormatSecret from './secrets/known-format-secret.js';
import domHtmlSink from './xss/dom-html-sink.js';

/** Every rule, sorted by id. A meta-test checks this lists every file under rules/. */
export const RULES: readonly AnyRule[] = [
  evalCall,
  functionConstructor,
  childProcessExec,
  sqlInjection,
  domHtmlSink,
  weakHash,
  knownFormatSecret,
].sort((a, b) => (a.id < b.id ? -1 : 1));

export { RETIRED_RULES } from './retired.js';
