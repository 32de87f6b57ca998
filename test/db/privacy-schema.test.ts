// Issue 10, the schema side: a tombstone carries no personal data (and neither do the
// conflicts about it), every free-text column has a length limit with a named constraint,
// every foreign key is covered by an index (the performance advisor's "unindexed foreign
// keys"), and pair_members.full_name is the server's copy of the participant's name.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors } from '../factories/actors';
import {
  MEETING_P1,
  PAIRS,
  PARTICIPANTS,
  PRIVATE_NOTE_P1,
  SCHOOL_A,
  SENSITIVE,
} from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

const service = { role: 'service_role' } as const;

/** The synced tables of the core schema (their files in supabase/schemas/). */
const SYNCED = [
  'participants',
  'participant_sensitive',
  'consents',
  'programmes',
  'roadmap_tasks',
  'pairs',
  'pair_members',
  'mentor_change_requests',
  'triage_snoozes',
  'development_plans',
  'plan_goals',
  'plan_tasks',
  'meetings',
  'meeting_confirmations',
  'meeting_private_notes',
  'questionnaire_responses',
  'mentor_trainings',
];

/**
 * Synced tables added after the seed was written (no seeded rows): their tombstones are
 * checked in test/db/year-data.test.ts; here their length constraints.
 */
const LATER_SYNCED = ['intakes', 'school_documents', 'kpi_values'];

