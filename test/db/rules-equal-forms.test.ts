// One rule, two implementations: the role model of each form and the window of sane dates.
// The server keeps them in SQL (private.form_role_kinds with the trigger
// pair_members_form_kind; private.date_sanity with pairs_date_out_of_range and
// meetings_date_out_of_range), the device in src/domain/formRules.ts (FORM_ROLE_KINDS,
// fitsForm, dateSanity). This test runs both over the same cases and compares: the table,
// the function, and what the triggers accept from a curator.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@/domain/dates';
import {
  EARLIEST_PROGRAMME_DATE,
  FORM_ROLE_KINDS,
  MAX_DAYS_AHEAD,
  dateSanity,
  fitsForm,
} from '@/domain/formRules';
import type { MentoringForm, ParticipantKind } from '@/domain/types';
import { createTestDb, type Sql, type TestDb } from '../support/db';
import { actors } from '../factories/actors';
import { SCHOOL_A } from '../factories/seed-ids';

let db: TestDb;
let today: string;
beforeAll(async () => {
  db = await createTestDb({ seed: true });
  today = (await db.query<{ d: string }>(`select current_date::text as d`)).rows[0]!.d;
});
afterAll(async () => {
  await db?.close();
});

const FORMS = Object.keys(FORM_ROLE_KINDS) as MentoringForm[];
const SIDES = ['mentor', 'mentee'] as const;

/**
 * Runs a statement under a savepoint and undoes it: 'ok', or the SQLSTATE and message of the
 * refusal.
 */
async function outcome(s: Sql, sql: string, params: unknown[]): Promise<string> {
  await s.query('savepoint probe');
  let result = 'ok';
  try {
    await s.query(sql, params);
  } catch (error) {
    result = `${(error as { code?: string }).code} ${(error as Error).message}`;
  }
  await s.query('rollback to savepoint probe');
  return result;
}

describe('the role model of each form: private.form_role_kinds = FORM_ROLE_KINDS', () => {
  it('holds the same forms, sides and kinds', async () => {
    const { rows } = await db.query<{ form: string; side: string; kind: string }>(
      'select form, side, kind from private.form_role_kinds',
    );
    const server = rows.map((r) => `${r.form} ${r.side} ${r.kind}`).sort();
    const client = FORMS.flatMap((form) =>
      SIDES.flatMap((side) => FORM_ROLE_KINDS[form][side].map((kind) => `${form} ${side} ${kind}`)),
    ).sort();
    expect(server).toEqual(client);
    // Every form the database accepts has its role model.
    const { rows: check } = await db.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'pairs_form_valid'`,
    );
    for (const form of FORMS) expect(check[0]!.def).toContain(`'${form}'`);
    expect(check[0]!.def.match(/'[a-z_]+'/g)!.length).toBe(FORMS.length);
  });

  it('the trigger accepts a member exactly when fitsForm does, for every form, side and kind', async () => {
    const { rows } = await db.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'participants_kind_valid'`,
    );
    const kinds = rows[0]!.def
      .match(/'([a-z_]+)'/g)!
      .map((k) => k.slice(1, -1)) as ParticipantKind[];
    expect(kinds.length).toBe(6);

    const results = await db.asUserRolledBack(actors.curator, async (s) => {
      const people = new Map<ParticipantKind, string>();
      for (const kind of kinds) {
        const id = randomUUID();
        await s.query(
          `insert into public.participants (id, school_id, kind, full_name, is_mentor, is_mentee)
           values ($1, $2, $3, $4, true, true)`,
          [id, SCHOOL_A, kind, `Участник ${kind}`],
        );
        people.set(kind, id);
      }
      const out: { form: string; side: string; kind: string; server: boolean; client: boolean }[] =
        [];
      for (const form of FORMS) {
        const pair = randomUUID();
        await s.query(`insert into public.pairs (id, school_id, form) values ($1, $2, $3)`, [
          pair,
          SCHOOL_A,
          form,
        ]);
        for (const side of SIDES) {
          for (const kind of kinds) {
            const result = await outcome(
              s,
              `insert into public.pair_members (school_id, pair_id, participant_id, side) values ($1, $2, $3, $4)`,
              [SCHOOL_A, pair, people.get(kind), side],
            );
            if (result !== 'ok') expect(result).toBe('23514 pair_members_form_kind');
            out.push({
              form,
              side,
              kind,
              server: result === 'ok',
              client: fitsForm(form, side, kind),
            });
          }
        }
      }
      return out;
    });
    expect(results.length).toBe(FORMS.length * 2 * 6);
    expect(results.filter((r) => r.server !== r.client)).toEqual([]);
    // Both answers occur: the comparison means something.
    expect(new Set(results.map((r) => r.server))).toEqual(new Set([true, false]));
  });
});

