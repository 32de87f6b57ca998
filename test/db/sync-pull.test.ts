// sync_pull through a real supabase-js client: what each role receives, cursors, paging on
// whole versions, new scopes, and commit order vs. version order with two connections.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { createWorld, Device, type PullResponse, type World } from '../factories/sync';

let db: TestDb;
let w: World;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

function ids(page: PullResponse | PullResponse[], table: string): string[] {
  return [page]
    .flat()
    .flatMap((p) => p.changes)
    .filter((c) => c.table === table)
    .map((c) => c.row.id);
}

async function schoolVersion(schoolId: string): Promise<number> {
  const { rows } = await db.query<{ v: string }>(
    `select version::text as v from private.school_sync_versions where school_id = $1`,
    [schoolId],
  );
  return Number(rows[0]?.v ?? 0);
}

async function newProgramme(schoolId: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into public.programmes (id, school_id, academic_year, title) values ($1, $2, '2026/2027', 'Программа')`,
    [id, schoolId],
  );
  return id;
}

describe('sync_pull: what each member receives', () => {
  it('gives a curator the whole school and nothing of another school, then only what changed', async () => {
    w = await createWorld(db);
    const curator = await Device.open(db, w.users.curatorA);
    const [page] = await curator.pullAll();

    expect(page!.has_more).toBe(false);
    expect(page!.resync_required).toBe(false);
    // School rows are school A's; the only rows of no school are the built-in templates
    // (supabase/schemas/820_builtin_questionnaires.sql), which every member receives through
    // the global scope.
    const builtin = (c: PullResponse['changes'][number]) =>
      c.table === 'questionnaire_templates' && c.row.school_id === null;
    expect(
      page!.changes.every(
        (c) => builtin(c) || (c.table === 'schools' ? c.row.id : c.row.school_id) === w.schoolA,
      ),
    ).toBe(true);
    expect(ids(page!, 'meetings').sort()).toEqual([w.meetingP1, w.meetingP2].sort());
    expect(ids(page!, 'participants')).toHaveLength(4);
    expect(ids(page!, 'memberships')).toHaveLength(5);
    expect(ids(page!, 'schools')).toEqual([w.schoolA]);
    // The private note is its author's alone, even for the curator.
    expect(ids(page!, 'meeting_private_notes')).toEqual([]);
    expect(page!.scopes.map((s) => s.key).sort()).toEqual(
      ['global', `member:${w.schoolA}`, `school:${w.schoolA}`].sort(),
    );
    const version = await schoolVersion(w.schoolA);
    expect(page!.cursors[`school:${w.schoolA}`]).toBe(version);
    // Rows arrive in version order.
    const versions = page!.changes
      .filter((c) => c.table !== 'questionnaire_templates')
      .map((c) => c.row.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));

    const quiet = await curator.pullOnce();
    expect(quiet.changes).toEqual([]);
    expect(quiet.cursors).toEqual(page!.cursors);

    const mentor = await Device.open(db, w.users.mentorA);
    await mentor.pullAll();
    const push = await mentor.push([mentor.edit('meetings', w.meetingP1, { topic: 'Новая тема' })]);
    const next = await curator.pullOnce();
    expect(next.changes.map((c) => [c.table, c.row.id, c.row.topic])).toEqual([
      ['meetings', w.meetingP1, 'Новая тема'],
    ]);
    // The push answers no versions: the next pull brings the row and the school's counter.
    expect(push.results.map((r) => r.status)).toEqual(['applied']);
    const after = await schoolVersion(w.schoolA);
    expect(after).toBeGreaterThan(version);
    expect(next.cursors[`school:${w.schoolA}`]).toBe(after);
    expect(next.changes[0]!.row.version).toBe(after);
  });

  it('never gives a mentee the private notes, and never gives a mentor another pair', async () => {
    w = await createWorld(db);
    const mentee = await Device.open(db, w.users.menteeA);
    const mentor = await Device.open(db, w.users.mentorA);
    const menteePages = await mentee.pullAll();
    const mentorPages = await mentor.pullAll();

    expect(ids(menteePages, 'meeting_private_notes')).toEqual([]);
    expect(ids(menteePages, 'meetings')).toEqual([w.meetingP1]);
    expect(ids(menteePages, 'participants').sort()).toEqual(
      [w.participants.menteeA, w.participants.mentorA].sort(),
    );

    expect(ids(mentorPages, 'meeting_private_notes')).toEqual([w.privateNoteP1]);
    expect(ids(mentorPages, 'meetings')).toEqual([w.meetingP1]);
    expect(ids(mentorPages, 'pairs')).toEqual([w.pairs.p1]);
    const all = mentorPages.flatMap((p) => p.changes);
    expect(all.some((c) => c.row.pair_id === w.pairs.p2 || c.row.id === w.pairs.p2)).toBe(false);
    expect(ids(mentorPages, 'participants')).not.toContain(w.participants.mentee2A);
    expect(mentor.scopes.map((s) => s.key).sort()).toEqual(
      [
        'global',
        `member:${w.schoolA}`,
        `pair:${w.pairs.p1}`,
        `participant:${w.participants.mentorA}`,
        `pair_member:${w.pairMembers.p1Mentee}`,
      ].sort(),
    );
  });

  it('delivers a delete to the other devices as a tombstone', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const mentee = await Device.open(db, w.users.menteeA);
    const curator = await Device.open(db, w.users.curatorA);
    for (const d of [mentor, mentee, curator]) await d.pullAll();

    await mentor.push([mentor.delete('meetings', w.meetingP1)]);
    for (const d of [mentee, curator]) {
      const page = await d.pullOnce();
      expect(page.changes.map((c) => [c.table, c.row.id])).toEqual([['meetings', w.meetingP1]]);
      expect(d.row('meetings', w.meetingP1)!.deleted_at).not.toBeNull();
    }
  });

  it('gives a mentor added to a pair that pair’s old rows, and a new co-member’s card to the pair', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    await mentor.pullAll();
    const pmId = randomUUID();
    const pm2 = randomUUID();
    // Pair 2 has ended: with mentorA in both, pair 1 and pair 2 would otherwise be the same
    // people twice (pairs_same_people_twice).
    await db.exec(
      `update public.pairs set status = 'ended_early', end_reason = 'Перевод' where id = '${w.pairs.p2}'`,
    );
    // Curator moves mentorA into pair 2 as a second mentor and mentee2A into pair 1.
    const curator = await Device.open(db, w.users.curatorA);
    const res = await curator.push([
      curator.insert('pair_members', {
        id: pmId,
        school_id: w.schoolA,
        pair_id: w.pairs.p2,
        participant_id: w.participants.mentorA,
        side: 'mentor',
      }),
      curator.insert('pair_members', {
        id: pm2,
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        participant_id: w.participants.mentee2A,
        side: 'mentee',
      }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const pages = await mentor.pullAll();
    // Old rows (versions below the cursors the device already had) still arrive.
    expect(ids(pages, 'meetings')).toEqual([w.meetingP2]);
    expect(ids(pages, 'pairs')).toEqual([w.pairs.p2]);
    expect(ids(pages, 'participants').sort()).toEqual(
      [w.participants.mentor2A, w.participants.mentee2A].sort(),
    );
    expect(mentor.scopes.map((s) => s.key)).toEqual(
      expect.arrayContaining([`pair:${w.pairs.p2}`, `pair_member:${pm2}`]),
    );
    // Every row arrives once even though it is in several of the mentor's scopes.
    const keys = pages.flatMap((p) => p.changes).map((c) => `${c.table}/${c.row.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives a mentee in a group the cards of her mentors only, never of the other mentees', async () => {
    w = await createWorld(db);
    // Pair 1 becomes a group: mentee2A joins menteeA (and stays in pair 2).
    const joined = randomUUID();
    await db.exec(`
      insert into public.pair_members (id, school_id, pair_id, participant_id, side)
      values ('${joined}', '${w.schoolA}', '${w.pairs.p1}', '${w.participants.mentee2A}', 'mentee');
    `);
    const mentee = await Device.open(db, w.users.menteeA);
    const mentor = await Device.open(db, w.users.mentorA);
    const pages = await mentee.pullAll();
    await mentor.pullAll();

    const memberKeys = (d: Device) =>
      d.scopes
        .filter((sc) => sc.kind === 'pair_member')
        .map((sc) => sc.key)
        .sort();
    expect(memberKeys(mentee)).toEqual([`pair_member:${w.pairMembers.p1Mentor}`]);
    expect(memberKeys(mentor)).toEqual(
      [`pair_member:${w.pairMembers.p1Mentee}`, `pair_member:${joined}`].sort(),
    );
    expect(ids(pages, 'participants').sort()).toEqual(
      [w.participants.menteeA, w.participants.mentorA].sort(),
    );
    expect(mentor.row('participants', w.participants.mentee2A)).toBeDefined();
  });
});