async function scrubbedColumns(table: string): Promise<string[]> {
  const { rows } = await db.query<{ def: string }>(
    `select pg_catalog.pg_get_triggerdef(t.oid) as def from pg_catalog.pg_trigger t
     where t.tgrelid = $1::regclass and t.tgname = 'zy_scrub_tombstone'`,
    [`public.${table}`],
  );
  if (rows.length === 0) return [];
  const args = /scrub_tombstone\((.*)\)\s*$/.exec(rows[0]!.def)![1]!;
  return [...args.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

const empty = (v: unknown) =>
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && Object.keys(v as object).length === 0);

describe('tombstones carry no personal data', () => {
  it('every synced table of the core schema erases its tombstones, templates excepted', async () => {
    for (const table of SYNCED) {
      expect({ table, columns: (await scrubbedColumns(table)).length > 0 }).toEqual({
        table,
        columns: true,
      });
    }
    expect(await scrubbedColumns('questionnaire_templates')).toEqual([]);
    // after every rule trigger, before the version stamp
    const { rows } = await db.query<{ tgname: string }>(
      `select distinct tgname from pg_catalog.pg_trigger t
       join pg_catalog.pg_class c on c.oid = t.tgrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and not t.tgisinternal and t.tgname > 'zy_scrub_tombstone'
       order by 1`,
    );
    expect(rows.map((r) => r.tgname)).toEqual(['zz_sync_stamp']);
  });

  it('deleting the fullest row of each table keeps its keys and erases its text', async () => {
    for (const table of SYNCED) {
      const columns = await scrubbedColumns(table);
      const row = await db.asUserRolledBack(service, async (s) => {
        const target = await s.query<{ id: string }>(
          `select id from public.${table} t where school_id = $1 and deleted_at is null
           order by length(to_jsonb(t)::text) desc limit 1`,
          [SCHOOL_A],
        );
        const id = target.rows[0]!.id;
        await s.query(`update public.${table} set deleted_at = now() where id = $1`, [id]);
        // a later write cannot put the text back
        await s.query(
          `update public.${table} set ${columns.map((c) => `${c} = ${c}`).join(', ')} where id = $1`,
          [id],
        );
        return (
          await s.query<Record<string, unknown>>(`select * from public.${table} where id = $1`, [
            id,
          ])
        ).rows[0]!;
      });
      expect(row.school_id).toBe(SCHOOL_A);
      expect(row.deleted_at).not.toBeNull();
      for (const c of columns)
        expect({ table, c, v: empty(row[c]) }).toEqual({ table, c, v: true });
    }
  });

  it('a private note, a sensitive row, a consent and a change request lose their text', async () => {
    await db.asUserRolledBack(service, async (s) => {
      await s.query(`update public.meeting_private_notes set deleted_at = now() where id = $1`, [
        PRIVATE_NOTE_P1,
      ]);
      await s.query(`update public.participant_sensitive set deleted_at = now() where id = $1`, [
        SENSITIVE.egor,
      ]);
      await s.query(`update public.consents set deleted_at = now() where participant_id = $1`, [
        PARTICIPANTS.dmitry,
      ]);
      await s.query(`update public.mentor_change_requests set deleted_at = now()`);
      const note = await s.query(`select body from public.meeting_private_notes where id = $1`, [
        PRIVATE_NOTE_P1,
      ]);
      expect(note.rows).toEqual([{ body: '' }]);
      const sensitive = await s.query(
        `select categories, note, request from public.participant_sensitive where id = $1`,
        [SENSITIVE.egor],
      );
      expect(sensitive.rows).toEqual([{ categories: [], note: null, request: null }]);
      const consent = await s.query(
        `select given_by, representative_name, representative_relation, scope_note, signed_on::text
         from public.consents where participant_id = $1`,
        [PARTICIPANTS.dmitry],
      );
      expect(consent.rows).toEqual([
        {
          given_by: 'representative',
          representative_name: null,
          representative_relation: null,
          scope_note: null,
          signed_on: '2026-09-16',
        },
      ]);
      const request = await s.query(
        `select reason, resolution_note, status from public.mentor_change_requests`,
      );
      expect(request.rows).toEqual([{ reason: '', resolution_note: null, status: 'accepted' }]);
    });
  });

  it('the conflicts about a deleted row lose their values and are tombstoned too', async () => {
    await db.exec(`insert into public.sync_conflicts
                     (school_id, pair_id, table_name, row_id, field, base_value, server_value, client_value, mutation_id, author)
                   values ('${SCHOOL_A}', '${PAIRS.p1TeacherActive}', 'meeting_private_notes', '${PRIVATE_NOTE_P1}', 'body',
                           '"старое"', '"с планшета"', '"Заметно устала, жалуется на нагрузку"', gen_random_uuid(),
                           '${actors.mentor.sub}')`);
    await db.asUserRolledBack(actors.mentor, async (s) => {
      const n = await s.query(
        `update public.meeting_private_notes set deleted_at = now() where id = $1`,
        [PRIVATE_NOTE_P1],
      );
      expect(n.rowCount).toBe(1);
      await s.query('reset role');
      const conflicts = await s.query(
        `select base_value, server_value, client_value, deleted_at is not null as gone
         from public.sync_conflicts where row_id = $1`,
        [PRIVATE_NOTE_P1],
      );
      expect(conflicts.rows).toEqual([
        { base_value: null, server_value: null, client_value: null, gone: true },
      ]);
    });
  });

  it('a delete through sync_push erases the meeting text as well', async () => {
    await db.asUserRolledBack(actors.mentor, async (s) => {
      const r = await s.query<{ r: { results: { status: string }[] } }>(
        'select public.sync_push($1, $2::jsonb) as r',
        [
          randomUUID(),
          JSON.stringify([
            {
              mutation_id: randomUUID(),
              seq: 1,
              table: 'meetings',
              row_id: MEETING_P1,
              op: 'delete',
            },
          ]),
        ],
      );
      expect(r.rows[0]!.r.results[0]!.status).toBe('applied');
      const m = await s.query(
        `select topic, notes, agreements, type, duration_min from public.meetings where id = $1`,
        [MEETING_P1],
      );
      expect(m.rows).toEqual([
        { topic: null, notes: null, agreements: null, type: 'organisational', duration_min: 45 },
      ]);
    });
  });
});

describe('size limits', () => {
  const insertMeeting = (column: string, length: number) =>
    db.asUserRolledBack(actors.mentor, (s) =>
      s.query(
        `insert into public.meetings (school_id, pair_id, type, held_on, duration_min, ${column})
         values ($1, $2, 'regular', current_date, 45, repeat('я', $3))`,
        [SCHOOL_A, PAIRS.p1TeacherActive, length],
      ),
    );

  it('a meeting takes 10,000 characters per text, not a 4 MB one', async () => {
    await expect(insertMeeting('notes', 10_000)).resolves.toBeTruthy();
    await expectSqlError(insertMeeting('notes', 10_001), '23514', /meetings_notes_length/);
    await expectSqlError(
      insertMeeting('agreements', 10_001),
      '23514',
      /meetings_agreements_length/,
    );
    // 4 MB is stopped even earlier: no row over 64 KB (the stamp trigger, every path)
    await expectSqlError(insertMeeting('agreements', 4_000_000), '54000', /row_too_large/);
    await expectSqlError(insertMeeting('topic', 10_001), '23514', /meetings_topic_length/);
  });

  it('reflections and comments take 2,000 characters, names 500', async () => {
    await expectSqlError(
      db.asUserRolledBack(actors.mentee, (s) =>
        s.query(`update public.meeting_confirmations set reflection = repeat('я', 2001)`),
      ),
      '23514',
      /meeting_confirmations_reflection_length/,
    );
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) =>
        s.query(`update public.participants set full_name = repeat('я', 501) where id = $1`, [
          PARTICIPANTS.larina,
        ]),
      ),
      '23514',
      /participants_full_name_length/,
    );
  });

  it('every free-text column of the core schema has a <table>_<column>_length constraint', async () => {
    const { rows } = await db.query<{ tbl: string; col: string }>(
      `select c.table_name as tbl, c.column_name as col
       from information_schema.columns c
       where c.table_schema = 'public' and c.table_name = any ($1)
         and c.data_type in ('text', 'jsonb')
         and not exists (select 1 from pg_catalog.pg_constraint k
                         where k.conrelid = ('public.' || c.table_name)::regclass
                           and k.conname in (c.table_name || '_' || c.column_name || '_length',
                                             c.table_name || '_' || c.column_name || '_valid',
                                             c.table_name || '_' || c.column_name || '_format'))
       order by 1, 2`,
      [
        [
          ...SYNCED,
          ...LATER_SYNCED,
          'schools',
          'municipalities',
          'questionnaire_templates',
          'memberships',
        ],
      ],
    );
    // Server-owned: a copy of participants.full_name (limited there).
    expect(rows).toEqual([{ tbl: 'pair_members', col: 'full_name' }]);
  });
});

