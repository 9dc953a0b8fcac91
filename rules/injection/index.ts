import type { AnyRule } from '../../src/rule/types.js';
import nosqlJavascriptInjection from './nosql-javascript-injection.js';
import nosqlOperatorInjection from './nosql-operator-injection.js';
import sqlInjection from './sql-injection.js';

/** TSB2xx: SQL, NoSQL and other query injection. */
export const INJECTION_RULES: readonly AnyRule[] = [sqlInjection, nosqlJavascriptInjection, nosqlOperatorInjection];
