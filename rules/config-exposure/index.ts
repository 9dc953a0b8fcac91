import type { AnyRule } from '../../src/rule/types.js';
import bindAllInterfaces from './bind-all-interfaces.js';
import cspUnsafeInline from './csp-unsafe-inline.js';
import debugInspectorEnabled from './debug-inspector-enabled.js';
import errorDetailsLeak from './error-details-leak.js';
import expressXPoweredBy from './express-x-powered-by.js';
import helmetDisabledProtection from './helmet-disabled-protection.js';
import insecureCookie from './insecure-cookie.js';
import loggedSecret from './logged-secret.js';
import massAssignment from './mass-assignment.js';
import permissiveCors from './permissive-cors.js';

/** TSB7xx: cookies, CORS, headers, binding, debug, error leaks, logging secrets, mass assignment. */
export const CONFIG_EXPOSURE_RULES: readonly AnyRule[] = [insecureCookie, permissiveCors, massAssignment, errorDetailsLeak, loggedSecret, bindAllInterfaces,
  helmetDisabledProtection, expressXPoweredBy, cspUnsafeInline, debugInspectorEnabled];
