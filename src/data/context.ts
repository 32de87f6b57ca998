// Owns which database the app is writing to: the device-only one, or the signed-in user's.
// Write commands take a DataContext, so nothing can write to another user's database.
import { AppDatabase, DEVICE_DATABASE_NAME, userDatabaseName } from './db';
import { newId } from './ids';

export interface DataContext {
  db: AppDatabase;
  /** The school rows are written into; in device-only mode a local placeholder school. */
  schoolId: string;
  deviceId: string;
}

async function metaValue(db: AppDatabase, key: string, create: () => string): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get(key);
    if (typeof existing?.value === 'string') return existing.value;
    const value = create();
    await db.meta.put({ key, value });
    return value;
  });
}

export async function openDataContext(
  name: string = DEVICE_DATABASE_NAME,
  schoolId?: string,
): Promise<DataContext> {
  const db = new AppDatabase(name);
  await db.open();
  const deviceId = await metaValue(db, 'device_id', newId);
  const school = schoolId ?? (await metaValue(db, 'local_school_id', newId));
  return { db, schoolId: school, deviceId };
}

export function openUserDataContext(userId: string, schoolId: string): Promise<DataContext> {
  return openDataContext(userDatabaseName(userId), schoolId);
}

let current: Promise<DataContext> | null = null;
let held: ((context: Promise<DataContext>) => void) | null = null;
const listeners = new Set<() => void>();

/** The context the app writes to; device-only until a sign-in switches it. */
export function appDataContext(): Promise<DataContext> {
  current ??= openDataContext();
  return current;
}

/**
 * Makes everyone who asks for the app's context wait until `setAppDataContext` says which
 * database it is (on start in sync mode, until the saved session is resumed or not), so no
 * screen first shows the device-only database and then jumps to the user's.
 */
export function holdAppDataContext(): void {
  if (current || held) return;
  current = new Promise<DataContext>((resolve) => {
    held = (context) => resolve(context);
  });
}

/**
 * Switches the app to another database. Those waiting on a hold get it; those already
 * reading another database are told (see `onAppDataContextChange`) to read again.
 */
export function setAppDataContext(context: Promise<DataContext>): void {
  current = context;
  const release = held;
  held = null;
  if (release) {
    release(context);
    return;
  }
  for (const listener of listeners) listener();
}

/** Called whenever the app switches database (sign-in, sign-out); returns an unsubscribe. */
export function onAppDataContextChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface StoredMembership {
  school_id: string;
  role: string;
  participant_id: string | null;
}

/**
 * The memberships last pulled into this user's database: who the user is in which school
 * when the app starts with no signal (the server cannot be asked).
 */
export async function storedMemberships(userId: string): Promise<StoredMembership[]> {
  const db = new AppDatabase(userDatabaseName(userId));
  try {
    await db.open();
    const rows = await db.memberships.toArray();
    return rows
      .filter((row) => row.user_id === userId && !row.revoked_at && !row.deleted_at)
      .map((row) => ({
        school_id: String(row.school_id),
        role: String(row.role),
        participant_id: typeof row.participant_id === 'string' ? row.participant_id : null,
      }));
  } finally {
    db.close();
  }
}
