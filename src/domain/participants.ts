// Rules for the two bases (база наставников / база наставляемых) and for consents; the
// database enforces the same (participants_*, consents_* constraints).
import { localIsoDate } from './dates';
import { lengthErrors, MAX_NOTES_LENGTH } from './limits';
import { cleanText, isIsoDate, type FieldError } from './validation';
import { PARTICIPANT_KINDS, type IsoDate, type ParticipantKind } from './types';

export interface ParticipantInput {
  kind: ParticipantKind;
  full_name: string;
  class_label?: string | null;
  is_minor: boolean;
  subject?: string | null;
  phone?: string | null;
  email?: string | null;
  /**
   * The staff's request/assessment about the person, kept in participant_sensitive (mentees
   * never read it). Absent: not edited here (only staff may).
   */
  request?: string | null;
  is_mentor: boolean;
  is_mentee: boolean;
  /**
   * The staff record (кадровые сведения), written by staff only: absent (undefined) when the
   * form did not offer it, so the row keeps what it had.
   */
  staff?: StaffRecordInput;
}

/** Position, experience, subject's category, manager, birth date: what the KPI rows count. */
export interface StaffRecordInput {
  position: string | null;
  /** Whole years of teaching (0..70); NaN when what was typed is not a whole number. */
  teaching_experience_years: number | null;
  qualification_category: string | null;
  is_manager: boolean;
  birth_date: IsoDate | null;
}

/** Suggestions for the qualification category (free text: regions word it their own way). */
export const QUALIFICATION_CATEGORIES = [
  'без категории',
  'первая',
  'высшая',
  'педагог-методист',
  'педагог-наставник',
] as const;
export const STAFF_LIMITS = { position: 500, qualification_category: 500 } as const;
export const MAX_TEACHING_EXPERIENCE = 70;
export const EARLIEST_BIRTH_DATE: IsoDate = '1900-01-01';

/** participants_* constraints of the staff record (position and category lengths, ranges). */
export function validateStaffRecord(input: StaffRecordInput, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['position', 'qualification_category'] as const) {
    errors.push(...lengthErrors(field, cleanText(input[field]), STAFF_LIMITS[field]));
  }
  const years = input.teaching_experience_years;
  if (
    years !== null &&
    (!Number.isInteger(years) || years < 0 || years > MAX_TEACHING_EXPERIENCE)
  ) {
    errors.push({
      field: 'teaching_experience_years',
      key: 'experienceRange',
      params: { max: MAX_TEACHING_EXPERIENCE },
    });
  }
  const birth = cleanText(input.birth_date);
  if (birth) {
    if (!isIsoDate(birth)) errors.push({ field: 'birth_date', key: 'date' });
    else if (birth < EARLIEST_BIRTH_DATE)
      errors.push({ field: 'birth_date', key: 'birthDateTooEarly' });
    else if (birth > today) errors.push({ field: 'birth_date', key: 'dateInFuture' });
  }
  return errors;
}

/**
 * The staff record's columns; a birth date sets birth_year to its year
 * (participants_birth_date_year). Clearing the date leaves the year the roll gave.
 */
export function staffFields(input: StaffRecordInput) {
  const birth = cleanText(input.birth_date);
  return {
    position: cleanText(input.position),
    teaching_experience_years: input.teaching_experience_years,
    qualification_category: cleanText(input.qualification_category),
    is_manager: input.is_manager,
    birth_date: birth,
    ...(birth ? { birth_year: Number(birth.slice(0, 4)) } : {}),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateParticipant(
  input: ParticipantInput,
  today: IsoDate = localIsoDate(new Date()),
): FieldError[] {
  const errors: FieldError[] = [];
  if (!cleanText(input.full_name)) errors.push({ field: 'full_name', key: 'required' });
  else if (input.full_name.trim().length > 200)
    errors.push({ field: 'full_name', key: 'tooLong', params: { max: 200 } });
  if (!PARTICIPANT_KINDS.includes(input.kind)) errors.push({ field: 'kind', key: 'required' });
  if (input.is_minor && !['student', 'other'].includes(input.kind)) {
    errors.push({ field: 'is_minor', key: 'minorMustBeStudent' });
  }
  const email = cleanText(input.email);
  if (email && !EMAIL.test(email)) errors.push({ field: 'email', key: 'email' });
  if (!input.is_mentor && !input.is_mentee) errors.push({ field: 'base', key: 'chooseBase' });
  errors.push(...lengthErrors('request', input.request, MAX_NOTES_LENGTH));
  if (input.staff) errors.push(...validateStaffRecord(input.staff, today));
  return errors;
}

/** A mentor's own contact details: the only part of her card she edits herself. */
export interface ContactsInput {
  phone: string | null;
  email: string | null;
}

export function validateContacts(input: ContactsInput): FieldError[] {
  const errors: FieldError[] = [];
  const email = cleanText(input.email);
  if (email && !EMAIL.test(email)) errors.push({ field: 'email', key: 'email' });
  errors.push(...lengthErrors('phone', input.phone, 100));
  errors.push(...lengthErrors('email', input.email, 200));
  return errors;
}

export function contactFields(input: ContactsInput) {
  return { phone: cleanText(input.phone), email: cleanText(input.email) };
}

export function participantFields(input: ParticipantInput) {
  return {
    kind: input.kind,
    full_name: input.full_name.trim().replace(/\s+/g, ' '),
    class_label: cleanText(input.class_label),
    is_minor: input.is_minor,
    subject: cleanText(input.subject),
    phone: cleanText(input.phone),
    email: cleanText(input.email),
    is_mentor: input.is_mentor,
    is_mentee: input.is_mentee,
    ...(input.staff ? staffFields(input.staff) : {}),
  };
}

export interface ConsentInput {
  given_by: 'self' | 'representative';
  representative_name?: string | null;
  representative_relation?: string | null;
  signed_on: IsoDate;
  valid_until?: IsoDate | null;
}

export function validateConsent(
  input: ConsentInput,
  participant: { is_minor: boolean },
  today: IsoDate,
): FieldError[] {
  const errors: FieldError[] = [];
  if (participant.is_minor && input.given_by !== 'representative') {
    errors.push({ field: 'given_by', key: 'minorConsentByRepresentative' });
  }
  if (input.given_by === 'representative' && !cleanText(input.representative_name)) {
    errors.push({ field: 'representative_name', key: 'required' });
  }
  if (!isIsoDate(input.signed_on)) errors.push({ field: 'signed_on', key: 'date' });
  else if (input.signed_on > today) errors.push({ field: 'signed_on', key: 'dateInFuture' });
  const until = cleanText(input.valid_until);
  if (until) {
    if (!isIsoDate(until)) errors.push({ field: 'valid_until', key: 'date' });
    else if (isIsoDate(input.signed_on) && until < input.signed_on)
      errors.push({ field: 'valid_until', key: 'validUntilBeforeSigned' });
  }
  return errors;
}
