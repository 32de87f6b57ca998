// Business rules the database enforces whoever writes: consents, pair approval, meetings,
// questionnaires. Constraint names are asserted because the client translates them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, anonymousUser } from '../factories/actors';
import {
  MEETING_P1,
  MEETING_P2,
  PAIRS,
  PARTICIPANTS,
  PLAN_P1,
  SCHOOL_A,
  TEMPLATES,
  USERS,
} from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

/** As the curator, rolled back: each test starts from the seed. */
const asCurator = <T>(fn: Parameters<TestDb['asUser']>[1]) =>
  db.asUserRolledBack(actors.curator, fn as never) as Promise<T>;

const approveP4 = `update public.pairs set status = 'approved', order_number = '131-О', order_date = current_date where id = '${PAIRS.p4Draft}'`;
const consentSql = (
  participant: string,
  givenBy: string,
  name: string | null,
  signed = 'current_date',
  until = 'current_date + 365',
) =>
  `insert into public.consents (school_id, participant_id, given_by, representative_name, signed_on, valid_until)
   values ('${SCHOOL_A}', '${participant}', '${givenBy}', ${name === null ? 'null' : `'${name}'`}, ${signed}, ${until})`;

describe('consents and pair approval', () => {
  it('blocks approving a pair while a member has no valid consent', async () => {
    await expectSqlError(
      asCurator((s) => s.query(approveP4)),
      '23514',
      /pairs_member_without_consent/,
    );
  });

  it('approves the pair once the parent has signed', async () => {
    const n = await asCurator<number>(async (s) => {
      await s.query(consentSql(PARTICIPANTS.alisa, 'representative', 'Тимофеева Наталья Ивановна'));
      return (await s.query(approveP4)).rowCount;
    });
    expect(n).toBe(1);
  });

  it('does not count a revoked, expired or future consent', async () => {
    // An expired one cannot be recorded as valid (consents_already_expired): it was recorded
    // while valid and has run out since (an update moves its end into the past).
    for (const [signed, until, revoked, later] of [
      ['current_date - 400', 'current_date + 30', 'null', 'current_date - 35'],
      ['current_date + 1', 'current_date + 300', 'null', null],
      ['current_date - 10', 'current_date + 300', 'current_date', null],
    ]) {
      await expectSqlError(
        asCurator(async (s) => {
          await s.query(`insert into public.consents (school_id, participant_id, given_by, representative_name, signed_on, valid_until, revoked_on)
                         values ('${SCHOOL_A}', '${PARTICIPANTS.alisa}', 'representative', 'Тимофеева Н.И.', ${signed}, ${until}, ${revoked})`);
          if (later)
            await s.query(
              `update public.consents set valid_until = ${later} where participant_id = '${PARTICIPANTS.alisa}'`,
            );
          await s.query(approveP4);
        }),
        '23514',
        /pairs_member_without_consent/,
      );
    }
  });

  it('requires an order number and date for an approved pair', async () => {
    await expectSqlError(
      asCurator(async (s) => {
        await s.query(
          consentSql(PARTICIPANTS.alisa, 'representative', 'Тимофеева Наталья Ивановна'),
        );
        await s.query(`update public.pairs set status = 'approved' where id = '${PAIRS.p4Draft}'`);
      }),
      '23514',
      /pairs_order_required/,
    );
  });

  it('requires a reason to end a pair early', async () => {
    await expectSqlError(
      asCurator((s) =>
        s.query(
          `update public.pairs set status = 'ended_early' where id = '${PAIRS.p1TeacherActive}'`,
        ),
      ),
      '23514',
      /pairs_end_reason_required/,
    );
  });

  it('blocks adding a member without valid consent to an active pair', async () => {
    // Сидоренко's consent ran out on 2026-08-31.
    await expectSqlError(
      asCurator((s) =>
        s.query(`insert into public.pair_members (school_id, pair_id, participant_id, side)
                 values ('${SCHOOL_A}', '${PAIRS.p1TeacherActive}', '${PARTICIPANTS.sidorenko}', 'mentee')`),
      ),
      '23514',
      /pairs_member_without_consent/,
    );
  });

  it("rejects a minor's own consent: it must come from a representative", async () => {
    await expectSqlError(
      asCurator((s) => s.query(consentSql(PARTICIPANTS.alisa, 'self', null))),
      '23514',
      /consents_minor_by_representative/,
    );
  });

  it('requires the representative to be named', async () => {
    await expectSqlError(
      asCurator((s) => s.query(consentSql(PARTICIPANTS.alisa, 'representative', ' '))),
      '23514',
      /consents_representative_named/,
    );
  });

  it('rejects a consent that ends before it was signed', async () => {
    await expectSqlError(
      asCurator((s) =>
        s.query(consentSql(PARTICIPANTS.larina, 'self', null, 'current_date + 1', 'current_date')),
      ),
      '23514',
      /consents_valid_until_after_signed/,
    );
  });
});

