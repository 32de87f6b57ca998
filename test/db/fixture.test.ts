// The fixture itself: fresh databases are isolated and asUser behaves like PostgREST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';

describe('createTestDb', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives each test database its own data', async () => {
    const other = await createTestDb();
    try {
      await db.query(
        `insert into public.municipalities (name) values ('Омский муниципальный район')`,
      );
      const mine = await db.query<{ n: number }>(
        'select count(*)::int as n from public.municipalities',
      );
      const theirs = await other.query<{ n: number }>(
        'select count(*)::int as n from public.municipalities',
      );
      expect(mine.rows[0]!.n).toBe(1);
      expect(theirs.rows[0]!.n).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('runs asUser with the role and claims set for the transaction only', async () => {
    const sub = '00000000-0000-4000-8000-0000000000aa';
    const seen = await db.asUser({ sub, role: 'authenticated' }, async (sql) => {
      const r = await sql.query<{ role: string; uid: string }>(
        'select current_user as role, auth.uid()::text as uid',
      );
      return r.rows[0];
    });
    expect(seen).toEqual({ role: 'authenticated', uid: sub });
    const after = await db.query<{ role: string; uid: string | null }>(
      'select current_user as role, auth.uid() as uid',
    );
    expect(after.rows[0]).toEqual({ role: 'postgres', uid: null });
  });

  it('rolls back and rethrows when the function fails', async () => {
    await expect(
      db.asUser({ role: 'service_role' }, async (sql) => {
        await sql.query(`insert into public.municipalities (name) values ('x-rollback')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const r = await db.query<{ n: number }>(
      `select count(*)::int as n from public.municipalities where name = 'x-rollback'`,
    );
    expect(r.rows[0]!.n).toBe(0);
  });

  it('asUserRolledBack returns the result and keeps nothing', async () => {
    const n = await db.asUserRolledBack({ role: 'service_role' }, async (sql) => {
      await sql.query(`insert into public.municipalities (name) values ('x-probe')`);
      return (
        await sql.query<{ n: number }>(
          `select count(*)::int as n from public.municipalities where name = 'x-probe'`,
        )
      ).rows[0]!.n;
    });
    expect(n).toBe(1);
    const r = await db.query<{ n: number }>(
      `select count(*)::int as n from public.municipalities where name = 'x-probe'`,
    );
    expect(r.rows[0]!.n).toBe(0);
  });
});
