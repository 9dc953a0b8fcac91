/**
 * /api/export: CSV downloads and zipped archives of a team's reports.
 */
import { Router, type Request, type Response } from 'express';
import * as childProcess from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { config } from '../config.js';
import { pool } from '../db.js';

const exec = promisify(childProcess.exec);
const execFile = promisify(childProcess.execFile);

export const exportRouter = Router();

const EXPORTABLE_TABLES = ['reports', 'report_rows', 'dashboards'];
const SAFE_NAME = /^[a-z0-9_-]{1,64}$/i;

function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const header = Object.keys(rows[0] ?? {});
  const quote = (value: unknown) => `"${String(value ?? '').replaceAll('"', '""')}"`;
  return [header.join(','), ...rows.map((row) => header.map((key) => quote(row[key])).join(','))].join('\n');
}

// SAFE: parameterised query; SHA-256 checksum header for the download.
exportRouter.get('/reports/:reportId.csv', async (req: Request, res: Response) => {
  const result = await pool.query('SELECT * FROM report_rows WHERE report_id = $1 ORDER BY day', [req.params.reportId]);
  const csv = toCsv(result.rows);
  res.set('X-Checksum-SHA256', createHash('sha256').update(csv).digest('hex'));
  res.type('text/csv').attachment(`report-${req.params.reportId}.csv`).send(csv);
});

// VULNERABLE (TSB401): SHA-1 used to fingerprint export archives that customers re-upload for
// import; two different archives with the same SHA-1 can be crafted.
function archiveFingerprint(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

// VULNERABLE (TSB103): the archive name from the query string goes through a shell.
// `?name=x;rm -rf ~` is a valid name as far as this code is concerned.
exportRouter.get('/archive', async (req: Request, res: Response) => {
  const name = String(req.query.name ?? 'reports');
  const target = path.join(config.exportDir, `${name}.tar.gz`);
  await exec(`tar -czf ${target} -C /srv/pulseboard/reports .`);
  const archive = await readFile(target);
  res.set('X-Archive-Fingerprint', archiveFingerprint(archive));
  res.download(target);
});

// SAFE: table name from an allow-list, file name validated, execFile with an argument array.
exportRouter.post('/dump', async (req: Request, res: Response) => {
  const table = String(req.body.table);
  const name = String(req.body.name);
  if (!EXPORTABLE_TABLES.includes(table) || !SAFE_NAME.test(name)) {
    return res.status(400).json({ error: 'invalid table or name' });
  }
  const outFile = path.join(config.exportDir, `${name}.dump`);
  await execFile('pg_dump', ['--dbname', config.databaseUrl, '--table', table, '--format=custom', '--file', outFile]);
  return res.json({ file: path.basename(outFile) });
});
