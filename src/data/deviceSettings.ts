// Owns the meta keys of the school settings a device keeps when it holds no school row: the
// device-only workspace (its local school is never a server row) keeps the documents'
// requisites and how long a course counts here. A signed-in school keeps both on its synced
// `schools` row; these keys are then only a fallback until the row arrives.
/** The requisites typed on this device (device-only mode, and before the row arrived). */
export const deviceRequisitesKey = (schoolId: string) => `documents.requisites.${schoolId}`;

/** How many years a 36-hour course counts, set on this device (device-only mode). */
export const deviceValidYearsKey = (schoolId: string) => `training.validYears.${schoolId}`;

/** Every school setting kept in meta for `schoolId` (the device-only backup carries them). */
export const deviceSettingKeys = (schoolId: string) => ({
  requisites: deviceRequisitesKey(schoolId),
  trainingValidYears: deviceValidYearsKey(schoolId),
});
