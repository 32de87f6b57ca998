// public.mentor_directory(): the school's mentors a mentee may choose in her own intake on
// her phone, although before pairing she reads no mentor's card. Every member of the school
// gets the same list — id, name, subject, what she offers, forms, whether places are left,
// nothing else — and only of the mentors who filled an intake and have a valid consent;
// another school's user, a user without a membership, a coordinator and anon are refused.
// "Places left" is indexMatching()'s rule, run here on the same rows.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, others } from '../factories/actors';
import { PARTICIPANTS, SCHOOL_A, SCHOOL_B } from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';
import { createTestSupabaseClient } from '../support/postgrest';
import { fetchMentorDirectory, MentorDirectoryError } from '@/api/mentorDirectory';
import { indexMatching, type MatchingFacts } from '@/domain/matching';

let db: TestDb;
type Claims = Parameters<TestDb['asUser']>[0];

interface DirectoryRow {
  participant_id: string;
  full_name: string;
  subject: string | null;
  offers: string | null;
  forms: string[];
  has_places: boolean;
}

/** A teacher mentor of school A, with a consent until `consentUntil` (null: none). */
async function addTeacherMentor(
  fullName: string,
  consentUntil: string | null,
  extra = '',
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into public.participants (id, school_id, kind, full_name, subject, phone, email,
                                      is_mentor, is_mentee${extra ? ', archived_on' : ''})
     values ($1, $2, 'teacher', $3, 'Химия', '+7 900 000-00-00', 'secret@example.org', true, false
             ${extra ? `, '${extra}'` : ''})`,
    [id, SCHOOL_A, fullName],
  );
  if (consentUntil) {
    await db.query(
      `insert into public.consents (school_id, participant_id, given_by, signed_on, valid_until)
       values ($1, $2, 'self', '2025-01-10', $3)`,
      [SCHOOL_A, id, consentUntil],
    );
  }
  return id;
}

async function addMentorIntake(
  schoolId: string,
  participantId: string,
  fields: { offers: string; capacity: number | null; forms: string[]; deleted?: boolean },
): Promise<void> {
  await db.query(
    `insert into public.intakes (school_id, participant_id, role, offers, capacity, forms, deleted_at)
     values ($1, $2, 'mentor', $3, $4, $5, $6)`,
    [
      schoolId,
      participantId,
      fields.deleted ? null : fields.offers,
      fields.deleted ? null : fields.capacity,
      fields.deleted ? [] : fields.forms,
      fields.deleted ? new Date().toISOString() : null,
    ],
  );
}

let expired: string;
let archived: string;
let withdrawn: string;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  // Кравцова takes one mentee and has Ларина (P1, active): full. Белоусов says no number (3
  // by default) and has Алиса (P4, draft): places left. Артём (a minor, his mother's
  // consent) takes one: Дмитрий (P2, active) fills it; Кирилл's ended pair P6 does not count.
  await addMentorIntake(SCHOOL_A, PARTICIPANTS.kravtsova, {
    offers: 'Подготовка к ОГЭ по математике, проекты',
    capacity: 1,
    forms: ['uchitel_uchitel', 'uchitel_uchenik'],
  });
  await addMentorIntake(SCHOOL_A, PARTICIPANTS.belousov, {
    offers: 'Робототехника',
    capacity: null,
    forms: ['uchitel_uchenik'],
  });
  await addMentorIntake(SCHOOL_A, PARTICIPANTS.artem, {
    offers: 'Олимпиадная математика',
    capacity: 1,
    forms: ['uchenik_uchenik'],
  });
  // Not listed: a consent that has run out, an archived mentor, a withdrawn intake, no
  // intake at all (Полина), another school's mentor (Морозова) for school A.
  expired = await addTeacherMentor('Орлова Ирина', '2026-01-31');
  await addMentorIntake(SCHOOL_A, expired, { offers: 'Химия', capacity: 2, forms: [] });
  archived = await addTeacherMentor('Архипов Олег', '2030-01-01', '2026-06-30');
  await addMentorIntake(SCHOOL_A, archived, { offers: 'Химия', capacity: 2, forms: [] });
  withdrawn = await addTeacherMentor('Быкова Вера', '2030-01-01');
  await addMentorIntake(SCHOOL_A, withdrawn, {
    offers: 'Химия',
    capacity: 2,
    forms: [],
    deleted: true,
  });
  await addMentorIntake(SCHOOL_B, PARTICIPANTS.morozova, {
    offers: 'Олимпиада по биологии',
    capacity: 2,
    forms: ['uchitel_uchenik'],
  });
});
afterAll(async () => {
  await db?.close();
});

const directory = (claims: Claims, schoolId: string) =>
  db.asUserRolledBack(
    claims,
    async (s) =>
      (await s.query<DirectoryRow>('select * from public.mentor_directory($1)', [schoolId])).rows,
  );

const SCHOOL_A_LIST = [
  {
    participant_id: PARTICIPANTS.belousov,
    full_name: 'Белоусов Андрей Викторович',
    subject: 'Физика',
    offers: 'Робототехника',
    forms: ['uchitel_uchenik'],
    has_places: true,
  },
  {
    participant_id: PARTICIPANTS.artem,
    full_name: 'Гришин Артём Павлович',
    subject: 'Математика',
    offers: 'Олимпиадная математика',
    forms: ['uchenik_uchenik'],
    has_places: false,
  },
  {
    participant_id: PARTICIPANTS.kravtsova,
    full_name: 'Кравцова Татьяна Николаевна',
    subject: 'Математика',
    offers: 'Подготовка к ОГЭ по математике, проекты',
    forms: ['uchitel_uchitel', 'uchitel_uchenik'],
    has_places: false,
  },
];
const byName = (rows: DirectoryRow[]) =>
  [...rows].sort((a, b) => a.full_name.localeCompare(b.full_name, 'ru'));

describe('who gets the mentor directory of school A', () => {
  const members = {
    school_admin: actors.school_admin,
    curator: actors.curator,
    mentor: actors.mentor,
    mentee: actors.mentee,
    'mentee (anonymous sign-in, a minor)': others.dmitry,
  };
  for (const [name, claims] of Object.entries(members)) {
    it(`gives the ${name} the school's mentors who filled an intake, and nothing else of them`, async () => {
      const rows = await directory(claims, SCHOOL_A);
      expect(byName(rows)).toEqual(SCHOOL_A_LIST);
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual([
          'forms',
          'full_name',
          'has_places',
          'offers',
          'participant_id',
          'subject',
        ]);
      }
    });
  }

  it('is the only way a mentee before pairing learns these names (she reads no card)', async () => {
    const cards = await db.asUserRolledBack(
      others.dmitry,
      async (s) =>
        (
          await s.query('select id from public.participants where id = any($1)', [
            [PARTICIPANTS.belousov, PARTICIPANTS.kravtsova],
          ])
        ).rows,
    );
    expect(cards).toEqual([]);
  });

  it('refuses a user of another school (42501), who gets her own school’s list', async () => {
    await expectSqlError(directory(actors.member_of_other_school, SCHOOL_A), '42501', 'not_member');
    const own = await directory(actors.member_of_other_school, SCHOOL_B);
    expect(own.map((r) => r.full_name)).toEqual(['Морозова Светлана Александровна']);
  });

  it('refuses the municipal coordinator, a signed-in user without a membership and anon', async () => {
    await expectSqlError(directory(actors.coordinator, SCHOOL_A), '42501', 'not_member');
    await expectSqlError(directory(actors.anonymous_unredeemed, SCHOOL_A), '42501', 'not_member');
    await expectSqlError(directory(actors.anon, SCHOOL_A), '42501');
  });

  it('leaves out an expired consent, an archived mentor and a withdrawn intake', async () => {
    const ids = (await directory(actors.mentee, SCHOOL_A)).map((r) => r.participant_id);
    expect(ids).not.toContain(expired);
    expect(ids).not.toContain(archived);
    expect(ids).not.toContain(withdrawn);
    expect(ids).not.toContain(PARTICIPANTS.polina);
  });
});

