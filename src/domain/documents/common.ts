// What every school document starts with and the people it names: the school's requisites
// (name, place, director), the pair's members as the paper writes them.
import type { Pair, ParticipantKind } from '../types';
import type { FieldError } from '../validation';
import { FORM_TITLES, formatDocDate, formatOrderNumber } from './format';
import type { DocumentBlock } from './model';

/** The school as its papers name it; the user can complete what the device does not know. */
export interface SchoolRequisites {
  /** The full name, e.g. «Муниципальное бюджетное общеобразовательное учреждение …». */
  name: string | null;
  /** The short name, e.g. «МБОУ СОШ № 1». */
  shortName: string | null;
  /** The place as «г. Омск» / «с. Лузино» (written under the order's date). */
  place: string | null;
  /** The director as «И.О. Фамилия», for the signature line. */
  director: string | null;
}

/** A member of a pair with what a paper says about her (no sensitive data, no notes). */
export interface DocumentPerson {
  id: string;
  full_name: string;
  kind: ParticipantKind | null;
  class_label?: string | null;
  position?: string | null;
}

export type DocumentPairRow = Pick<
  Pair,
  | 'id'
  | 'form'
  | 'role_model'
  | 'is_group'
  | 'title'
  | 'status'
  | 'order_number'
  | 'order_date'
  | 'started_on'
  | 'ended_on'
  | 'deleted_at'
  | 'created_at'
>;

export interface DocumentPair {
  pair: DocumentPairRow;
  mentors: DocumentPerson[];
  mentees: DocumentPerson[];
}

/** «Смирнова Анна, 6Б класс»; «Петров Сергей Иванович, учитель математики». */
export function personLine(person: DocumentPerson): string {
  const detail =
    person.kind === 'student' && person.class_label
      ? `${person.class_label} класс`
      : (person.position ?? null);
  return detail ? `${person.full_name}, ${detail}` : person.full_name;
}

export const peopleLines = (people: readonly DocumentPerson[]) =>
  people.length === 0 ? '—' : people.map(personLine).join('\n');

export const namesList = (people: readonly DocumentPerson[]) =>
  people.length === 0 ? '—' : people.map(personLine).join('; ');

/** The school's name centred on top, the short name when the full one is unknown. */
export function schoolHeader(school: SchoolRequisites): DocumentBlock[] {
  const name = school.name?.trim() || school.shortName?.trim();
  return name ? [{ kind: 'paragraph', text: name, align: 'center', bold: true }] : [];
}

/** «Форма наставничества: «учитель – ученик»; ролевая модель: …». */
export function formLine(pair: DocumentPairRow): string {
  const role = pair.role_model?.trim();
  return `Форма наставничества: ${FORM_TITLES[pair.form]}${role ? `; ролевая модель: ${role}` : ''}`;
}

/** «Приказ об утверждении: № 45-о от 15.09.2026», or nothing before the order. */
export function orderLine(pair: DocumentPairRow): string | null {
  if (!pair.order_number || !pair.order_date) return null;
  return `Приказ об утверждении пары (группы): ${formatOrderNumber(pair.order_number)} от ${formatDocDate(pair.order_date)}`;
}

/** «с 15.09.2026 по 31.05.2027»; an open end reads «с 15.09.2026». */
export function periodText(from: string | null, to: string | null): string | null {
  if (!from && !to) return null;
  if (!from) return `по ${formatDocDate(to)}`;
  return to ? `с ${formatDocDate(from)} по ${formatDocDate(to)}` : `с ${formatDocDate(from)}`;
}

/** The pair's start: the day it started, else the day its order approved it. */
export const pairStart = (pair: DocumentPairRow) => pair.started_on ?? pair.order_date;

/**
 * The settlement in a postal address, as an order writes its place: «644504, Омская область,
 * с. Лузино, ул. Майорова, д.12» → «с. Лузино»; null when the address names none.
 */
export function placeFromAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  for (const part of address.split(',')) {
    const match = /^\s*((?:г|с|п|пгт|рп|д|ст|х|аул)\.\s*\S.*?)\s*$/u.exec(part);
    if (match) return match[1]!;
  }
  return null;
}

/** The requisites a user typed over those the device knows from the school's row. */
export function mergeRequisites(
  row: { name?: string | null; short_name?: string | null; address?: string | null } | null,
  saved: Partial<SchoolRequisites> | null,
): SchoolRequisites {
  const pick = (typed: string | null | undefined, known: string | null | undefined) =>
    typed?.trim() || known?.trim() || null;
  return {
    name: pick(saved?.name, row?.name),
    shortName: pick(saved?.shortName, row?.short_name),
    place: pick(saved?.place, placeFromAddress(row?.address)),
    director: pick(saved?.director, null),
  };
}

/** Length limits of the requisites (the school row's: name 1000, short name 500). */
export const REQUISITE_LIMITS: Record<keyof SchoolRequisites, number> = {
  name: 1000,
  shortName: 500,
  place: 200,
  director: 200,
};

/** Every requisite is optional (a blank leaves a blank on paper); none may be too long. */
export function validateRequisites(input: SchoolRequisites): FieldError[] {
  return (Object.keys(REQUISITE_LIMITS) as (keyof SchoolRequisites)[]).flatMap((field) =>
    (input[field]?.trim().length ?? 0) > REQUISITE_LIMITS[field]
      ? [{ field, key: 'tooLong', params: { max: REQUISITE_LIMITS[field] } }]
      : [],
  );
}
