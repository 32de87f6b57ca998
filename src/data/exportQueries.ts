// Owns the reactive read behind the exports: one school's rows as staff read them, in a few
// bulk reads (the KPI table's courses, documents and values too). It never reads
// meeting_private_notes or participant_sensitive: what must not reach a spreadsheet is not
// loaded for one (domain/exports.ts builds the sheets).
import { liveQuery } from 'dexie';
import type { ExportFacts } from '@/domain/exports';
import type { PlanGoal } from '@/domain/types';
import type { DataContext } from './context';
import { keptMunicipalTargets } from './kpiQueries';
import type { Observable } from './queries';
import { allTemplates, responsesTable } from './repos/questionnaires';
import { deviceValidYearsKey } from './deviceSettings';
import { validYearsOfSchool } from './repos/trainings';

/** The rows of ExportFacts; the day and the locale come from the caller. */
export type ExportRows = Omit<ExportFacts, 'today' | 'locale'>;

const alive = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);

/** The school's exportable rows, live. `schoolId` null: the device's own school. */
export function observeExportRows(
  ctx: DataContext,
  schoolId: string | null,
): Observable<ExportRows> {
  return liveQuery(async () => {
    const school = schoolId ?? ctx.schoolId;
    const mine = <T extends { school_id: string; deleted_at: string | null }>(row: T) =>
      row.school_id === school && row.deleted_at === null;
    const [
      schoolRow,
      participants,
      consents,
      pairs,
      members,
      meetings,
      plans,
      goals,
      tasks,
      responses,
      templates,
      trainings,
      documents,
      kpiValues,
      keptValidYears,
    ] = await Promise.all([
      ctx.db.schools.get(school),
      ctx.db.participants.where('school_id').equals(school).toArray(),
      ctx.db.consents.filter(mine).toArray(),
      ctx.db.pairs.where('school_id').equals(school).toArray(),
      ctx.db.pair_members.filter(mine).toArray(),
      ctx.db.meetings.filter(mine).toArray(),
      ctx.db.development_plans.filter(mine).toArray(),
      ctx.db.table<PlanGoal, string>('plan_goals').filter(mine).toArray(),
      ctx.db.plan_tasks.filter(mine).toArray(),
      responsesTable(ctx).filter(mine).toArray(),
      allTemplates(ctx),
      ctx.db.mentor_trainings.filter(mine).toArray(),
      ctx.db.school_documents.where('school_id').equals(school).toArray(),
      ctx.db.kpi_values.where('school_id').equals(school).toArray(),
      ctx.db.meta.get(deviceValidYearsKey(school)),
    ]);
    const liveSchool = schoolRow && !schoolRow.deleted_at ? schoolRow : null;
    const municipalTargets = await keptMunicipalTargets(
      ctx,
      school,
      liveSchool?.municipality_id ?? null,
    );
    const name = liveSchool ? liveSchool.name : null;
    return {
      schoolName: typeof name === 'string' && name.trim() !== '' ? name : null,
      participants: alive(participants),
      consents,
      pairs: alive(pairs),
      members,
      meetings,
      plans,
      goals,
      tasks,
      templates,
      responses,
      kpi: {
        trainings,
        documents: alive(documents),
        kpiValues: alive(kpiValues),
        municipalTargets,
        trainingValidYears: validYearsOfSchool(schoolRow, keptValidYears),
      },
    };
  });
}
