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

/** The context the app writes to; device-only until a sign-in switches it. */
export function appDataContext(): Promise<DataContext> {
  current ??= openDataContext();
  return current;
}

export function setAppDataContext(context: Promise<DataContext>): void {
  current = context;
}
