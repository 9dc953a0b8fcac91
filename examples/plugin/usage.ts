// Code the example plugin checks (the plugin test scans this folder with --plugin).
import { query, rawQuery, unsafeBatch } from '@acme/db';

export async function staffByName(name: string) {
  // flagged by ACME201: SQL built from a parameter
  return rawQuery("SELECT * FROM staff WHERE name = '" + name + "'");
}

export async function staffByNameSafe(name: string) {
  return query('SELECT * FROM staff WHERE name = ?', [name]);
}

export async function archiveStaff(ids: string[]) {
  // flagged by ACME201 only when the config lists unsafeBatch in rules.ACME201.options.extraFunctions
  return unsafeBatch('DELETE FROM staff WHERE id IN (' + ids.join(',') + ')');
}