describe('meetings', () => {
  const mentor = actors.mentor;
  const insertMeeting = (minutes: number) =>
    db.asUserRolledBack(mentor, (s) =>
      s.query(
        `insert into public.meetings (school_id, pair_id, type, held_on, duration_min) values ($1, $2, 'regular', current_date, $3)`,
        [SCHOOL_A, PAIRS.p1TeacherActive, minutes],
      ),
    );

  it('keeps the duration between 5 minutes and 8 hours', async () => {
    await expectSqlError(insertMeeting(4), '23514', /meetings_duration_range/);
    await expectSqlError(insertMeeting(481), '23514', /meetings_duration_range/);
    await expect(insertMeeting(5)).resolves.toBeTruthy();
    await expect(insertMeeting(480)).resolves.toBeTruthy();
  });

  // A mentee confirms and reflects in her own meeting_confirmations row; the meeting row is
  // the mentors' alone.
  const MEETING_P1_PLANNING = 'ae000000-0000-4000-8000-000000000003';
  const confirm = (
    claims: typeof actors.mentee,
    meeting: string,
    participant: string,
    pair: string,
  ) =>
    db.asUserRolledBack(
      claims,
      async (s) =>
        (
          await s.query(
            `insert into public.meeting_confirmations (school_id, pair_id, meeting_id, participant_id, reflection)
             values ($1, $2, $3, $4, 'Полезно')`,
            [SCHOOL_A, pair, meeting, participant],
          )
        ).rowCount,
    );

  it('lets the mentee confirm and reflect in her own confirmation, nothing else', async () => {
    expect(
      await confirm(actors.mentee, MEETING_P1_PLANNING, PARTICIPANTS.larina, PAIRS.p1TeacherActive),
    ).toBe(1);
    for (const sql of [
      `update public.meetings set topic = 'Другая тема' where id = $1`,
      `update public.meetings set deleted_at = now() where id = $1`,
    ]) {
      const n = await db.asUserRolledBack(
        actors.mentee,
        async (s) => (await s.query(sql, [MEETING_P1])).rowCount,
      );
      expect({ sql, n }).toEqual({ sql, n: 0 });
    }
  });

  it('keeps one confirmation per mentee and meeting', async () => {
    await expectSqlError(
      confirm(actors.mentee, MEETING_P1, PARTICIPANTS.larina, PAIRS.p1TeacherActive),
      '23505',
      /meeting_confirmations_unique/,
    );
  });

  it('lets a mentee withdraw her confirmation and confirm again', async () => {
    const n = await db.asUserRolledBack(actors.mentee, async (s) => {
      await s.query(
        `update public.meeting_confirmations set deleted_at = now()
         where meeting_id = $1 and participant_id = $2`,
        [MEETING_P1, PARTICIPANTS.larina],
      );
      return (
        await s.query(
          `insert into public.meeting_confirmations (school_id, pair_id, meeting_id, participant_id)
           values ($1, $2, $3, $4)`,
          [SCHOOL_A, PAIRS.p1TeacherActive, MEETING_P1, PARTICIPANTS.larina],
        )
      ).rowCount;
    });
    expect(n).toBe(1);
  });

  it('does not let the mentor confirm on behalf of the mentee', async () => {
    await expectSqlError(
      confirm(actors.mentor, MEETING_P1_PLANNING, PARTICIPANTS.larina, PAIRS.p1TeacherActive),
      '42501',
    );
    const n = await db.asUserRolledBack(
      actors.mentor,
      async (s) =>
        (
          await s.query(
            `update public.meeting_confirmations set reflection = 'Всё понравилось' where meeting_id = $1`,
            [MEETING_P1],
          )
        ).rowCount,
    );
    expect(n).toBe(0);
  });

  it('lets the mentor soft-delete a meeting of their pair', async () => {
    const n = await db.asUserRolledBack(
      actors.mentor,
      async (s) =>
        (await s.query(`update public.meetings set deleted_at = now() where id = $1`, [MEETING_P1]))
          .rowCount,
    );
    expect(n).toBe(1);
  });

  it("lets the anonymous student mentee confirm his pair's meeting", async () => {
    const MEETING_P2_REGULAR = 'ae000000-0000-4000-8000-000000000007';
    expect(
      await confirm(
        anonymousUser(USERS.anonymousMentee),
        MEETING_P2_REGULAR,
        PARTICIPANTS.dmitry,
        PAIRS.p2PeerActive,
      ),
    ).toBe(1);
    // not for a meeting of another pair
    await expectSqlError(
      confirm(
        anonymousUser(USERS.anonymousMentee),
        MEETING_P2,
        PARTICIPANTS.dmitry,
        PAIRS.p1TeacherActive,
      ),
      '42501',
    );
  });
});

