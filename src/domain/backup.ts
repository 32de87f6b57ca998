// The device-only backup file: what it holds, how it is checked before anything is written,
// and which row wins when a restored row meets the device's own. Pure: the data layer reads
// and writes the database (data/backup.ts), the UI reads and saves the file.
// The file holds every synced table but the school's own (live rows and tombstones) and, since
// version 2, the school settings a device-only workspace keeps in meta (domain/backupSettings.ts:
// the documents' requisites, the course-validity period). Not in it: the outbox, drafts and the
// rest of meta (this device's id, its reminder snoozes, sync bookkeeping).
// Invariant: `readBackup` accepts a file only when every part of it is understood (format,
// version, checksum, every row's shape), so a restore either writes a whole, intact copy or
// writes nothing at all.
import { readBackupSettings, type BackupSettings } from './backupSettings';
import { legacyAttendanceRows, type LegacyMeeting } from './meetings';
import { REGISTRY_TABLES } from './syncRegistry';
import type { IsoDate, IsoTimestamp } from './types';

export const BACKUP_FORMAT = 'nastavnik-backup';
/**
 * Raised when the file's shape changes; an older app refuses a newer file instead of guessing.
 * 1: the tables. 2: the school settings too (`settings`). Older files are still read.
 */
export const BACKUP_VERSION = 2;

export type { BackupSettings } from './backupSettings';

/**
 * Larger files are not read at all (a video picked by mistake would not fit in memory). A
 * school of 2,000 students with 50,000 meetings makes a file of about 25 MB.
 */
export const BACKUP_MAX_BYTES = 256 * 1024 * 1024;

/** Tables a device-only database has no business holding: their rows mean a school's database. */
const SCHOOL_TABLES = ['schools', 'memberships', 'sync_conflicts'] as const;
type SchoolTable = (typeof SCHOOL_TABLES)[number];

/** Every synced table of the device-only database, parents first. */
export const BACKUP_TABLES = REGISTRY_TABLES.filter(
  (table): table is Exclude<(typeof REGISTRY_TABLES)[number], SchoolTable> =>
    !(SCHOOL_TABLES as readonly string[]).includes(table),
);
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** A row as the file carries it: the synced columns every table shares, and its own. */
export type BackupRow = Record<string, unknown> & {
  id: string;
  school_id: string;
  version: number;
  updated_at: IsoTimestamp;
  deleted_at: IsoTimestamp | null;
};

export interface DeviceBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** Only device-only databases are backed up: a school's data lives on its server. */
  mode: 'device-only';
  created_at: IsoTimestamp;
  app_version: string;
  /** The device's local school; every row carries it. */
  school_id: string;
  /** Live rows and tombstones, so a restore on the same device keeps its deletions. */
  tables: Record<BackupTable, BackupRow[]>;
  /** The school settings the device set (left out when none; version-1 files have none). */
  settings?: BackupSettings;
}

/** Why a file is refused; each has its own message (locales backup.json, `refused.*`). */
export type BackupRefusal =
  | 'damaged' // not JSON: truncated, empty, or not a text file
  | 'foreign' // JSON, but not this app's backup
  | 'newer_version' // this app's backup, from a newer version of the app
  | 'school_database' // a signed-in school's data, not a device's
  | 'checksum' // the content changed after it was saved
  | 'bad_rows'; // a row without id, school or version, one id twice, or a malformed setting

export type BackupReading =
  { ok: true; backup: DeviceBackup } | { ok: false; reason: BackupRefusal };

