// The seed page of bench/kpi.mjs: the big school of bench/staff-home (2,000 students, 150
// teachers, 300 pairs, 50,000 meetings) plus what only the KPI table reads: birth dates,
// managers, courses, satisfaction answers, the school's documents and entered values.
import '../staff-home/seed';
import { openDataContext } from '@/data/context';
import { userDatabaseName } from '@/data/db';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import type { Participant } from '@/domain/types';

const STAMP = '2025-09-01T08:00:00.000Z';
const seedSchool = window.seed;

window.seed = async (params) => {
  const counts = await seedSchool(params);
  const started = performance.now();
  const ctx = await openDataContext(userDatabaseName(params.userId), params.schoolId);
  const db = ctx.db;
  const synced = (i: number) => ({
    id: crypto.randomUUID(),
    school_id: params.schoolId,
    version: 100_000 + i,
    deleted_at: null,
    created_at: STAMP,
    updated_at: STAMP,
    created_by: null,
  });
  const people = (await db.participants.toArray()) as Participant[];
  const year = new Date().getFullYear();
  // Birth dates for half of the students, managers among the teachers.
  await db.participants.bulkPut(
    people.map((p, i) => ({
      ...p,
      birth_date: p.kind === 'student' && i % 2 === 0 ? `${p.birth_year}-0${1 + (i % 9)}-15` : null,
      is_manager: p.kind === 'teacher' && i % 15 === 0,
    })),
  );
  const teachers = people.filter((p) => p.kind === 'teacher');
  await db.mentor_trainings.bulkAdd(
    teachers.flatMap((t, i) => [
      {
        ...synced(i),
        participant_id: t.id,
        title: 'Наставничество в образовательной организации',
        provider: 'ИРО',
        hours: i % 3 === 0 ? 24 : 72,
        started_on: null,
        completed_on: `${year - (i % 5)}-05-20`,
        certificate_number: null,
      },
    ]),
  );
  const satisfaction = BUILTIN_QUESTIONNAIRES.filter((t) => t.kind === 'satisfaction');
  const members = await db.pair_members.toArray();
  await db.table('questionnaire_responses').bulkAdd(
    members.map((m, i) => {
      const template = satisfaction[i % satisfaction.length]!;
      return {
        ...synced(i),
        template_id: template.id,
        pair_id: m.pair_id,
        participant_id: m.participant_id,
        answers: { [template.items[0]!.id]: 1 + (i % 10) },
        submitted_at: `${year}-0${1 + (i % 9)}-10T10:00:00.000Z`,
      };
    }),
  );
  await db.school_documents.bulkAdd(
    (['regulation', 'programme', 'roadmap'] as const).map((kind, i) => ({
      ...synced(i),
      kind,
      number: `${10 + i}-О`,
      dated_on: `${year - 1}-09-01`,
      note: null,
    })),
  );
  await db.kpi_values.bulkAdd([
    { ...synced(1), indicator: 'preschool_involved', year, kind: 'numerator', value: 40 },
    { ...synced(2), indicator: 'preschool_involved', year, kind: 'denominator', value: 160 },
  ]);
  db.close();
  return {
    ...counts,
    trainings: teachers.length,
    satisfaction: members.length,
    seedMs: counts.seedMs! + Math.round(performance.now() - started),
  };
};
