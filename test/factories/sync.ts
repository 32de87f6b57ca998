// Factories for the sync RPC tests: a small world of two schools built as the superuser
// (independent of supabase/seed.sql), mutation builders in the wire shape of sync_push,
// and device helpers that push and pull through a real supabase-js client.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql, TestDb } from '../support/db';
import {
  createTestSupabaseClient,
  type TestClientOptions,
  type TestJwtClaims,
} from '../support/postgrest';

export interface World {
  schoolA: string;
  schoolB: string;
  users: {
    curatorA: string;
    mentorA: string;
    menteeA: string;
    mentor2A: string;
    mentee2A: string;
    curatorB: string;
  };
  participants: {
    mentorA: string;
    menteeA: string;
    mentor2A: string;
    mentee2A: string;
    studentB: string;
  };
  pairs: { p1: string; p2: string };
  pairMembers: { p1Mentor: string; p1Mentee: string; p2Mentor: string; p2Mentee: string };
  meetingP1: string;
  privateNoteP1: string;
  meetingP2: string;
  meetingB: string;
}

export function claimsOf(sub: string): TestJwtClaims {
  return { sub, role: 'authenticated' };
}

/** Two schools: A with a curator and two pairs (mentorA–menteeA, mentor2A–mentee2A), B with a curator. */
export async function createWorld(db: Sql): Promise<World> {
  const id = () => randomUUID();
  const w: World = {
    schoolA: id(),
    schoolB: id(),
    users: {
      curatorA: id(),
      mentorA: id(),
      menteeA: id(),
      mentor2A: id(),
      mentee2A: id(),
      curatorB: id(),
    },
    participants: { mentorA: id(), menteeA: id(), mentor2A: id(), mentee2A: id(), studentB: id() },
    pairs: { p1: id(), p2: id() },
    pairMembers: { p1Mentor: id(), p1Mentee: id(), p2Mentor: id(), p2Mentee: id() },
    meetingP1: id(),
    privateNoteP1: id(),
    meetingP2: id(),
    meetingB: id(),
  };
  const municipality = id();
  const u = w.users;
  const p = w.participants;
  const userRows = Object.values(u).map(
    (uid) => `('${uid}', 'authenticated', 'authenticated', false)`,
  );
  await db.exec(`
    insert into auth.users (id, aud, role, is_anonymous) values ${userRows.join(', ')};
    insert into public.municipalities (id, name) values ('${municipality}', 'Омский муниципальный район');
    insert into public.schools (id, municipality_id, name) values
      ('${w.schoolA}', '${municipality}', 'Лузинская СОШ №1'),
      ('${w.schoolB}', '${municipality}', 'Ачаирская СОШ');
    insert into public.participants (id, school_id, kind, full_name, is_mentor, is_mentee, user_id) values
      ('${p.mentorA}', '${w.schoolA}', 'teacher', 'Кравцова Татьяна Николаевна', true, false, '${u.mentorA}'),
      ('${p.menteeA}', '${w.schoolA}', 'teacher', 'Ларина Анастасия Сергеевна', false, true, '${u.menteeA}'),
      ('${p.mentor2A}', '${w.schoolA}', 'teacher', 'Белоусов Андрей Викторович', true, false, '${u.mentor2A}'),
      ('${p.mentee2A}', '${w.schoolA}', 'teacher', 'Сидоренко Максим Олегович', false, true, '${u.mentee2A}'),
      ('${p.studentB}', '${w.schoolB}', 'student', 'Тимофеева Алиса', false, true, null);
    insert into public.memberships (user_id, school_id, role, participant_id) values
      ('${u.curatorA}', '${w.schoolA}', 'curator', null),
      ('${u.mentorA}', '${w.schoolA}', 'mentor', '${p.mentorA}'),
      ('${u.menteeA}', '${w.schoolA}', 'mentee', '${p.menteeA}'),
      ('${u.mentor2A}', '${w.schoolA}', 'mentor', '${p.mentor2A}'),
      ('${u.mentee2A}', '${w.schoolA}', 'mentee', '${p.mentee2A}'),
      ('${u.curatorB}', '${w.schoolB}', 'curator', null);
    insert into public.pairs (id, school_id, form, status) values
      ('${w.pairs.p1}', '${w.schoolA}', 'uchitel_uchitel', 'draft'),
      ('${w.pairs.p2}', '${w.schoolA}', 'uchitel_uchitel', 'draft');
    insert into public.pair_members (id, school_id, pair_id, participant_id, side) values
      ('${w.pairMembers.p1Mentor}', '${w.schoolA}', '${w.pairs.p1}', '${p.mentorA}', 'mentor'),
      ('${w.pairMembers.p1Mentee}', '${w.schoolA}', '${w.pairs.p1}', '${p.menteeA}', 'mentee'),
      ('${w.pairMembers.p2Mentor}', '${w.schoolA}', '${w.pairs.p2}', '${p.mentor2A}', 'mentor'),
      ('${w.pairMembers.p2Mentee}', '${w.schoolA}', '${w.pairs.p2}', '${p.mentee2A}', 'mentee');
    insert into public.meetings (id, school_id, pair_id, type, held_on, duration_min, topic) values
      ('${w.meetingP1}', '${w.schoolA}', '${w.pairs.p1}', 'organisational', '2026-09-10', 45, 'Знакомство'),
      ('${w.meetingP2}', '${w.schoolA}', '${w.pairs.p2}', 'organisational', '2026-09-11', 40, 'Знакомство');
    insert into public.meeting_private_notes (id, school_id, pair_id, meeting_id, body, created_by) values
      ('${w.privateNoteP1}', '${w.schoolA}', '${w.pairs.p1}', '${w.meetingP1}', 'Заметка только для наставника', '${u.mentorA}');
  `);
  // School B needs a pair for its meeting: a one-member draft pair of its student.
  const pairB = id();
  await db.exec(`
    insert into public.pairs (id, school_id, form, status) values ('${pairB}', '${w.schoolB}', 'uchenik_uchenik', 'draft');
    insert into public.meetings (id, school_id, pair_id, type, held_on, duration_min, topic) values
      ('${w.meetingB}', '${w.schoolB}', '${pairB}', 'organisational', '2026-09-12', 30, 'Чужая школа');
  `);
  return w;
}