describe('sync_pull: paging on whole versions', () => {
  it('never splits one version across pages, even when it is larger than the page', async () => {
    w = await createWorld(db);
    const programme = await newProgramme(w.schoolA);
    await db.query(
      `insert into public.roadmap_tasks (school_id, programme_id, stage, position, title)
       select $1, $2, 1 + g % 7, g, 'Задача ' || g from generate_series(1, 1500) g`,
      [w.schoolA, programme],
    );
    const curator = await Device.open(db, w.users.curatorA);
    const pages = await curator.pullAll(1000);

    expect(pages.map((p) => p.has_more)).toEqual([true, false]);
    expect(ids(pages[1]!, 'roadmap_tasks')).toHaveLength(1500);
    expect(ids(pages[0]!, 'roadmap_tasks')).toHaveLength(0);
    const pageOfVersion = new Map<number, number>();
    pages.forEach((p, i) =>
      p.changes.forEach((c) => {
        expect(pageOfVersion.get(c.row.version) ?? i).toBe(i);
        pageOfVersion.set(c.row.version, i);
      }),
    );
  });

  it('delivers 2,500 rows written in 50 transactions exactly once in pages of at most 1,000', async () => {
    w = await createWorld(db);
    const programme = await newProgramme(w.schoolA);
    for (let t = 0; t < 50; t++) {
      await db.query(
        `insert into public.roadmap_tasks (school_id, programme_id, stage, position, title)
         select $1, $2, 1, g, 'Пакет ' || $3 || ' задача ' || g from generate_series(1, 50) g`,
        [w.schoolA, programme, t],
      );
    }
    const curator = await Device.open(db, w.users.curatorA);
    const cursorKey = `school:${w.schoolA}`;
    const pages = await curator.pullAll(1000);

    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.slice(0, -1).every((p) => p.has_more)).toBe(true);
    expect(pages.at(-1)!.has_more).toBe(false);
    for (const p of pages) expect(p.changes.length).toBeLessThanOrEqual(1000);
    const cursors = pages.map((p) => p.cursors[cursorKey]!);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    // Each page ends exactly at its cursor: the next page starts above it.
    pages.forEach((p) =>
      p.changes.forEach((c) => expect(c.row.version).toBeLessThanOrEqual(p.cursors[cursorKey]!)),
    );
    const tasks = ids(pages, 'roadmap_tasks');
    expect(tasks).toHaveLength(2500);
    expect(new Set(tasks).size).toBe(2500);
    expect(cursors.at(-1)).toBe(await schoolVersion(w.schoolA));
  });
});

