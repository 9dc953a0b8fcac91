/**
 * Pulseboard API: a small analytics dashboard backend (Express + TypeScript).
 *
 * INTENTIONALLY VULNERABLE DEMO CODE for tsbandit. Never deploy it. See examples/README.md.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import path from 'node:path';
import { config } from './config.js';
import { closeAll } from './db.js';
import { adminRouter } from './routes/admin.js';
import { exportRouter } from './routes/export.js';
import { reportsRouter } from './routes/reports.js';
import { usersRouter } from './routes/users.js';

export const app = express();

app.disable('x-powered-by');
app.use(express.json({ limit: '1mb' }));
app.use(express.urlencoded({ extended: false }));
app.use('/static', express.static(path.join(process.cwd(), 'public'), { maxAge: '1h' }));

app.get('/healthz', (_req: Request, res: Response) => {
  res.json({ status: 'ok', uptime: process.uptime() });
});

app.use('/api/users', usersRouter);
app.use('/api/reports', reportsRouter);
app.use('/api/export', exportRouter);
app.use('/api/admin', adminRouter);

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

const server = app.listen(config.port, () => {
  console.log(`pulseboard listening on :${config.port}`);
});

process.on('SIGTERM', () => {
  server.close(() => void closeAll());
});
