// Owns the reads of the schools the user belongs to (synced rows of `schools`): their names,
// for the workspace switch.
import { liveQuery } from 'dexie';
import type { DataContext } from '../context';
import type { Observable } from '../queries';

/** School id → name, for every school row the device holds. */
export function observeSchoolNames(ctx: DataContext): Observable<Record<string, string>> {
  return liveQuery(async () => {
    const rows = await ctx.db.schools.toArray();
    return Object.fromEntries(
      rows
        .filter((row) => row.deleted_at == null && typeof row.name === 'string')
        .map((row) => [String(row.id), String(row.name)]),
    );
  });
}