describe('sync_pull: paging across versions and schools', () => {
  it('ends every page on a version boundary and crosses from one school to the next without loss', async () => {
    w = await createWorld(db);
    // The curator of A is also curator of B: two counters, one cursor map.
    await db.query(
      `insert into public.memberships (user_id, school_id, role) values ($1, $2, 'curator')`,
      [w.users.curatorA, w.schoolB],
    );
    for (const school of [w.schoolA, w.schoolB]) {
      const programme = await newProgramme(school);
      for (let t = 0; t < 6; t++) {
        await db.query(
          `insert into public.roadmap_tasks (school_id, programme_id, stage, title)
           select $1, $2, 2, 'Задача ' || g from generate_series(1, 30) g`,
          [school, programme],
        );
      }
    }
    const expected = await db.query<{ k: string }>(
      `select 'roadmap_tasks/' || id as k from public.roadmap_tasks where school_id in ($1, $2)
       union all select 'meetings/' || id from public.meetings where school_id in ($1, $2)`,
      [w.schoolA, w.schoolB],
    );
    const curator = await Device.open(db, w.users.curatorA);
    const pages = await curator.pullAll(45);

    const pageOfVersion = new Map<string, number>();
    pages.forEach((p, i) => {
      expect(p.changes.length).toBeLessThanOrEqual(45);
      for (const c of p.changes) {
        const key = `${c.table === 'schools' ? c.row.id : (c.row.school_id ?? 'global')}@${c.row.version}`;
        expect(pageOfVersion.get(key) ?? i).toBe(i);
        pageOfVersion.set(key, i);
      }
    });
    const got = pages.flatMap((p) => p.changes).map((c) => `${c.table}/${c.row.id}`);
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((k) => /^(roadmap_tasks|meetings)\//.test(k)).sort()).toEqual(
      expected.rows.map((r) => r.k).sort(),
    );
    expect(curator.cursors[`school:${w.schoolA}`]).toBe(await schoolVersion(w.schoolA));
    expect(curator.cursors[`school:${w.schoolB}`]).toBe(await schoolVersion(w.schoolB));
  });
});

