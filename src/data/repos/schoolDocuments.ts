// Write commands for the documents a school adopted (school_documents: staff read and write;
// nobody else receives the rows) — the KPI table's yes/no rows. A document is recorded with
// its number, date and a note or link; a correction patches it; removal leaves a tombstone.
import { validateSchoolDocument, type SchoolDocumentInput } from '@/domain/kpi';
import type { IsoDate, SchoolDocument } from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../context';
import { deleteRow, insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

const fieldsOf = (input: SchoolDocumentInput) => ({
  kind: input.kind,
  number: cleanText(input.number),
  dated_on: input.dated_on.trim(),
  note: cleanText(input.note),
});

/** Records a document (or, with `id`, corrects the one recorded). */
export async function recordSchoolDocument(
  ctx: DataContext,
  input: SchoolDocumentInput,
  today: IsoDate,
  id: string | null = null,
): Promise<SchoolDocument> {
  assertValid(validateSchoolDocument(input, today));
  const fields = fieldsOf(input);
  return writeTransaction(ctx.db, ['school_documents'], async () => {
    if (id === null) {
      return insertRow(ctx.db, 'school_documents', { ...newSyncedRow(ctx), ...fields });
    }
    const current = await ctx.db.school_documents.get(id);
    if (!current || current.deleted_at !== null) throw new RowMissingError('school_documents', id);
    await patchRow(ctx.db, 'school_documents', id, fields);
    return { ...current, ...fields };
  });
}

/** Removes a recorded document (a tombstone); false when there was none. */
export function removeSchoolDocument(ctx: DataContext, id: string): Promise<boolean> {
  return writeTransaction(ctx.db, ['school_documents'], () =>
    deleteRow(ctx.db, 'school_documents', id),
  );
}
