/**
 * /api/reports: saved reports, team dashboards and user-defined metrics.
 */
import { Router, type Request, type Response } from 'express';
import { QueryTypes } from 'sequelize';
import { knex, sequelize } from '../db.js';

export const reportsRouter = Router();

interface MetricRow {
  readonly revenue: number;
  readonly cost: number;
  readonly visits: number;
  readonly signups: number;
}

// VULNERABLE (TSB201): knex's whereRaw with a template literal. The builder escapes nothing
// inside a raw fragment.
reportsRouter.get('/search', async (req: Request, res: Response) => {
  const rows = await knex('reports')
    .select('id', 'title', 'updated_at')
    .whereRaw(`title ILIKE '%${req.query.q}%'`)
    .limit(25);
  res.json(rows);
});

// SAFE: the same search with a knex binding; the wildcard is added to the value, not the SQL.
reportsRouter.get('/search/v2', async (req: Request, res: Response) => {
  const rows = await knex('reports')
    .select('id', 'title', 'updated_at')
    .whereRaw('title ILIKE ?', [`%${String(req.query.q ?? '')}%`])
    .limit(25);
  res.json(rows);
});

// VULNERABLE (TSB201): Sequelize raw query assembled with a template literal.
reportsRouter.get('/team/:teamId', async (req: Request, res: Response) => {
  const reports = await sequelize.query(
    `SELECT r.id, r.title, u.name AS owner FROM reports r JOIN users u ON u.id = r.owner_id WHERE r.team_id = ${req.params.teamId} AND r.archived = false`,
    { type: QueryTypes.SELECT },
  );
  res.json(reports);
});

// SAFE: Sequelize with named replacements.
reportsRouter.get('/team/:teamId/archived', async (req: Request, res: Response) => {
  const reports = await sequelize.query(
    'SELECT r.id, r.title FROM reports r WHERE r.team_id = :teamId AND r.archived = true',
    { replacements: { teamId: req.params.teamId }, type: QueryTypes.SELECT },
  );
  res.json(reports);
});

// VULNERABLE (TSB102): "custom metrics" let analysts type a formula such as
// `revenue - cost`, which is compiled into a function. The body can be any JavaScript:
// `process.mainModule.require('child_process').execSync('id')`.
reportsRouter.post('/preview-metric', async (req: Request, res: Response) => {
  const { formula, reportId } = req.body as { formula: string; reportId: number };
  const compute = new Function('row', 'with (row) { return (' + formula + '); }') as (row: MetricRow) => number;
  const rows: MetricRow[] = await knex('report_rows').where({ report_id: reportId }).select('revenue', 'cost', 'visits', 'signups');
  res.json(rows.map((row) => compute(row)));
});

// SAFE: a fixed menu of metrics, chosen by name.
const METRICS: Record<string, (row: MetricRow) => number> = {
  margin: (row) => row.revenue - row.cost,
  conversion: (row) => (row.visits === 0 ? 0 : row.signups / row.visits),
  revenuePerVisit: (row) => (row.visits === 0 ? 0 : row.revenue / row.visits),
};

reportsRouter.get('/:reportId/metrics/:metric', async (req: Request, res: Response) => {
  const metric = METRICS[req.params.metric ?? ''];
  if (metric === undefined) return res.status(400).json({ error: 'unknown metric' });
  const rows: MetricRow[] = await knex('report_rows').where({ report_id: req.params.reportId }).select('revenue', 'cost', 'visits', 'signups');
  return res.json(rows.map(metric));
});
