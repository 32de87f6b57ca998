// Assertions on database errors that read the same on PGlite and on PostgreSQL.
import { expect } from 'vitest';

export interface SqlErrorShape {
  code?: string;
  message?: string;
}

export async function sqlError(promise: Promise<unknown>): Promise<SqlErrorShape> {
  try {
    await promise;
  } catch (error) {
    const e = error as SqlErrorShape;
    return { code: e.code, message: e.message };
  }
  throw new Error('expected the statement to fail, it succeeded');
}

/** Fails unless the promise rejects with this SQLSTATE (and message, when given). */
export async function expectSqlError(
  promise: Promise<unknown>,
  code: string,
  message?: string | RegExp,
) {
  const e = await sqlError(promise);
  expect(e.code, e.message).toBe(code);
  if (message !== undefined) expect(e.message).toMatch(message);
}
