// Write commands for the KPI values a school sets (kpi_values: staff read and write; nobody
// else receives the rows): a year's target for an indicator, or the numerator and denominator
// the app cannot count (ДОО children, enterprises). One live row per (indicator, year, kind):
// a new value patches it, an emptied field leaves a tombstone (kpi_values_one_per_year).
import { parseKpiNumber, validateKpiValues, type KpiValueInput } from '@/domain/kpi';
import type { KpiValue } from '@/domain/types';
import { assertValid } from '@/domain/validation';
import type { DataContext } from '../context';
import { deleteRow, insertRow, patchRow, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

/** The school's live KPI values (the device holds only its schools' rows). */
export async function liveKpiValues(
  ctx: DataContext,
  schoolId = ctx.schoolId,
): Promise<KpiValue[]> {
  return (await ctx.db.kpi_values.where('school_id').equals(schoolId).toArray()).filter(
    (v) => v.deleted_at === null,
  );
}

/**
 * Sets the values together in one transaction (a numerator with its denominator): each one
 * written, changed, or cleared when its field is empty. Returns how many rows changed.
 */
export async function setKpiValues(
  ctx: DataContext,
  inputs: readonly KpiValueInput[],
): Promise<number> {
  assertValid(validateKpiValues(inputs));
  return writeTransaction(ctx.db, ['kpi_values'], async () => {
    const existing = await liveKpiValues(ctx);
    let changed = 0;
    for (const input of inputs) {
      const value = parseKpiNumber(input.value);
      const current = existing.find(
        (v) => v.indicator === input.indicator && v.year === input.year && v.kind === input.kind,
      );
      if (value === null) {
        if (current && (await deleteRow(ctx.db, 'kpi_values', current.id))) changed += 1;
      } else if (current) {
        if (await patchRow(ctx.db, 'kpi_values', current.id, { value })) changed += 1;
      } else {
        const row: KpiValue = {
          ...newSyncedRow(ctx),
          indicator: input.indicator,
          year: input.year,
          kind: input.kind,
          value,
        };
        await insertRow(ctx.db, 'kpi_values', row);
        changed += 1;
      }
    }
    return changed;
  });
}
