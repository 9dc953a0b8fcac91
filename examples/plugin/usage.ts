// Code the example plugin checks (the plugin test scans this folder with --plugin).
import { query, rawQuery } from '@acme/db';

export async function staffByName(name: string) {
  // flagged by ACME201: SQL built from a parameter
  return rawQuery("SELECT * FROM staff WHERE name = '" + name + "'");
}

export async function staffByNameSafe(name: string) {
  return query('SELECT * FROM staff WHERE name = ?', [name]);
}