// ---------------------------------------------------------------- mutations (wire shape)
export type Op = 'insert' | 'patch' | 'delete';
export interface Mutation {
  mutation_id: string;
  seq: number;
  table: string;
  row_id: string;
  op: Op;
  fields?: Record<string, unknown>;
  base?: Record<string, unknown>;
}

export interface MutationResult {
  mutation_id: string;
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  original_status?: 'applied' | 'conflict' | 'rejected';
  code?: string;
  constraint?: string;
  message?: string;
  applied?: string[];
}

/** sync_push's whole answer (src/domain/syncProtocol.ts): nothing but the results. */
export interface PushResponse {
  results: MutationResult[];
}

/** The only keys a push result may carry (the device reads each of them). */
export const RESULT_KEYS = [
  'mutation_id',
  'status',
  'original_status',
  'code',
  'constraint',
  'message',
  'applied',
] as const;

/**
 * The keys of a push answer that are not part of the wire contract: `results` is the only
 * top-level key, and a result carries only RESULT_KEYS. [] when the answer is exactly the
 * contract (e.g. `expect(unknownKeys(res)).toEqual([])`).
 */
export function unknownKeys(res: PushResponse): string[] {
  const allowed: readonly string[] = RESULT_KEYS;
  const top = Object.keys(res).filter((k) => k !== 'results');
  const inner = res.results.flatMap((r, i) =>
    Object.keys(r)
      .filter((k) => !allowed.includes(k))
      .map((k) => `results[${i}].${k}`),
  );
  return [...top, ...inner];
}

export interface Scope {
  key: string;
  kind: 'school' | 'member' | 'global' | 'pair' | 'participant' | 'pair_member';
  school_id: string;
  id: string | null;
}

export interface PullResponse {
  changes: { table: string; row: Record<string, unknown> & { id: string; version: number } }[];
  cursors: Record<string, number>;
  has_more: boolean;
  scopes: Scope[];
  resync_required: boolean;
  resync_schools?: string[];
}