describe('development plans', () => {
  const aTaskOfPlanP1 = async () =>
    (
      await db.query<{ id: string }>(
        `select id from public.plan_tasks where plan_id = $1 and deleted_at is null order by id limit 1`,
        [PLAN_P1],
      )
    ).rows[0]!.id;

  it("lets only the plan's mentee say «I did it», not her mentor", async () => {
    const task = await aTaskOfPlanP1();
    const set = `update public.plan_tasks set mentee_done_at = now(), mentee_comment = 'Сделала' where id = $1`;
    expect(
      await db.asUserRolledBack(actors.mentee, async (s) => (await s.query(set, [task])).rowCount),
    ).toBe(1);
    await expectSqlError(
      db.asUserRolledBack(actors.mentor, (s) => s.query(set, [task])),
      '42501',
      /plan_mentee_fields_by_mentee_only/,
    );
  });

  it('is written for a mentee of its own pair', async () => {
    await expectSqlError(
      db.asUserRolledBack(actors.mentor, (s) =>
        s.query(
          `insert into public.development_plans (school_id, pair_id, mentee_id, title)
           values ($1, $2, $3, 'План')`,
          [SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.dmitry],
        ),
      ),
      '23514',
      /development_plans_mentee_of_pair/,
    );
    const n = await db.asUserRolledBack(
      actors.mentor,
      async (s) =>
        (
          await s.query(
            `insert into public.development_plans (school_id, pair_id, mentee_id, title)
             values ($1, $2, $3, 'План')`,
            [SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.larina],
          )
        ).rowCount,
    );
    expect(n).toBe(1);
  });
});

