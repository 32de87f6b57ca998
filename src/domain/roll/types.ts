// The shapes the school roll is read in: a sheet's cells and rows, the fields a column may hold,
// the kinds of people a sheet without a «Вид» column lists, and the length limits of what it
// writes. Shared by every part of domain/roll.
export type RollCell = string | number | boolean | Date | null | undefined;
export type RollRow = readonly RollCell[];

/** What a column of the sheet may hold. */
export const ROLL_FIELDS = [
  'full_name',
  'last_name',
  'first_name',
  'middle_name',
  'kind',
  'class_label',
  'birth_date',
  'birth_year',
  'position',
  'teaching_experience_years',
  'subject',
  'qualification_category',
  'phone',
  'email',
] as const;
export type RollField = (typeof ROLL_FIELDS)[number];
/** One entry per column of the sheet: the field it holds, or null (ignored). */
export type RollMapping = (RollField | null)[];

/** Who the rows are when the sheet has no «Вид»/«Роль» column. */
export const ROLL_DEFAULT_KINDS = ['student', 'staff'] as const;
export type RollDefaultKind = (typeof ROLL_DEFAULT_KINDS)[number];

export const ROLL_LIMITS = {
  full_name: 200,
  text: 500,
  phone: 100,
  email: 200,
  experience: 70,
} as const;