describe('src/api/mentorDirectory.ts through PostgREST', () => {
  it('gives a mentee’s phone the list as the app’s DirectoryMentor rows', async () => {
    const phone = await createTestSupabaseClient(db, others.dmitry);
    const mentors = await fetchMentorDirectory(phone, SCHOOL_A);
    expect(mentors.find((m) => m.id === PARTICIPANTS.belousov)).toEqual({
      id: PARTICIPANTS.belousov,
      fullName: 'Белоусов Андрей Викторович',
      subject: 'Физика',
      offers: 'Робототехника',
      forms: ['uchitel_uchenik'],
      hasPlaces: true,
    });
    expect(mentors).toHaveLength(SCHOOL_A_LIST.length);
  });

  it('turns a refusal into not_allowed, for another school and for anon', async () => {
    for (const claims of [actors.member_of_other_school, actors.anon]) {
      const client = await createTestSupabaseClient(db, claims);
      const error = await fetchMentorDirectory(client, SCHOOL_A).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MentorDirectoryError);
      expect((error as MentorDirectoryError).reason).toBe('not_allowed');
    }
  });
});

describe('places left', () => {
  /** School A's rows as the staff's device receives them. */
  async function factsOf(schoolId: string): Promise<MatchingFacts> {
    const rowsOf = async (table: string) =>
      (
        await db.query<{ r: Record<string, unknown> }>(
          `select to_jsonb(t) as r from public.${table} t where t.school_id = $1`,
          [schoolId],
        )
      ).rows.map((x) => x.r);
    const [participants, pairs, members, intakes] = await Promise.all([
      rowsOf('participants'),
      rowsOf('pairs'),
      rowsOf('pair_members'),
      rowsOf('intakes'),
    ]);
    return { participants, pairs, members, intakes, sensitive: [] } as unknown as MatchingFacts;
  }

  async function expectSameAsMatching(): Promise<void> {
    const index = indexMatching(await factsOf(SCHOOL_A));
    const left = new Map(index.mentors.map((m) => [m.person.id, m.left]));
    const rows = await directory(actors.mentee, SCHOOL_A);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row.has_places, row.full_name).toBe(left.get(row.participant_id)! > 0);
  }

  it('says what matching says: capacity (else 3) above the mentees of her live pairs', async () => {
    await expectSameAsMatching();
  });

  it('follows a pair that ends and a capacity that grows', async () => {
    // Кравцова takes two now; Артём's pair with Дмитрий ends early (the last test: it stays).
    await db.query(
      `update public.intakes set capacity = 2 where participant_id = $1 and role = 'mentor'`,
      [PARTICIPANTS.kravtsova],
    );
    await db.query(
      `update public.pairs set status = 'ended_early', ended_on = '2026-11-20',
                end_reason = 'Переезд' where id = 'a9000000-0000-4000-8000-000000000002'`,
    );
    const rows = await directory(actors.mentee, SCHOOL_A);
    const places = Object.fromEntries(rows.map((r) => [r.participant_id, r.has_places]));
    expect(places[PARTICIPANTS.kravtsova]).toBe(true);
    expect(places[PARTICIPANTS.artem]).toBe(true);
    await expectSameAsMatching();
  });
});
