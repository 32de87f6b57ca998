// The municipal KPI aggregate: one satisfaction rule in SQL (municipality_kpis) and in
// TypeScript (satisfactionShare), run on the same rows; small cells suppressed; and the
// caller checked by its database role, never by a JWT claim.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, serviceRole } from '../factories/actors';
import { MUNICIPALITY, SCHOOL_A, TEMPLATES, USERS } from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';
import {
  satisfactionShare,
  type QuestionnaireResponse,
  type QuestionnaireTemplate,
} from '@/domain/questionnaires';

type KpiRow = Record<string, number | string | null>;

/** Built-in mentor satisfaction template (supabase/schemas/820_builtin_questionnaires.sql). */
const SATISFACTION_MENTOR = 'b1000000-0000-4000-8000-000000000003';

let db: TestDb;

const kpisAs = async (claims: Parameters<TestDb['asUser']>[0]): Promise<KpiRow[]> =>
  db.asUserRolledBack(
    claims,
    async (s) =>
      (await s.query<KpiRow>('select * from public.municipality_kpis($1)', [MUNICIPALITY])).rows,
  );

const schoolA = (rows: KpiRow[]) => rows.find((r) => r.school_id === SCHOOL_A)!;

/** A new adult participant of school A, inserted as the database owner. */
async function aParticipant(): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into public.participants (id, school_id, kind, full_name) values ($1, $2, 'teacher', $3)`,
    [id, SCHOOL_A, `Участник ${id.slice(0, 4)}`],
  );
  return id;
}

async function aSubmitted(
  templateId: string,
  answers: Record<string, unknown>,
  opts: { draft?: boolean; deleted?: boolean } = {},
): Promise<void> {
  await db.query(
    `insert into public.questionnaire_responses
       (school_id, template_id, participant_id, answers, submitted_at, deleted_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      SCHOOL_A,
      templateId,
      await aParticipant(),
      JSON.stringify(answers),
      opts.draft ? null : '2026-05-27T10:00:00Z',
      opts.deleted ? '2026-05-28T10:00:00Z' : null,
    ],
  );
}

async function shareFromTypeScript(audience: 'mentor' | 'mentee') {
  const templates = (
    await db.query<QuestionnaireTemplate>('select * from public.questionnaire_templates')
  ).rows;
  const byId = new Map(templates.map((t) => [t.id, t]));
  const responses = (
    await db.query<QuestionnaireResponse>(
      `select * from public.questionnaire_responses where school_id = $1`,
      [SCHOOL_A],
    )
  ).rows.map((r) => ({
    ...r,
    submitted_at: r.submitted_at === null ? null : String(r.submitted_at),
    deleted_at: r.deleted_at === null ? null : String(r.deleted_at),
  }));
  const ofAudience = responses.filter((r) => {
    const t = byId.get(r.template_id);
    return t !== undefined && (audience === 'mentor') === (t.audience === 'mentor');
  });
  return satisfactionShare(ofAudience, byId);
}

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  // A school's own edition of the mentee satisfaction survey whose FIRST item is not q1:
  // the rule reads the first item, whatever its id.
  const copied = randomUUID();
  await db.query(
    `insert into public.questionnaire_templates (id, school_id, kind, audience, revision, title, items)
     values ($1, $2, 'satisfaction', 'mentee_student', 2, 'Удовлетворённость (школьная)', $3)`,
    [
      copied,
      SCHOOL_A,
      JSON.stringify([
        { id: 'overall', type: 'scale', text: { ru: 'Насколько вы довольны?' } },
        { id: 'q1', type: 'scale', text: { ru: 'Комфортно ли было общаться?' } },
      ]),
    ],
  );
  for (const q1 of [9, 8, 7, 10, 3, 2, 1, 5])
    await aSubmitted(TEMPLATES.satisfactionMenteeStudent, { q1 });
  await aSubmitted(copied, { overall: 8, q1: 2 }); // satisfied by its first item
  await aSubmitted(copied, { overall: 4, q1: 9 }); // not satisfied, although q1 is 9
  await aSubmitted(copied, { overall: 3, q1: 10 });
  await aSubmitted(TEMPLATES.satisfactionMenteeStudent, { q1: 10 }, { draft: true });
  await aSubmitted(TEMPLATES.satisfactionMenteeStudent, { q1: 10 }, { deleted: true });
  for (const q1 of [10, 9, 8, 7, 7, 6, 5, 4, 2, 1]) await aSubmitted(SATISFACTION_MENTOR, { q1 });
});
afterAll(async () => {
  await db?.close();
});

