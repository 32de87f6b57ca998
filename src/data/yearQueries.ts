// Owns the reactive reads of the programme year: the school's programmes, the open year's
// roadmap tasks and its pairs (how many would move on closing), and one programme by id (a
// pair's year, for its questionnaires).
import { liveQuery } from 'dexie';
import { isUnfinishedPair, openProgramme } from '@/domain/programmeYear';
import type { IsoDate, Programme, RoadmapTask } from '@/domain/types';
import type { DataContext } from './context';
import type { Observable } from './queries';

export interface YearSource {
  /** null: every row (device-only mode, the device's one school). */
  schoolId: string | null;
  today: IsoDate;
}

export interface ProgrammeYearData {
  /** The school's live programmes, latest first. */
  programmes: Programme[];
  /** The year to work in (domain/programmeYear.ts openProgramme), or none yet. */
  programme: Programme | null;
  /** Its live roadmap tasks, by stage and position. */
  tasks: RoadmapTask[];
  /** Its unfinished pairs (draft, approved, active): they move when the year is closed. */
  unfinishedPairs: number;
}

const alive = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);

export async function readProgrammeYear(
  ctx: DataContext,
  source: YearSource,
): Promise<ProgrammeYearData> {
  const db = ctx.db;
  return db.transaction('r', [db.programmes, db.roadmap_tasks, db.pairs], async () => {
    const inSchool = <T extends { school_id: string }>(rows: T[]) =>
      source.schoolId === null ? rows : rows.filter((r) => r.school_id === source.schoolId);
    const programmes = inSchool(alive(await db.programmes.toArray())).sort((a, b) =>
      (b.starts_on ?? '').localeCompare(a.starts_on ?? ''),
    );
    const programme = openProgramme(programmes, source.today);
    if (!programme) return { programmes, programme, tasks: [], unfinishedPairs: 0 };
    const tasks = alive(
      await db.roadmap_tasks.where('programme_id').equals(programme.id).toArray(),
    ).sort((a, b) => a.stage - b.stage || a.position - b.position);
    const pairs = await db.pairs.where('school_id').equals(programme.school_id).toArray();
    const unfinishedPairs = pairs.filter(
      (p) => p.programme_id === programme.id && isUnfinishedPair(p),
    ).length;
    return { programmes, programme, tasks, unfinishedPairs };
  });
}

/** The school's programme year, live. */
export function observeProgrammeYear(
  ctx: DataContext,
  source: YearSource,
): Observable<ProgrammeYearData> {
  return liveQuery(() => readProgrammeYear(ctx, source));
}

/** One programme (a pair's year), live; null when it is unknown or deleted. */
export function observeProgramme(
  ctx: DataContext,
  programmeId: string | null,
): Observable<Programme | null> {
  return liveQuery(async () => {
    if (!programmeId) return null;
    const programme = await ctx.db.programmes.get(programmeId);
    return programme && programme.deleted_at === null ? programme : null;
  });
}

/** The live programmes the device holds (every school's), live: for their stages. */
export function observeProgrammes(ctx: DataContext): Observable<Programme[]> {
  return liveQuery(async () => alive(await ctx.db.programmes.toArray()));
}
