/**
 * Database handles. Pulseboard grew by acquisition, so it talks to Postgres through three
 * libraries (pg, knex, Sequelize) and to a legacy MySQL database through mysql2.
 */
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import knexFactory from 'knex';
import { Sequelize } from 'sequelize';
import { config } from './config.js';

export const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });

export const mysqlPool = mysql.createPool({ uri: config.mysqlUrl, connectionLimit: 5 });

export const knex = knexFactory({ client: 'pg', connection: config.databaseUrl });

export const sequelize = new Sequelize(config.databaseUrl, { dialect: 'postgres', logging: false });

export async function closeAll(): Promise<void> {
  await Promise.all([pool.end(), mysqlPool.end(), knex.destroy(), sequelize.close()]);
}