describe('sane dates: private.date_sanity = dateSanity', () => {
  const programmeStarts = [null, '2019-06-01', '2026-09-01'];
  const dates = () => [
    '2019-12-31',
    EARLIEST_PROGRAMME_DATE,
    '2026-08-31',
    '2026-09-01',
    addDays(today, -1),
    today,
    addDays(today, MAX_DAYS_AHEAD),
    addDays(today, MAX_DAYS_AHEAD + 1),
    '2062-05-31',
  ];

  it('gives the same answer for every date and programme start', async () => {
    const cases = programmeStarts.flatMap((starts) => dates().map((date) => ({ starts, date })));
    const { rows } = await db.query<{ date: string; starts: string | null; sanity: string }>(
      `select c ->> 'date' as date, c ->> 'starts' as starts,
              private.date_sanity((c ->> 'date')::date, current_date, (c ->> 'starts')::date) as sanity
       from jsonb_array_elements($1::jsonb) c`,
      [JSON.stringify(cases)],
    );
    const server = rows.map((r) => `${r.starts} ${r.date} ${r.sanity}`);
    const client = cases.map((c) => `${c.starts} ${c.date} ${dateSanity(c.date, today, c.starts)}`);
    expect(server).toEqual(client);
    expect(new Set(rows.map((r) => r.sanity))).toEqual(new Set(['ok', 'tooEarly', 'tooFarAhead']));
  });

  it('the pair and meeting triggers accept a date exactly when dateSanity says ok', async () => {
    const results = await db.asUserRolledBack(actors.curator, async (s) => {
      const out: {
        what: string;
        starts: string | null;
        date: string;
        server: boolean;
        client: boolean;
      }[] = [];
      for (const starts of programmeStarts) {
        let programme: string | null = null;
        if (starts) {
          programme = randomUUID();
          await s.query(
            `insert into public.programmes (id, school_id, academic_year, title, starts_on) values ($1, $2, '2019/2020', 'Программа', $3)`,
            [programme, SCHOOL_A, starts],
          );
        }
        const pair = randomUUID();
        await s.query(
          `insert into public.pairs (id, school_id, programme_id, form) values ($1, $2, $3, 'uchitel_uchitel')`,
          [pair, SCHOOL_A, programme],
        );
        for (const date of dates()) {
          const client = dateSanity(date, today, starts) === 'ok';
          for (const column of ['started_on', 'ended_on', 'order_date']) {
            const result = await outcome(
              s,
              `insert into public.pairs (school_id, programme_id, form, ${column}) values ($1, $2, 'uchitel_uchitel', $3)`,
              [SCHOOL_A, programme, date],
            );
            if (result !== 'ok') expect(result).toBe('23514 pairs_date_out_of_range');
            out.push({ what: `pairs.${column}`, starts, date, server: result === 'ok', client });
          }
          // A staff member enters the meeting from the paper log.
          const meeting = await outcome(
            s,
            `insert into public.meetings (school_id, pair_id, type, held_on, duration_min) values ($1, $2, 'regular', $3, 45)`,
            [SCHOOL_A, pair, date],
          );
          if (meeting !== 'ok') expect(meeting).toBe('23514 meetings_date_out_of_range');
          out.push({ what: 'meetings.held_on', starts, date, server: meeting === 'ok', client });
        }
      }
      return out;
    });
    expect(results.filter((r) => r.server !== r.client)).toEqual([]);
    expect(new Set(results.map((r) => r.server))).toEqual(new Set([true, false]));
  });
});