describe('the satisfaction share', () => {
  it('is the same in SQL and in TypeScript, for mentees and for mentors', async () => {
    const a = schoolA(await kpisAs(serviceRole));
    const mentees = await shareFromTypeScript('mentee');
    const mentors = await shareFromTypeScript('mentor');
    expect(mentees.total).toBeGreaterThanOrEqual(11);
    expect({
      respondents: a.mentee_satisfaction_respondents,
      satisfied: a.mentee_satisfied,
    }).toEqual({ respondents: mentees.total, satisfied: mentees.satisfied });
    expect(mentors.total).toBeGreaterThanOrEqual(10);
    expect({
      respondents: a.mentor_satisfaction_respondents,
      satisfied: a.mentor_satisfied,
    }).toEqual({ respondents: mentors.total, satisfied: mentors.satisfied });
  });
});

describe('small cells', () => {
  it('suppresses satisfaction built from fewer than five respondents', async () => {
    const fresh = await createTestDb({ seed: true });
    try {
      const rows = await fresh.asUserRolledBack(
        actors.coordinator,
        async (s) =>
          (await s.query<KpiRow>('select * from public.municipality_kpis($1)', [MUNICIPALITY]))
            .rows,
      );
      const a = schoolA(rows);
      // The seed holds one or two answers per audience: never shown.
      expect(a.mentee_satisfaction_respondents).toBeNull();
      expect(a.mentee_satisfied).toBeNull();
      expect(a.mentor_satisfaction_respondents).not.toBe(1);
      // Counts of people in pairs are not answers: shown as they are.
      expect(a.pairs_active).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('hides the satisfied count when the dissatisfied are one to four people', async () => {
    const before = await shareFromTypeScript('mentor');
    expect(before.total - before.satisfied).toBe(5);
    expect(schoolA(await kpisAs(actors.coordinator)).mentor_satisfied).toBe(before.satisfied);
    // Four of the five dissatisfied mentors' answers go: the one dissatisfied answer left
    // could be told from the counts.
    await db.query(
      `update public.questionnaire_responses set deleted_at = now()
       where id in (select id from public.questionnaire_responses
                    where school_id = $1 and template_id = $2 and deleted_at is null
                      and (answers ->> 'q1')::int < 7
                    order by id limit 4)`,
      [SCHOOL_A, SATISFACTION_MENTOR],
    );
    const after = schoolA(await kpisAs(actors.coordinator));
    expect(after.mentor_satisfaction_respondents).toBe(before.total - 4);
    expect(after.mentor_satisfied).toBeNull();
  });
});

describe('who may call it', () => {
  it('is refused to a signed-in user whose token claims the service role', async () => {
    const conn = await db.connect();
    try {
      await conn.exec('begin');
      await conn.exec('set local role authenticated');
      await conn.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: USERS.curator, role: 'service_role' }),
      ]);
      await expectSqlError(
        conn.query('select * from public.municipality_kpis($1)', [MUNICIPALITY]),
        '42501',
        /not_coordinator/,
      );
    } finally {
      await conn.exec('rollback').catch(() => undefined);
      await conn.release();
    }
  });

  it('answers the service role and the municipality coordinator', async () => {
    expect(await kpisAs(serviceRole)).toHaveLength(2);
    expect(await kpisAs(actors.coordinator)).toHaveLength(2);
  });
});
