// Owns the reactive read behind the KPI table: the school's rows that computeKpis() needs
// (domain/kpi.ts), in a few bulk reads. Never the meetings: no indicator counts them, so a
// school with 50,000 meetings reads no more than one with none, and logging a meeting does
// not recompute the table. Also keeps the targets of the school's municipality as last
// fetched (meta, per school): they are not synced rows, the device fetches them when online.
import { liveQuery } from 'dexie';
import type { KpiInput, MunicipalTarget } from '@/domain/kpi';
import type { DataContext } from './context';
import type { Observable } from './queries';
import { allTemplates, responsesTable } from './repos/questionnaires';
import { deviceValidYearsKey } from './deviceSettings';
import { validYearsOfSchool } from './repos/trainings';

const live = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);

/** The municipality's targets as last fetched for a school (meta). */
export interface KeptMunicipalTargets {
  municipalityId: string;
  /** When the server last answered (ISO). */
  fetchedAt: string;
  targets: MunicipalTarget[];
}

const municipalTargetsKey = (schoolId: string) => `kpi.municipal_targets.${schoolId}`;

/** The municipality of the school as its synced row says; null without a row (device-only). */
export async function schoolMunicipalityId(
  ctx: DataContext,
  schoolId: string,
): Promise<string | null> {
  const school = await ctx.db.schools.get(schoolId);
  const id = school && school.deleted_at == null ? school.municipality_id : null;
  return typeof id === 'string' ? id : null;
}

/** Keeps what the server answered, replacing what was kept (a removed target goes too). */
export async function keepMunicipalTargets(
  ctx: DataContext,
  schoolId: string,
  kept: KeptMunicipalTargets,
): Promise<void> {
  await ctx.db.meta.put({ key: municipalTargetsKey(schoolId), value: kept });
}

/** The kept targets, if they are of the school's municipality (it may have moved). */
async function readKeptTargets(
  ctx: DataContext,
  schoolId: string,
  municipalityId: unknown,
): Promise<KeptMunicipalTargets | null> {
  const kept = (await ctx.db.meta.get(municipalTargetsKey(schoolId)))?.value as
    KeptMunicipalTargets | undefined;
  return kept && kept.municipalityId === municipalityId ? kept : null;
}

/** The targets of the school's municipality as last fetched (none: never, or it moved). */
export async function keptMunicipalTargets(
  ctx: DataContext,
  schoolId: string,
  municipalityId: unknown,
): Promise<MunicipalTarget[]> {
  return (await readKeptTargets(ctx, schoolId, municipalityId))?.targets ?? [];
}

/** The school's municipality and when its targets were last fetched (null: never), live. */
export function observeMunicipalTargetsState(
  ctx: DataContext,
  schoolId: string | null,
): Observable<{ municipalityId: string | null; fetchedAt: string | null }> {
  return liveQuery(async () => {
    const school = schoolId ?? ctx.schoolId;
    const municipalityId = await schoolMunicipalityId(ctx, school);
    const kept = await readKeptTargets(ctx, school, municipalityId);
    return { municipalityId, fetchedAt: kept?.fetchedAt ?? null };
  });
}

/** The school's KPI rows, once (for an export or a report). */
export async function readKpiInput(ctx: DataContext, schoolId = ctx.schoolId): Promise<KpiInput> {
  const mine = <T extends { school_id: string; deleted_at: string | null }>(row: T) =>
    row.school_id === schoolId && row.deleted_at === null;
  const [
    school,
    participants,
    pairs,
    members,
    trainings,
    templates,
    responses,
    documents,
    values,
    kept,
    keptValidYears,
  ] = await Promise.all([
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
    ctx.db.meta.get(municipalTargetsKey(schoolId)),
    ctx.db.meta.get(deviceValidYearsKey(schoolId)),
  ]);
  const keptTargets = kept?.value as KeptMunicipalTargets | undefined;
  return {
    participants: live(participants),
    pairs: live(pairs),
    members: members.filter(mine),
    trainings: trainings.filter(mine),
    templates,
    responses: responses.filter(mine),
    documents: live(documents),
    kpiValues: live(values),
    // Only the targets of the municipality the school's row names (device-only: none).
    municipalTargets:
      keptTargets && school && keptTargets.municipalityId === school.municipality_id
        ? keptTargets.targets
        : [],
    trainingValidYears: validYearsOfSchool(school, keptValidYears),
  };
}

/** The same rows, live. `schoolId` null: the device's own school. */
export function observeKpiInput(ctx: DataContext, schoolId: string | null): Observable<KpiInput> {
  return liveQuery(() => readKpiInput(ctx, schoolId ?? ctx.schoolId));
}
