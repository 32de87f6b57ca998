// The school settings the device-only backup carries (file version 2 and later): the documents'
// requisites and how many years a 36-hour course counts. A device-only workspace has no school
// row, so it keeps both in its meta table (data/deviceSettings.ts); without them in the file a
// restore on a new phone would lose what the documents print and the course-validity period.
// Pure: which of the device's values are worth saving, and how a file's settings are checked.
// Invariant: what `deviceSettingsOf` gives is always accepted by `readBackupSettings`, so a copy
// the app writes can always be read back.
import { REQUISITE_LIMITS, validateRequisites, type SchoolRequisites } from './documents/common';
import { isValidYears } from './training';

/** The settings part of a backup file; a setting the device never set is left out. */
export interface BackupSettings {
  /** The requisites typed on the device (trimmed text, or null for a blank). */
  requisites?: SchoolRequisites;
  /** How many years a 36-hour course counts: a whole number 1..10. */
  training_valid_years?: number;
}

/** The first file version that may hold settings. */
export const SETTINGS_SINCE_VERSION = 2;

const SETTING_KEYS: readonly string[] = ['requisites', 'training_valid_years'];
const REQUISITE_KEYS = Object.keys(REQUISITE_LIMITS) as (keyof SchoolRequisites)[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The requisites worth saving from a stored meta value: each field trimmed (blank → null; a
 * text over its limit, which the app's own form never saves, → null); undefined when no field
 * is filled, so blank requisites are no setting at all.
 */
function requisitesOf(value: unknown): SchoolRequisites | undefined {
  if (!isRecord(value)) return undefined;
  const out = {} as SchoolRequisites;
  for (const key of REQUISITE_KEYS) {
    const field = value[key];
    const text = typeof field === 'string' ? field.trim() : '';
    out[key] = text && text.length <= REQUISITE_LIMITS[key] ? text : null;
  }
  return REQUISITE_KEYS.some((key) => out[key] !== null) ? out : undefined;
}

/**
 * The settings a device holds, from its two meta values (whatever they are): what is set and
 * valid; undefined when nothing is. Also tells a restore whether the device already has its
 * own value (then the file's is not written).
 */
export function deviceSettingsOf(stored: {
  requisites: unknown;
  trainingValidYears: unknown;
}): BackupSettings | undefined {
  const settings: BackupSettings = {};
  const requisites = requisitesOf(stored.requisites);
  if (requisites) settings.requisites = requisites;
  if (isValidYears(stored.trainingValidYears)) {
    settings.training_valid_years = stored.trainingValidYears;
  }
  return Object.keys(settings).length > 0 ? settings : undefined;
}

export type BackupSettingsReading =
  | { ok: true; settings: BackupSettings | undefined }
  | { ok: false; reason: 'newer_version' | 'bad_rows' };

const BAD = { ok: false, reason: 'bad_rows' } as const;
const NEWER = { ok: false, reason: 'newer_version' } as const;

/**
 * A file's `settings`, checked strictly: a key this app does not know (in settings or in the
 * requisites) means a newer app's file; a wrong type, a period outside 1..10 or a requisite
 * over its limit means a damaged one, as does any settings in a version-1 file (that version
 * never had them). No settings at all is fine: the restore then leaves the device's as they are.
 */
export function readBackupSettings(value: unknown, fileVersion: number): BackupSettingsReading {
  if (value === undefined) return { ok: true, settings: undefined };
  if (fileVersion < SETTINGS_SINCE_VERSION || !isRecord(value)) return BAD;
  if (Object.keys(value).some((key) => !SETTING_KEYS.includes(key))) return NEWER;
  const settings: BackupSettings = {};
  if (value.requisites !== undefined) {
    const requisites = value.requisites;
    if (!isRecord(requisites)) return BAD;
    if (Object.keys(requisites).some((key) => !(REQUISITE_KEYS as string[]).includes(key))) {
      return NEWER;
    }
    const out = {} as SchoolRequisites;
    for (const key of REQUISITE_KEYS) {
      const field = requisites[key] ?? null;
      if (field !== null && typeof field !== 'string') return BAD;
      out[key] = field;
    }
    if (validateRequisites(out).length > 0) return BAD;
    settings.requisites = out;
  }
  if (value.training_valid_years !== undefined) {
    if (!isValidYears(value.training_valid_years)) return BAD;
    settings.training_valid_years = value.training_valid_years;
  }
  return { ok: true, settings };
}
