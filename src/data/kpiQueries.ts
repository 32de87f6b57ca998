// Owns the reactive read behind the KPI table: the school's rows that computeKpis() needs
// (domain/kpi.ts), in a few bulk reads. Never the meetings: no indicator counts them, so a
// school with 50,000 meetings reads no more than one with none, and logging a meeting does
// not recompute the table.
import { liveQuery } from 'dexie';
import type { KpiInput } from '@/domain/kpi';
import { validYearsOf } from '@/domain/training';
import type { DataContext } from './context';
import type { Observable } from './queries';
import { allTemplates, responsesTable } from './repos/questionnaires';

const live = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);

/** The school's KPI rows, once (for an export or a report). */
export async function readKpiInput(ctx: DataContext, schoolId = ctx.schoolId): Promise<KpiInput> {
  const mine = <T extends { school_id: string; deleted_at: string | null }>(row: T) =>
    row.school_id === schoolId && row.deleted_at === null;
  const [school, participants, pairs, members, trainings, templates, responses, documents, values] =
    await Promise.all([
      ctx.db.schools.get(schoolId),
      ctx.db.participants.where('school_id').equals(schoolId).toArray(),
      ctx.db.pairs.where('school_id').equals(schoolId).toArray(),
      // Whole tables read at once (getAll) and filtered here: a cursor's filter() pays one
      // round trip per row, seconds for a big school on a slow tablet.
      ctx.db.pair_members.toArray(),
      ctx.db.mentor_trainings.toArray(),
      allTemplates(ctx),
      responsesTable(ctx).toArray(),
      ctx.db.school_documents.where('school_id').equals(schoolId).toArray(),
      ctx.db.kpi_values.where('school_id').equals(schoolId).toArray(),
    ]);
  return {
    participants: live(participants),
    pairs: live(pairs),
    members: members.filter(mine),
    trainings: trainings.filter(mine),
    templates,
    responses: responses.filter(mine),
    documents: live(documents),
    kpiValues: live(values),
    trainingValidYears: validYearsOf(
      school && school.deleted_at == null ? school.training_valid_years : null,
    ),
  };
}

/** The same rows, live. `schoolId` null: the device's own school. */
export function observeKpiInput(ctx: DataContext, schoolId: string | null): Observable<KpiInput> {
  return liveQuery(() => readKpiInput(ctx, schoolId ?? ctx.schoolId));
}