/** A device: its own id, a per-device sequence, a supabase-js client, cursors and a row store. */
export class Device {
  readonly id = randomUUID();
  private seq = 0;
  cursors: Record<string, number> = {};
  /** table -> id -> row, as the device would hold them after applying pulls. */
  rows = new Map<string, Map<string, Record<string, unknown>>>();
  scopes: Scope[] = [];

  constructor(readonly client: SupabaseClient) {}

  static async open(db: TestDb, userId: string, opts: TestClientOptions = {}): Promise<Device> {
    return new Device(await createTestSupabaseClient(db, claimsOf(userId), opts));
  }

  insert(table: string, row: Record<string, unknown> & { id?: string }): Mutation {
    const { id = randomUUID(), ...fields } = row;
    return { mutation_id: randomUUID(), seq: ++this.seq, table, row_id: id, op: 'insert', fields };
  }

  patch(
    table: string,
    rowId: string,
    fields: Record<string, unknown>,
    base: Record<string, unknown>,
  ): Mutation {
    return {
      mutation_id: randomUUID(),
      seq: ++this.seq,
      table,
      row_id: rowId,
      op: 'patch',
      fields,
      base,
    };
  }

  /** A patch whose base is what this device last pulled for that row. */
  edit(table: string, rowId: string, fields: Record<string, unknown>): Mutation {
    const current = this.row(table, rowId);
    if (!current) throw new Error(`device has no ${table} ${rowId}`);
    const base = Object.fromEntries(Object.keys(fields).map((k) => [k, current[k] ?? null]));
    return this.patch(table, rowId, fields, base);
  }

  delete(table: string, rowId: string): Mutation {
    return { mutation_id: randomUUID(), seq: ++this.seq, table, row_id: rowId, op: 'delete' };
  }

  async push(mutations: Mutation[]): Promise<PushResponse> {
    const { data, error } = await this.client.rpc('sync_push', {
      p_device_id: this.id,
      p_mutations: mutations,
    });
    if (error) throw Object.assign(new Error(error.message), error);
    return data as PushResponse;
  }

  async pullOnce(limit?: number): Promise<PullResponse> {
    const args: Record<string, unknown> = { p_cursors: this.cursors };
    if (limit !== undefined) args.p_limit = limit;
    const { data, error } = await this.client.rpc('sync_pull', args);
    if (error) throw Object.assign(new Error(error.message), error);
    const page = data as PullResponse;
    if (page.resync_required) {
      for (const school of page.resync_schools ?? []) this.purgeSchool(school);
    } else {
      for (const change of page.changes) this.table(change.table).set(change.row.id, change.row);
    }
    this.cursors = page.cursors;
    this.scopes = page.scopes;
    return page;
  }

  /** Pulls until has_more is false; returns every page. */
  async pullAll(limit?: number): Promise<PullResponse[]> {
    const pages: PullResponse[] = [];
    for (let i = 0; i < 1000; i++) {
      const page = await this.pullOnce(limit);
      pages.push(page);
      if (!page.has_more) return pages;
    }
    throw new Error('pullAll did not finish');
  }

  table(name: string): Map<string, Record<string, unknown>> {
    let t = this.rows.get(name);
    if (!t) this.rows.set(name, (t = new Map()));
    return t;
  }

  row(table: string, id: string): Record<string, unknown> | undefined {
    return this.rows.get(table)?.get(id);
  }

  purgeSchool(schoolId: string): void {
    for (const t of this.rows.values()) {
      for (const [id, row] of t)
        if (row.school_id === schoolId || (t === this.rows.get('schools') && id === schoolId))
          t.delete(id);
    }
  }
}

/** The server's row as the superuser sees it. */
export async function serverRow(
  db: Sql,
  table: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query<{ row: Record<string, unknown> }>(
    `select to_jsonb(t) as row from public.${table} t where t.id = $1`,
    [id],
  );
  return rows[0]?.row;
}

export async function countRows(
  db: Sql,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from public.${table} where ${where}`,
    params,
  );
  return rows[0]!.n;
}