describe('sync_pull: commit order equals version order', () => {
  it('a later writer in the same school waits for an open lower version, so no pull skips it', async () => {
    w = await createWorld(db);
    const curator = await Device.open(db, w.users.curatorA);
    await curator.pullAll();
    const start = curator.cursors[`school:${w.schoolA}`]!;
    const writeA = `update public.meetings set topic = 'A' where id = '${w.meetingP1}'`;
    const writeB = `update public.meetings set topic = 'B' where id = '${w.meetingP2}'`;

    if (db.kind === 'postgres') {
      const a = await db.connect();
      const b = await db.connect();
      try {
        await a.exec('begin');
        await a.exec(writeA); // takes version start+1 and holds the counter row
        await b.exec('begin');
        const bPid = (await b.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!
          .pid;
        let bDone = false;
        const bWrite = b.exec(writeB).then(() => (bDone = true));

        // B is blocked on the counter lock, not merely slow.
        let waiting = false;
        for (let i = 0; i < 50 && !waiting; i++) {
          const { rows } = await db.query<{ w: string | null }>(
            'select wait_event_type as w from pg_stat_activity where pid = $1',
            [bPid],
          );
          waiting = rows[0]?.w === 'Lock';
          if (!waiting) await new Promise((r) => setTimeout(r, 20));
        }
        expect(waiting).toBe(true);
        expect(bDone).toBe(false);

        // A pull while A is open sees neither write and does not move past A's version.
        const during = await curator.pullOnce();
        expect(during.changes).toEqual([]);
        expect(during.cursors[`school:${w.schoolA}`]).toBe(start);

        await a.exec('commit');
        await bWrite;
        const mid = await curator.pullOnce();
        expect(mid.changes.map((c) => [c.row.id, c.row.version])).toEqual([
          [w.meetingP1, start + 1],
        ]);
        await b.exec('commit');
      } finally {
        await a.release();
        await b.release();
      }
    } else {
      // PGlite is a single session: the same story, one transaction after the other.
      await db.exec(`begin; ${writeA}; commit;`);
      const mid = await curator.pullOnce();
      expect(mid.changes.map((c) => [c.row.id, c.row.version])).toEqual([[w.meetingP1, start + 1]]);
      await db.exec(`begin; ${writeB}; commit;`);
    }

    const after = await curator.pullOnce();
    expect(after.changes.map((c) => [c.row.id, c.row.version])).toEqual([[w.meetingP2, start + 2]]);
    expect(curator.row('meetings', w.meetingP1)!.topic).toBe('A');
    expect(curator.row('meetings', w.meetingP2)!.topic).toBe('B');
  });
});

describe('sync_pull: a pair moved to another mentor', () => {
  it('drops the pair from the old mentor’s scopes and gives it whole to the new one', async () => {
    w = await createWorld(db);
    const oldMentor = await Device.open(db, w.users.mentorA);
    const newMentor = await Device.open(db, w.users.mentor2A);
    await oldMentor.pullAll();
    await newMentor.pullAll();
    const curator = await Device.open(db, w.users.curatorA);
    await curator.pullAll();
    const res = await curator.push([
      curator.delete('pair_members', w.pairMembers.p1Mentor),
      curator.insert('pair_members', {
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        participant_id: w.participants.mentor2A,
        side: 'mentor',
      }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const old = await oldMentor.pullAll();
    expect(oldMentor.scopes.map((s) => s.key)).not.toContain(`pair:${w.pairs.p1}`);
    expect(old.flatMap((p) => p.changes).filter((c) => c.row.pair_id === w.pairs.p1)).toEqual([]);

    const fresh = await newMentor.pullAll();
    expect(newMentor.scopes.map((s) => s.key)).toContain(`pair:${w.pairs.p1}`);
    expect(ids(fresh, 'meetings')).toEqual([w.meetingP1]);
    expect(ids(fresh, 'participants')).toContain(w.participants.menteeA);
    // The old mentor's private note stays the old mentor's.
    expect(ids(fresh, 'meeting_private_notes')).toEqual([]);
  });
});
