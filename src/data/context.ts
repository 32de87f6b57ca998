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

// Which database the app uses lives in appContext.ts (no Dexie there, so the app's first chunk
// can hold a sign-in's place without loading IndexedDB code); re-exported here for callers.
export {
  appDataContext,
  holdAppDataContext,
  onAppDataContextChange,
  setAppDataContext,
} from './appContext';

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