describe('foreign keys', () => {
  it('every foreign key in public is covered by an index on its leading columns', async () => {
    // The query of the Supabase performance advisor (splinter 0001_unindexed_foreign_keys).
    const { rows } = await db.query<{ tbl: string; fkey: string }>(
      `with fks as (
         select cl.relname as tbl, ct.conname as fkey, ct.conrelid, ct.conkey
         from pg_catalog.pg_constraint ct
         join pg_catalog.pg_class cl on cl.oid = ct.conrelid
         join pg_catalog.pg_namespace n on n.oid = cl.relnamespace
         where ct.contype = 'f' and n.nspname = 'public'
       ), idx as (
         select indrelid, string_to_array(indkey::text, ' ')::smallint[] as cols
         from pg_catalog.pg_index where indisvalid
       )
       select f.tbl, f.fkey from fks f
       where not exists (select 1 from idx i where i.indrelid = f.conrelid
                         and i.cols[1:array_length(f.conkey, 1)] = f.conkey)
       order by 1, 2`,
    );
    expect(rows).toEqual([]);
  });
});

describe('pair_members.full_name', () => {
  it('is set by the server from the participant and follows a rename', async () => {
    await db.asUserRolledBack(actors.curator, async (s) => {
      const id = randomUUID();
      await s.query(
        `insert into public.pair_members (id, school_id, pair_id, participant_id, side)
         values ($1, $2, $3, $4, 'mentee')`,
        [id, SCHOOL_A, PAIRS.p4Draft, PARTICIPANTS.kirill],
      );
      const name = async () =>
        (
          await s.query<{ full_name: string }>(
            `select full_name from public.pair_members where id = $1`,
            [id],
          )
        ).rows[0]!.full_name;
      expect(await name()).toBe('Зайцев Кирилл Олегович');
      await s.query(
        `update public.participants set full_name = 'Зайцев Кирилл Олегович (8В)' where id = $1`,
        [PARTICIPANTS.kirill],
      );
      expect(await name()).toBe('Зайцев Кирилл Олегович (8В)');
    });
  });

  it('cannot be set to anything else, even below the API', async () => {
    await db.asUserRolledBack(service, async (s) => {
      await s.query(
        `update public.pair_members set full_name = 'Кто-то другой' where participant_id = $1`,
        [PARTICIPANTS.larina],
      );
      const r = await s.query(
        `select distinct full_name from public.pair_members where participant_id = $1`,
        [PARTICIPANTS.larina],
      );
      expect(r.rows).toEqual([{ full_name: 'Ларина Анастасия Сергеевна' }]);
    });
  });
});
