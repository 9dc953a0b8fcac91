import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/rule/index.js';
import { argumentAt, getStaticValue, skipWrappers, staticKeyName, staticPropertyName, resolveCalleeAmong } from '../../src/analysis/index.js';

/** Session middleware whose `cookie` option sets the session cookie's flags. */
const SESSION_MIDDLEWARE = new Set(['express-session', 'cookie-session']);
/** Cookie names that carry a session or credential, where default flags matter. */
const SENSITIVE_COOKIE = /(sess|sid|token|auth|jwt|refresh|remember|login|csrf|xsrf)/i;

type Flags = { httpOnly?: unknown; secure?: unknown; sameSite?: unknown };

/** The statically known cookie flags of an options object literal (`undefined` when it is not one). */
function flagsOf(context: Parameters<typeof getStaticValue>[0], node: TSESTree.Node | undefined): Flags | undefined {
  const options = node === undefined ? undefined : skipWrappers(node);
  if (options?.type !== 'ObjectExpression') return undefined;
  const flags: Flags = {};
  for (const property of options.properties) {
    if (property.type !== 'Property') return undefined; // a spread may set anything
    const key = staticKeyName(property);
    if (key !== 'httpOnly' && key !== 'secure' && key !== 'sameSite') continue;
    const value = getStaticValue(context, property.value);
    flags[key] = value === undefined ? 'dynamic' : value.value;
  }
  return flags;
}

export default defineRule({
  id: 'TSB701',
  name: 'insecure-cookie',
  title: 'Cookie set without HttpOnly or Secure, or SameSite=None without Secure',
  cwe: [614, 1004, 1275],
  severity: 'medium',
  confidence: 'high',
  securitySeverity: 5.4,
  recommended: true,
  messages: {
    flagDisabled: 'Cookie option `{{flag}}: false` exposes the cookie to {{exposure}}; leave it on for session and credential cookies.',
    sameSiteNone: '`sameSite: "none"` without `secure: true` is rejected by browsers and sends the cookie cross-site; set `secure: true`.',
    sensitiveDefaults: 'Cookie `{{name}}` looks like a session or credential cookie but is set without `httpOnly: true` and `secure: true`.',
  },
  docs: {
    why: 'A session cookie readable by JavaScript (no HttpOnly) is stolen by any XSS; one sent over plain HTTP (no Secure) is read on the network; SameSite=None without Secure is refused by browsers or leaks cross-site.',
    fix: 'Set `httpOnly: true`, `secure: true` and `sameSite: "lax"` (or "strict") on session and credential cookies, in `res.cookie` and in `express-session`/`cookie-session` options.',
    examples: {
      flagged: `import express from 'express';\nconst app = express();\napp.post('/login', (req, res) => {\n  res.cookie('session', 'abc', { httpOnly: false, secure: true });\n  res.end();\n});`,
      safe: `import express from 'express';\nconst app = express();\napp.post('/login', (req, res) => {\n  res.cookie('session', 'abc', { httpOnly: true, secure: true, sameSite: 'lax' });\n  res.end();\n});`,
    },
    references: ['https://owasp.org/www-community/HttpOnly', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#restrict_access_to_cookies'],
    sources: ['njsscan:cookie_session_no_httponly', 'eslint-plugin-security-node:detect-insecure-cookie'],
  },
  create(context) {
    const checkFlags = (node: TSESTree.Node, flags: Flags): boolean => {
      if (flags.httpOnly === false) {
        context.report({ node, messageId: 'flagDisabled', data: { flag: 'httpOnly', exposure: 'scripts (XSS)' } });
        return true;
      }
      if (flags.secure === false) {
        context.report({ node, messageId: 'flagDisabled', data: { flag: 'secure', exposure: 'plain-HTTP networks' } });
        return true;
      }
      if (typeof flags.sameSite === 'string' && flags.sameSite.toLowerCase() === 'none' && flags.secure !== true && flags.secure !== 'dynamic') {
        context.report({ node, messageId: 'sameSiteNone' });
        return true;
      }
      return false;
    };
    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        // res.cookie(name, value, options) (Express), ctx.cookies.set(name, value, options) (Koa)
        const method = callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
        const isExpress = method === 'cookie';
        const isKoa = method === 'set' && callee.type === 'MemberExpression' && callee.object.type === 'MemberExpression' && staticPropertyName(callee.object) === 'cookies';
        if (isExpress || isKoa) {
          const options = argumentAt(node, 2);
          const flags = flagsOf(context, options);
          if (flags !== undefined && checkFlags(options!, flags)) return;
          const name = getStaticValue(context, argumentAt(node, 0) ?? node)?.value;
          // Koa cookies are httpOnly by default; Express cookies are not.
          const unprotected = flags === undefined ? options === undefined : flags.httpOnly === undefined || flags.secure === undefined;
          if (isExpress && typeof name === 'string' && SENSITIVE_COOKIE.test(name) && unprotected) {
            context.report({ node, messageId: 'sensitiveDefaults', data: { name }, confidence: 'medium' });
          }
          return;
        }
        const resolved = resolveCalleeAmong(context, node, SESSION_MIDDLEWARE);
        if (resolved === undefined) return;
        const options = skipWrappers(argumentAt(node, 0) ?? node);
        if (options.type !== 'ObjectExpression') return;
        for (const property of options.properties) {
          if (property.type === 'Property' && staticKeyName(property) === 'cookie') {
            const flags = flagsOf(context, property.value);
            if (flags !== undefined) checkFlags(property.value, flags);
          }
        }
        // cookie-session takes the flags at the top level
        if (resolved === 'cookie-session') {
          const flags = flagsOf(context, options);
          if (flags !== undefined) checkFlags(options, flags);
        }
      },
    };
  },
});
