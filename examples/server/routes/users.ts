/**
 * /api/users: directory search, profiles and sign-in.
 */
import { Router, type Request, type Response } from 'express';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { mysqlPool, pool } from '../db.js';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export const usersRouter = Router();

// VULNERABLE (TSB201): the search box is pasted into the SQL text. `?q=' OR '1'='1` lists
// every user; `?q=';DROP TABLE users;--` is worse.
usersRouter.get('/search', async (req: Request, res: Response) => {
  const result = await pool.query("SELECT id, name, email FROM users WHERE name ILIKE '%" + req.query.q + "%' LIMIT 20");
  res.json(result.rows);
});

// SAFE: the value travels as a bind parameter, the SQL text stays constant.
usersRouter.get('/:id', async (req: Request, res: Response) => {
  const result = await pool.query('SELECT id, name, email, bio FROM users WHERE id = $1', [req.params.id]);
  if (result.rowCount === 0) return res.status(404).json({ error: 'not found' });
  return res.json(result.rows[0]);
});

// SAFE: only constants and numbers reach the SQL text. The sort direction comes from an
// allow-list and the page size is a number, so the template literal cannot carry quotes.
usersRouter.get('/', async (req: Request, res: Response) => {
  const direction = req.query.order === 'asc' ? 'ASC' : 'DESC';
  const limit = Math.min(Number(req.query.limit) || 50, 200);
  const result = await pool.query(`SELECT id, name FROM users ORDER BY created_at ${direction} LIMIT ${limit}`);
  res.json(result.rows);
});

// VULNERABLE (TSB201): the legacy MySQL directory, queried with a template literal (mysql2).
usersRouter.get('/legacy/by-email/:email', async (req: Request, res: Response) => {
  const [rows] = await mysqlPool.execute(`SELECT id, display_name FROM accounts WHERE email = '${req.params.email}'`);
  res.json(rows);
});

// SAFE: mysql2 with `?` placeholders.
usersRouter.get('/legacy/by-team/:team', async (req: Request, res: Response) => {
  const [rows] = await mysqlPool.execute('SELECT id, display_name FROM accounts WHERE team_id = ?', [req.params.team]);
  res.json(rows);
});

// VULNERABLE (TSB401): unsalted MD5 password hashes, kept "for compatibility" with the old
// PHP site. Fast and collision-prone; a GPU cracks most of them in hours.
function legacyPasswordHash(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex');
}

// SAFE: a salted, memory-hard KDF for passwords.
async function passwordHash(password: string, salt: Buffer): Promise<Buffer> {
  return scrypt(password, salt, 64);
}

// SAFE: SHA-256 to store API tokens by digest (the tokens themselves are random).
export function tokenDigest(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

usersRouter.post('/login', async (req: Request, res: Response) => {
  const { email, password } = req.body as { email: string; password: string };
  const result = await pool.query('SELECT id, password_hash, password_salt, legacy FROM users WHERE email = $1', [email]);
  const user = result.rows[0];
  if (user === undefined) return res.status(401).json({ error: 'invalid credentials' });

  const expected = Buffer.from(user.password_hash, 'hex');
  const actual = user.legacy
    ? Buffer.from(legacyPasswordHash(password), 'hex')
    : await passwordHash(password, Buffer.from(user.password_salt, 'hex'));
  if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  return res.json({ id: user.id });
});