/**
 * JSON with every object's keys sorted, so the same content always gives the same text
 * (whatever order a file or a database returned its keys in): the checksum is taken over it.
 * Follows JSON.stringify for everything else (toJSON, undefined and functions left out).
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join('');
}

function write(value: unknown, out: string[]): void {
  if (value !== null && typeof value === 'object' && 'toJSON' in value) {
    const json = (value as { toJSON: unknown }).toJSON;
    if (typeof json === 'function') value = json.call(value);
  }
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      const skipped = item === undefined || typeof item === 'function' || typeof item === 'symbol';
      if (skipped) out.push('null');
      else write(item, out);
    });
    out.push(']');
    return;
  }
  out.push('{');
  let first = true;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    write(item, out);
  }
  out.push('}');
}

/** SHA-256 of the text, as `sha256:<hex>` (Web Crypto: browsers over HTTPS, and Node). */
export async function checksumOf(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return `sha256:${hex}`;
}

/**
 * The file's text: the backup as canonical JSON with its checksum as one more key. The
 * checksum covers every other key (header, rows, settings), so any change to the file is seen.
 */
export async function writeBackup(backup: DeviceBackup): Promise<string> {
  const body = canonicalJson(backup);
  const checksum = await checksumOf(body);
  // 'checksum' sorts before every other key: the result is canonical JSON too.
  return `{"checksum":${JSON.stringify(checksum)},${body.slice(1)}`;
}

/** `nastavnik-backup-2026-12-01.json`, by the user's calendar day. */
export function backupFileName(day: IsoDate): string {
  return `nastavnik-backup-${day}.json`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

function isBackupRow(row: unknown, schoolId: string): row is BackupRow {
  return (
    isRecord(row) &&
    typeof row.id === 'string' &&
    row.id.length > 0 &&
    row.school_id === schoolId &&
    typeof row.version === 'number' &&
    Number.isInteger(row.version) &&
    row.version >= 0 &&
    isTimestamp(row.updated_at) &&
    (row.deleted_at === null || row.deleted_at === undefined || isTimestamp(row.deleted_at))
  );
}

/** The tables' rows if every table is known and every row well formed; else the refusal. */
function readTables(
  tables: unknown,
  schoolId: string,
): { ok: true; tables: DeviceBackup['tables'] } | { ok: false; reason: BackupRefusal } {
  if (!isRecord(tables)) return { ok: false, reason: 'bad_rows' };
  for (const name of Object.keys(tables)) {
    if ((SCHOOL_TABLES as readonly string[]).includes(name)) {
      const rows = tables[name];
      if (!Array.isArray(rows) || rows.length > 0) return { ok: false, reason: 'school_database' };
    } else if (!(BACKUP_TABLES as readonly string[]).includes(name)) {
      // A table this app does not know: the file comes from a newer app.
      return { ok: false, reason: 'newer_version' };
    }
  }
  const out = {} as DeviceBackup['tables'];
  for (const name of BACKUP_TABLES) {
    const rows = tables[name] ?? [];
    if (!Array.isArray(rows)) return { ok: false, reason: 'bad_rows' };
    const ids = new Set<string>();
    for (const row of rows) {
      if (!isBackupRow(row, schoolId) || ids.has(row.id)) return { ok: false, reason: 'bad_rows' };
      ids.add(row.id);
    }
    out[name] = rows as BackupRow[];
  }
  moveLegacyAttendance(out);
  return { ok: true, tables: out };
}

/**
 * A file saved before attendance had its own table holds who came inside each meeting
 * (`attendee_ids`): that becomes the meeting's attendance rows, with the ids the device's own
 * upgrade gives them (domain/meetings.ts), so the restore adds each once and the meeting row
 * carries no column the database no longer has.
 */
function moveLegacyAttendance(tables: DeviceBackup['tables']): void {
  const known = new Set(tables.meeting_attendances.map((row) => row.id));
  tables.meetings = tables.meetings.map((row) => {
    if (!('attendee_ids' in row)) return row;
    const { attendee_ids: _moved, ...meeting } = row;
    for (const attendance of legacyAttendanceRows(
      row as unknown as LegacyMeeting,
      row.updated_at,
    )) {
      if (known.has(attendance.id)) continue;
      known.add(attendance.id);
      tables.meeting_attendances.push(attendance as unknown as BackupRow);
    }
    return meeting as BackupRow;
  });
}

/**
 * Reads and checks a whole backup file. Nothing is written before this says ok: a truncated
 * or edited file, another app's JSON, a newer format or a school's database is refused.
 */
export async function readBackup(text: string): Promise<BackupReading> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  if (!isRecord(parsed) || parsed.format !== BACKUP_FORMAT) return { ok: false, reason: 'foreign' };
  const { checksum, ...content } = parsed;
  if (typeof content.version !== 'number' || !Number.isInteger(content.version)) {
    return { ok: false, reason: 'foreign' };
  }
  if (content.version > BACKUP_VERSION) return { ok: false, reason: 'newer_version' };
  if (content.version < 1) return { ok: false, reason: 'foreign' };
  if (content.mode !== 'device-only') return { ok: false, reason: 'school_database' };
  if (typeof checksum !== 'string' || checksum !== (await checksumOf(canonicalJson(content)))) {
    return { ok: false, reason: 'checksum' };
  }
  if (
    typeof content.school_id !== 'string' ||
    !isTimestamp(content.created_at) ||
    typeof content.app_version !== 'string'
  ) {
    return { ok: false, reason: 'foreign' };
  }
  const tables = readTables(content.tables, content.school_id);
  if (!tables.ok) return tables;
  const settings = readBackupSettings(content.settings, content.version);
  if (!settings.ok) return settings;
  const backup: DeviceBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    mode: 'device-only',
    created_at: content.created_at,
    app_version: content.app_version,
    school_id: content.school_id,
    tables: tables.tables,
  };
  if (settings.settings) backup.settings = settings.settings;
  return { ok: true, backup };
}

