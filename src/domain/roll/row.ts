// One data row of the roll into the person it describes, or the first reason to refuse it.
import type { IsoDate, ParticipantKind } from '../types';
import { cellText } from './text';
import {
  ROLL_LIMITS,
  type RollCell,
  type RollDefaultKind,
  type RollField,
  type RollMapping,
  type RollRow,
} from './types';
import {
  isManagerPosition,
  normaliseClassLabel,
  parseKind,
  parseRollDate,
  parseYears,
  type ParsedDate,
} from './values';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The columns of a participant the roll writes. */
export interface RollPerson {
  kind: ParticipantKind;
  full_name: string;
  class_label: string | null;
  birth_date: IsoDate | null;
  birth_year: number | null;
  is_minor: boolean;
  position: string | null;
  teaching_experience_years: number | null;
  subject: string | null;
  qualification_category: string | null;
  is_manager: boolean;
  phone: string | null;
  email: string | null;
}

export const REFUSAL_REASONS = [
  'missingName',
  'nameTooLong',
  'impossibleDate',
  'impossibleYear',
  'yearMismatch',
  'badExperience',
  'badEmail',
  'tooLong',
  'unknownKind',
  'duplicate',
  'ambiguous',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface RefusedRow {
  /** The row's number in the sheet (1-based, as the spreadsheet shows it). */
  rowNumber: number;
  name: string | null;
  reason: RefusalReason;
  params?: Record<string, string | number>;
}

export interface ParsedRow {
  rowNumber: number;
  person: RollPerson;
  /** Which fields the sheet gave a value for (an empty cell never erases what is there). */
  given: ReadonlySet<keyof RollPerson>;
}

const ageOn = (birth: IsoDate, today: IsoDate) => {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return birth.slice(5) > today.slice(5) ? years - 1 : years;
};

/**
 * A student is a minor unless her birth date (or year, when the year alone cannot leave her
 * under 18) says she is 18 today; with no birth data she is taken as a minor (consent by a
 * parent is the safe side).
 */
export function isMinorOn(
  birthDate: IsoDate | null,
  birthYear: number | null,
  today: IsoDate,
): boolean {
  if (birthDate) return ageOn(birthDate, today) < 18;
  if (birthYear !== null) return Number(today.slice(0, 4)) - birthYear - 1 < 18;
  return true;
}

function valueOf(row: RollRow, mapping: RollMapping, field: RollField): RollCell {
  const index = mapping.indexOf(field);
  return index < 0 ? null : row[index];
}

type RowResult = ParsedRow | Omit<RefusedRow, 'rowNumber'>;

/** One data row into a person, or the first reason to refuse it. */
export function parseRollRow(
  row: RollRow,
  mapping: RollMapping,
  defaultKind: RollDefaultKind,
  today: IsoDate,
  rowNumber: number,
): RowResult {
  const text = (field: RollField) => cellText(valueOf(row, mapping, field)) || null;
  const joined = [text('last_name'), text('first_name'), text('middle_name')]
    .filter(Boolean)
    .join(' ');
  const name = (text('full_name') ?? joined).replace(/\s+/g, ' ').trim();
  const refuse = (reason: RefusalReason, params?: RefusedRow['params']) => ({
    name: name || null,
    reason,
    ...(params ? { params } : {}),
  });
  if (!/\p{L}/u.test(name)) return refuse('missingName');
  if (name.length > ROLL_LIMITS.full_name)
    return refuse('nameTooLong', { max: ROLL_LIMITS.full_name });

  const given = new Set<keyof RollPerson>(['full_name', 'kind']);
  const kindCell = parseKind(valueOf(row, mapping, 'kind'));
  if (kindCell === 'unknown') return refuse('unknownKind', { value: text('kind') ?? '' });
  const position = text('position');
  const kind: ParticipantKind =
    kindCell?.kind ?? (defaultKind === 'student' ? 'student' : 'teacher');
  const isManager = kind === 'teacher' && (!!kindCell?.isManager || isManagerPosition(position));

  const date = parseRollDate(valueOf(row, mapping, 'birth_date'));
  const year = parseRollDate(valueOf(row, mapping, 'birth_year'));
  if (date?.kind === 'invalid')
    return refuse('impossibleDate', { value: text('birth_date') ?? '' });
  if (year?.kind === 'invalid')
    return refuse('impossibleYear', { value: text('birth_year') ?? '' });
  let birthDate = date?.kind === 'date' ? date.date : null;
  if (year?.kind === 'date' && !birthDate) birthDate = year.date;
  const yearOf = (p: ParsedDate) =>
    p?.kind === 'year' ? p.year : p?.kind === 'date' ? Number(p.date.slice(0, 4)) : null;
  const birthYear = yearOf(year) ?? yearOf(date);
  const thisYear = Number(today.slice(0, 4));
  if (birthDate && (birthDate < '1900-01-01' || birthDate > today))
    return refuse('impossibleDate', { value: text('birth_date') ?? birthDate });
  if (birthYear !== null && (birthYear < 1900 || birthYear > thisYear))
    return refuse('impossibleYear', { value: String(birthYear) });
  if (birthDate && birthYear !== null && Number(birthDate.slice(0, 4)) !== birthYear)
    return refuse('yearMismatch', { year: birthYear });
  if (birthDate) given.add('birth_date');
  if (birthYear !== null) given.add('birth_year');

  const experience = parseYears(valueOf(row, mapping, 'teaching_experience_years'));
  if (experience === 'invalid')
    return refuse('badExperience', { value: text('teaching_experience_years') ?? '' });
  if (experience !== null) given.add('teaching_experience_years');

  const email = text('email');
  if (email && (!EMAIL.test(email) || email.length > ROLL_LIMITS.email))
    return refuse('badEmail', { value: email });

  const person: RollPerson = {
    kind,
    full_name: name,
    class_label: normaliseClassLabel(valueOf(row, mapping, 'class_label')),
    birth_date: birthDate,
    birth_year: birthYear,
    is_minor: kind === 'student' && isMinorOn(birthDate, birthYear, today),
    position,
    teaching_experience_years: experience,
    subject: text('subject'),
    qualification_category: text('qualification_category'),
    is_manager: isManager,
    phone: text('phone'),
    email,
  };
  const limits: [keyof RollPerson, number][] = [
    ['class_label', ROLL_LIMITS.text],
    ['position', ROLL_LIMITS.text],
    ['subject', ROLL_LIMITS.text],
    ['qualification_category', ROLL_LIMITS.text],
    ['phone', ROLL_LIMITS.phone],
  ];
  for (const [field, max] of limits) {
    const value = person[field];
    if (typeof value === 'string' && value.length > max) return refuse('tooLong', { field, max });
  }
  for (const field of [
    'class_label',
    'position',
    'subject',
    'qualification_category',
    'phone',
    'email',
  ] as const) {
    if (person[field] !== null) given.add(field);
  }
  if (kind === 'student') given.add('is_minor');
  if (kind === 'teacher') given.add('is_manager');
  return { rowNumber, person, given };
}