describe('questionnaires', () => {
  const answer = (answers: object, template: string = TEMPLATES.entryMenteeStudent) =>
    db.asUserRolledBack(anonymousUser(USERS.anonymousMentee), (s) =>
      s.query(
        `insert into public.questionnaire_responses (school_id, template_id, pair_id, participant_id, answers)
         values ($1, $2, $3, $4, $5)`,
        [SCHOOL_A, template, PAIRS.p2PeerActive, PARTICIPANTS.dmitry, JSON.stringify(answers)],
      ),
    );

  it('accepts answers that fit the template', async () => {
    await expect(answer({ q1: 1, q2: 10, q7: 'Разобраться с дробями' })).resolves.toBeTruthy();
    await expect(
      answer({ q7: 'not_sure', q1: 7 }, TEMPLATES.satisfactionMenteeStudent),
    ).resolves.toBeTruthy();
  });

  it('keeps scale answers within 1..10 and whole', async () => {
    await expectSqlError(answer({ q1: 11 }), '23514', /questionnaire_answer_out_of_range/);
    await expectSqlError(answer({ q1: 0 }), '23514', /questionnaire_answer_out_of_range/);
    await expectSqlError(answer({ q1: 5.5 }), '23514', /questionnaire_answer_out_of_range/);
    await expectSqlError(answer({ q1: '7' }), '23514', /questionnaire_answer_out_of_range/);
  });

  it('rejects unknown items and choices', async () => {
    await expectSqlError(answer({ q99: 1 }), '23514', /questionnaire_answer_unknown_item/);
    await expectSqlError(
      answer({ q7: 'maybe' }, TEMPLATES.satisfactionMenteeStudent),
      '23514',
      /questionnaire_answer_invalid_choice/,
    );
  });

  it('rejects malformed items in a template', async () => {
    for (const items of [
      [],
      [{ id: 'q1', type: 'scale', text: { ru: 'Шкала' }, max: 11 }],
      [{ id: 'q1', type: 'choice', text: { ru: 'Выбор' }, choices: [] }],
      [{ id: 'q1', type: 'slider', text: { ru: '?' } }],
      [{ id: 'q1', type: 'open', text: { en: 'no Russian' } }],
      [
        { id: 'q1', type: 'open', text: { ru: 'a' } },
        { id: 'q1', type: 'open', text: { ru: 'b' } },
      ],
    ]) {
      await expectSqlError(
        asCurator((s) =>
          s.query(
            `insert into public.questionnaire_templates (school_id, kind, audience, title, items) values ($1, 'entry', 'mentor', 'Тест', $2)`,
            [SCHOOL_A, JSON.stringify(items)],
          ),
        ),
        '23514',
        /questionnaire_templates_items_valid/,
      );
    }
  });

  it('freezes a template that has responses, but not one without', async () => {
    await expectSqlError(
      db.asUser({ role: 'service_role' }, (s) =>
        s.query(`update public.questionnaire_templates set title = 'Изменено' where id = $1`, [
          TEMPLATES.entryMenteeTeacher,
        ]),
      ),
      '23514',
      /questionnaire_template_locked/,
    );
    const n = await db.asUserRolledBack(
      { role: 'service_role' },
      async (s) =>
        (
          await s.query(
            `update public.questionnaire_templates set title = 'Изменено' where id = $1`,
            [TEMPLATES.exitMentor],
          )
        ).rowCount,
    );
    expect(n).toBe(1);
  });
});

describe('training hours', () => {
  it('must be positive and at most 1000', async () => {
    for (const hours of [0, 1001]) {
      await expectSqlError(
        asCurator((s) =>
          s.query(
            `insert into public.mentor_trainings (school_id, participant_id, title, hours) values ($1, $2, 'Курс', $3)`,
            [SCHOOL_A, PARTICIPANTS.kravtsova, hours],
          ),
        ),
        '23514',
        /mentor_trainings_hours_range/,
      );
    }
  });
});

describe('programmes', () => {
  it('takes academic years like 2026/2027 only', async () => {
    for (const year of ['2026/2028', '2026-2027', '26/27']) {
      await expectSqlError(
        asCurator((s) =>
          s.query(
            `insert into public.programmes (school_id, academic_year, title) values ($1, $2, 'Программа')`,
            [SCHOOL_A, year],
          ),
        ),
        '23514',
        /programmes_academic_year_format/,
      );
    }
  });
});