export interface BackupSummary {
  createdAt: IsoTimestamp;
  people: number;
  pairs: number;
  meetings: number;
  /** Every row in the file, tombstones included. */
  rows: number;
  /** The school settings the copy holds: requisites for the documents, the course period. */
  hasRequisites: boolean;
  trainingValidYears: number | null;
}

const liveCount = (rows: readonly BackupRow[]) => rows.filter((r) => !r.deleted_at).length;

/** What the user is shown before a restore: what the copy holds and when it was made. */
export function backupSummary(backup: DeviceBackup): BackupSummary {
  return {
    createdAt: backup.created_at,
    people: liveCount(backup.tables.participants),
    pairs: liveCount(backup.tables.pairs),
    meetings: liveCount(backup.tables.meetings),
    rows: BACKUP_TABLES.reduce((sum, t) => sum + backup.tables[t].length, 0),
    hasRequisites: backup.settings?.requisites !== undefined,
    trainingValidYears: backup.settings?.training_valid_years ?? null,
  };
}

/**
 * When a row last changed: its edit or its deletion, whichever is later (a delete stamps
 * deleted_at only). Device clocks only: device-only data has no server to order it.
 */
function lastChange(row: { updated_at?: unknown; deleted_at?: unknown }): number {
  const updated = typeof row.updated_at === 'string' ? Date.parse(row.updated_at) : NaN;
  const deleted = typeof row.deleted_at === 'string' ? Date.parse(row.deleted_at) : NaN;
  return Math.max(
    Number.isNaN(updated) ? -Infinity : updated,
    Number.isNaN(deleted) ? -Infinity : deleted,
  );
}

export type MergeAction = 'add' | 'update' | 'keep';

/**
 * A restored row against the device's row of the same id: added when the device has none,
 * written over it only when the file's is strictly newer, else the device's stays. Rows the
 * file lacks are never touched, so a restore loses nothing already on the device.
 */
export function mergeAction(
  existing: { updated_at?: unknown; deleted_at?: unknown } | undefined,
  incoming: BackupRow,
): MergeAction {
  if (!existing) return 'add';
  return lastChange(incoming) > lastChange(existing) ? 'update' : 'keep';
}

export interface RestorePlan {
  add: number;
  update: number;
  keep: number;
}
