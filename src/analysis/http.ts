/**
 * Methods that set one response header named by their first argument: Node's
 * `res.setHeader(name, value)`, Express's `res.set` / `res.header` / `res.append`, Koa's
 * `ctx.set`, Hono's `c.header`. (`writeHead` takes a status first and headers as an object.)
 */
export const HEADER_SETTERS: ReadonlySet<string> = new Set(['setHeader', 'set', 'header', 'append']);
