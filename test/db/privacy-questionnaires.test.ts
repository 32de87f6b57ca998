// Questionnaire answers (DOMAIN.md "Who may read and change what"): the respondent reads her
// own, drafts included; staff and the mentors of her pair read them only once submitted; a
// draft is read by nobody else (a staff member who types in a paper questionnaire reads the
// draft she is typing).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, others, type ActorName } from '../factories/actors';
import { PAIRS, PARTICIPANTS, SCHOOL_A, TEMPLATES } from '../factories/seed-ids';
import type { Claims } from '../support/db';

let db: TestDb;
const draft = randomUUID();

const sees = async (claims: Claims, id: string) =>
  (
    await db.asUserRolledBack(claims, (s) =>
      s.query('select id from public.questionnaire_responses where id = $1', [id]),
    )
  ).rows.length === 1;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  // Ларина (actors.mentee) starts her entry questionnaire in pair P1 (mentor: Кравцова).
  await db.asUser(actors.mentee, (s) =>
    s.query(
      `insert into public.questionnaire_responses (id, school_id, template_id, pair_id, participant_id, answers)
       values ($1, $2, $3, $4, $5, '{"q1": 3}')`,
      [draft, SCHOOL_A, TEMPLATES.entryMenteeTeacher, PAIRS.p1TeacherActive, PARTICIPANTS.larina],
    ),
  );
});
afterAll(async () => {
  await db?.close();
});

describe('a draft', () => {
  it('is read by its author only', async () => {
    const who: Record<string, boolean> = {};
    for (const name of ['mentee', 'mentor', 'curator', 'school_admin'] as ActorName[])
      who[name] = await sees(actors[name], draft);
    who.otherMentor = await sees(others.mentor2, draft);
    expect(who).toEqual({
      mentee: true,
      mentor: false,
      curator: false,
      school_admin: false,
      otherMentor: false,
    });
  });

  it('never reaches a staff tablet or the mentor through sync_pull', async () => {
    for (const claims of [actors.curator, actors.mentor]) {
      const pulled = await db.asUserRolledBack(
        claims,
        async (s) =>
          (await s.query<{ r: unknown }>('select public.sync_pull($1::jsonb, 5000) as r', ['{}']))
            .rows[0]!.r,
      );
      expect(JSON.stringify(pulled)).not.toContain(draft);
    }
  });

  it('is read by the staff member who types in a paper questionnaire', async () => {
    const paper = randomUUID();
    const seen = await db.asUserRolledBack(actors.curator, async (s) => {
      await s.query(
        `insert into public.questionnaire_responses (id, school_id, template_id, pair_id, participant_id, answers)
         values ($1, $2, $3, $4, $5, '{"q1": 6}')`,
        [paper, SCHOOL_A, TEMPLATES.entryMenteeTeacher, PAIRS.p1TeacherActive, PARTICIPANTS.larina],
      );
      return (await s.query('select id from public.questionnaire_responses where id = $1', [paper]))
        .rows.length;
    });
    expect(seen).toBe(1);
  });
});

describe('once submitted', () => {
  it('is read by staff and by the mentor of that pair, not by another mentor', async () => {
    await db.asUser(actors.mentee, (s) =>
      s.query(`update public.questionnaire_responses set submitted_at = now() where id = $1`, [
        draft,
      ]),
    );
    expect(await sees(actors.curator, draft)).toBe(true);
    expect(await sees(actors.school_admin, draft)).toBe(true);
    expect(await sees(actors.mentor, draft)).toBe(true);
    expect(await sees(others.mentor2, draft)).toBe(false);
    expect(await sees(actors.member_of_other_school, draft)).toBe(false);
  });
});
