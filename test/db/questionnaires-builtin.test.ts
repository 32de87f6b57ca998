// The built-in questionnaires: supabase/schemas/820_builtin_questionnaires.sql holds exactly
// the templates of src/domain/questionnaireDefaults.ts (device-only mode uses the constant,
// signed-in devices the server's rows: both must be the same questionnaires), every member's
// device receives them through sync_pull, and a response written by the app's repository
// reaches the server.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext } from '@/data/context';
import {
  allTemplates,
  saveQuestionnaireDraft,
  submitQuestionnaire,
} from '@/data/repos/questionnaires';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import { SyncEngine } from '@/sync/engine';
import { createTestDb, type Sql, type TestDb } from '../support/db';
import { expectSqlError } from './expect-sql';
import { createTestSupabaseClient } from '../support/postgrest';
import { claimsOf, createWorld, Device, type World } from '../factories/sync';

let db: TestDb;
let w: World;

beforeAll(async () => {
  // No seed: a real deployment runs the migrations only.
  db = await createTestDb();
  w = await createWorld(db);
});
afterAll(async () => {
  await db?.close();
});

const builtinIds = BUILTIN_QUESTIONNAIRES.map((t) => t.id).sort();
/** The constant in the server's row shape (the columns the app reads). */
const expected = BUILTIN_QUESTIONNAIRES.map((t) => ({
  id: t.id,
  school_id: null,
  kind: t.kind,
  audience: t.audience,
  revision: t.revision,
  title: t.title,
  items: t.items,
  based_on: null,
  deleted_at: null,
})).sort((a, b) => a.id.localeCompare(b.id));

describe('built-in questionnaires', () => {
  it('the migration inserts exactly the templates of the TypeScript constant', async () => {
    const { rows } = await db.query(
      `select id, school_id, kind, audience, revision, title, items, based_on, deleted_at
       from public.questionnaire_templates where school_id is null order by id`,
    );
    expect(rows).toEqual(expected);
    // Strictly equal JSON, not only equal after parsing: no item carries an extra key.
    const { rows: texts } = await db.query<{ id: string; items: string }>(
      `select id, items::text as items from public.questionnaire_templates where school_id is null`,
    );
    for (const row of texts) {
      const constant = BUILTIN_QUESTIONNAIRES.find((t) => t.id === row.id)!;
      expect(JSON.parse(row.items), constant.title).toStrictEqual(
        JSON.parse(JSON.stringify(constant.items)),
      );
    }
  });

  it('reaches every signed-in member through sync_pull, a mentee and a curator alike', async () => {
    for (const user of [w.users.menteeA, w.users.mentorA, w.users.curatorA]) {
      const device = await Device.open(db, user);
      await device.pullAll();
      const received = [...device.table('questionnaire_templates').values()]
        .filter((row) => row.school_id === null)
        .map((row) => row.id as string)
        .sort();
      expect(received, user).toEqual(builtinIds);
      expect(device.scopes.map((s) => s.key)).toContain('global');
    }
  });

  it('a mentee’s phone stores them, fills the entry questionnaire and the server accepts it', async () => {
    const ctx = await openUserDataContext(`${w.users.menteeA}-${crypto.randomUUID()}`, w.schoolA);
    const client = await createTestSupabaseClient(db, claimsOf(w.users.menteeA));
    const engine = new SyncEngine(ctx, createSyncTransport(client));
    await engine.syncOnce();

    const stored = await ctx.db.table('questionnaire_templates').toArray();
    expect(stored.map((t) => t.id).sort()).toEqual(builtinIds);
    // The pulled rows replace the built-in constant's (server versions, same content).
    const templates = await allTemplates(ctx);
    expect(templates.filter((t) => t.school_id === null).every((t) => t.version > 0)).toBe(true);

    // menteeA is a teacher mentee: the teacher's entry questionnaire.
    const input = {
      pairId: w.pairs.p1,
      participantId: w.participants.menteeA,
      templateId: 'b1000000-0000-4000-8000-000000000006',
      answers: { q1: 4, q2: 3 } as Record<string, number | string>,
    };
    await saveQuestionnaireDraft(ctx, input);
    await saveQuestionnaireDraft(ctx, {
      ...input,
      answers: { ...input.answers, q8: 'Дисциплина' },
    });
    await submitQuestionnaire(ctx, {
      ...input,
      answers: { q1: 4, q2: 3, q3: 5, q4: 3, q5: 6, q6: 5, q7: 'not_sure', q8: 'Дисциплина' },
    });
    const round = await engine.syncOnce();
    expect(round.rejected).toBe(0);
    expect(await ctx.db.outbox.count()).toBe(0);

    const { rows } = await db.query<{ answers: unknown; submitted: boolean; n: string }>(
      `select answers, submitted_at is not null as submitted, count(*) over ()::text as n
       from public.questionnaire_responses where participant_id = $1`,
      [w.participants.menteeA],
    );
    expect(rows).toEqual([
      {
        answers: { q1: 4, q2: 3, q3: 5, q4: 3, q5: 6, q6: 5, q7: 'not_sure', q8: 'Дисциплина' },
        submitted: true,
        n: '1',
      },
    ]);
    ctx.db.close();
  });

  it('keeps a submitted response final for its author; staff may still correct it', async () => {
    const [submitted, draft] = [crypto.randomUUID(), crypto.randomUUID()];
    await db.query(
      `insert into public.questionnaire_responses
         (id, school_id, template_id, pair_id, participant_id, answers, submitted_at)
       values ($1, $3, 'b1000000-0000-4000-8000-000000000008', $4, $5, '{"q1": 5}', now()),
              ($2, $3, 'b1000000-0000-4000-8000-000000000008', $4, $5, '{"q1": 5}', null)`,
      [submitted, draft, w.schoolA, w.pairs.p1, w.participants.mentorA],
    );
    const as = (user: string, sql: (s: Sql) => Promise<unknown>) =>
      db.asUserRolledBack({ sub: user, role: 'authenticated' }, sql);
    const update = (id: string, set: string) => (s: Sql) =>
      s.query(`update public.questionnaire_responses set ${set} where id = $1`, [id]);

    await expectSqlError(
      as(w.users.mentorA, update(submitted, `answers = '{"q1": 9}'`)),
      '23514',
      /questionnaire_response_submitted/,
    );
    await expectSqlError(
      as(w.users.mentorA, update(submitted, 'deleted_at = now()')),
      '23514',
      /questionnaire_response_submitted/,
    );
    // Re-sending the same values (a duplicate patch) changes nothing and is not refused.
    await expect(as(w.users.mentorA, update(submitted, 'answers = answers'))).resolves.toBeTruthy();
    await expect(
      as(w.users.curatorA, update(submitted, `answers = '{"q1": 9}'`)),
    ).resolves.toMatchObject({ rowCount: 1 });
    await expect(
      as(w.users.mentorA, update(draft, `answers = '{"q1": 9}', submitted_at = now()`)),
    ).resolves.toMatchObject({ rowCount: 1 });
  });
});
