/**
 * Runtime configuration for the Pulseboard API.
 *
 * Almost everything is read from the environment. One credential was pasted in "just for the
 * demo" and never removed: exactly the kind of thing tsbandit is meant to catch.
 */

export interface AppConfig {
  readonly port: number;
  readonly databaseUrl: string;
  readonly mysqlUrl: string;
  readonly sessionSecret: string;
  readonly exportDir: string;
  readonly aws: {
    readonly region: string;
    readonly bucket: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}

// VULNERABLE (TSB501): a real-looking AWS access key id committed to source control. Anyone who
// can read the repository (or its history, forks and CI logs) can use it until it is revoked.
const UPLOADS_ACCESS_KEY_ID = 'AKIAZ3WBHJTQ22IO4VHJ';

export const config: AppConfig = {
  port: Number(process.env.PORT ?? 3000),
  // SAFE: connection strings and secrets come from the environment.
  databaseUrl: required('DATABASE_URL'),
  mysqlUrl: process.env.MYSQL_URL ?? 'mysql://pulseboard@localhost:3306/legacy',
  sessionSecret: required('SESSION_SECRET'),
  exportDir: process.env.EXPORT_DIR ?? '/var/lib/pulseboard/exports',
  aws: {
    region: process.env.AWS_REGION ?? 'eu-west-1',
    bucket: process.env.UPLOADS_BUCKET ?? 'pulseboard-uploads',
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? UPLOADS_ACCESS_KEY_ID,
    // SAFE: the secret half is only ever read from the environment.
    secretAccessKey: required('AWS_SECRET_ACCESS_KEY'),
  },
};
