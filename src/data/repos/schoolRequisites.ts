// Owns the school's requisites for its documents (name, short name, place, director). A
// signed-in school keeps them on its synced `schools` row, so every staff device of the
// school prints the same header; the curator's edit is a patch with its outbox entry. The
// device-only workspace has no school row: its requisites stay in the device's meta table,
// where every device kept them before they moved to the row (read as a fallback there too,
// until the next save writes them to the row).
import { liveQuery } from 'dexie';
import {
  mergeRequisites,
  validateRequisites,
  type SchoolRequisites,
} from '@/domain/documents/common';
import { assertValid } from '@/domain/validation';
import type { DataContext } from '../context';
import type { ServerRow } from '../db';
import { deviceRequisitesKey } from '../deviceSettings';
import { patchRow, writeTransaction } from '../outbox';
import type { Observable } from '../queries';

export { deviceRequisitesKey } from '../deviceSettings';

async function liveSchoolRow(ctx: DataContext, schoolId: string): Promise<ServerRow | null> {
  const row = await ctx.db.schools.get(schoolId);
  return row && row.deleted_at == null ? row : null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** What the documents print: the school row's requisites, blanks filled from this device. */
export async function readSchoolRequisites(
  ctx: DataContext,
  schoolId: string | null,
): Promise<SchoolRequisites> {
  const school = schoolId ?? ctx.schoolId;
  const [row, saved] = await Promise.all([
    liveSchoolRow(ctx, school),
    ctx.db.meta.get(deviceRequisitesKey(school)),
  ]);
  const typed = (saved?.value as Partial<SchoolRequisites> | undefined) ?? null;
  if (!row) return mergeRequisites(null, typed);
  const own = mergeRequisites(
    { name: text(row.name), short_name: text(row.short_name), address: text(row.address) },
    { place: text(row.place), director: text(row.director) },
  );
  // The row wins; what only this device knew fills what the row still lacks.
  return {
    name: text(row.name)?.trim() || typed?.name?.trim() || own.name,
    shortName: text(row.short_name)?.trim() || typed?.shortName?.trim() || own.shortName,
    place: text(row.place)?.trim() || typed?.place?.trim() || own.place,
    director: own.director || typed?.director?.trim() || null,
  };
}

export function observeSchoolRequisites(
  ctx: DataContext,
  schoolId: string | null,
): Observable<SchoolRequisites> {
  return liveQuery(() => readSchoolRequisites(ctx, schoolId));
}

/**
 * Saves the requisites: onto the school's row (synced to every staff device) when the device
 * holds it, else on this device. The full name is required on the row (schools.name is not
 * null): a blank keeps the row's name.
 */
export async function saveSchoolRequisites(
  ctx: DataContext,
  schoolId: string | null,
  requisites: SchoolRequisites,
): Promise<void> {
  assertValid(validateRequisites(requisites));
  const school = schoolId ?? ctx.schoolId;
  const clean = (value: string | null) => value?.trim() || null;
  await writeTransaction(ctx.db, ['schools'], async () => {
    const row = await liveSchoolRow(ctx, school);
    if (!row) {
      await ctx.db.meta.put({ key: deviceRequisitesKey(school), value: { ...requisites } });
      return;
    }
    await patchRow(ctx.db, 'schools', school, {
      name: clean(requisites.name) ?? row.name,
      short_name: clean(requisites.shortName),
      place: clean(requisites.place),
      director: clean(requisites.director),
    });
    await ctx.db.meta.delete(deviceRequisitesKey(school));
  });
}
