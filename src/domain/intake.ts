// Intake questionnaires (issue 12): the mentor's «Чем я могу быть полезен в качестве
// наставника?» (what she offers, how many mentees she takes, the forms she prefers) and the
// mentee's анкета (her request, interests, preferred forms and, after the group meeting, the
// mentors she chose, most wanted first). One live row per person and role (the server's
// `intakes_one_per_role`). Validation returns i18n keys (intake.errors.<key>, else errors.<key>).
// Also here: the words of a text as comparable keywords (a crude Russian stemmer), so what a
// mentor offers and what a mentee asks can be compared and the overlap said in words.
import { fitsForm } from './formRules';
import { lengthErrors } from './limits';
import {
  MENTORING_FORMS,
  type Intake,
  type MentoringForm,
  type ParticipantKind,
  type Uuid,
} from './types';
import { cleanText, type FieldError } from './validation';

export type IntakeRole = Intake['role'];
export const INTAKE_ROLES = ['mentor', 'mentee'] as const satisfies readonly IntakeRole[];
/** offers, request, interests (the server's check). */
export const MAX_INTAKE_TEXT = 2000;
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 30;
/** A mentee names at most this many mentors after the group meeting. */
export const MAX_PREFERRED_MENTORS = 3;
/** The mentees a mentor takes when her intake does not say (or she has none). */
export const DEFAULT_MENTOR_CAPACITY = 3;

/** What a person answers: the columns of the intake row she writes. */
export type IntakeFields = Pick<
  Intake,
  'role' | 'offers' | 'capacity' | 'forms' | 'request' | 'interests' | 'preferred_mentor_ids'
>;

/** What a form hands in (texts as typed; capacity empty = null). */
export interface IntakeInput {
  role: IntakeRole;
  offers?: string | null;
  capacity?: number | null;
  forms?: readonly string[];
  request?: string | null;
  interests?: string | null;
  preferredMentorIds?: readonly Uuid[];
}

/**
 * Trimmed texts (empty → null), forms once each in MENTORING_FORMS order (unknown ones kept for
 * validation to name), chosen mentors once each in her order. A role's fields only: a mentor
 * has no request or chosen mentors, a mentee no offer or capacity.
 */
export function cleanIntake(input: IntakeInput): IntakeFields {
  const given = new Set(input.forms ?? []);
  const known = MENTORING_FORMS.filter((f) => given.has(f));
  const unknown = [...given].filter((f) => !(MENTORING_FORMS as readonly string[]).includes(f));
  const forms = [...known, ...unknown] as MentoringForm[];
  const isMentor = input.role === 'mentor';
  return {
    role: input.role,
    offers: isMentor ? cleanText(input.offers) : null,
    capacity: isMentor ? (input.capacity ?? null) : null,
    forms,
    request: isMentor ? null : cleanText(input.request),
    interests: cleanText(input.interests),
    preferred_mentor_ids: isMentor ? [] : [...new Set(input.preferredMentorIds ?? [])],
  };
}

export interface IntakeContext {
  /** Her kind: a form she cannot take on her side is refused. */
  kind?: ParticipantKind;
  /** Her own id: she cannot choose herself. */
  selfId?: Uuid;
  /** The school's mentors known on this device: a chosen id must be one of them. */
  mentorIds?: ReadonlySet<Uuid>;
}

/** Errors of a cleaned intake (empty: valid). Nothing is required: a blank answer is allowed. */
export function validateIntake(fields: IntakeFields, context: IntakeContext = {}): FieldError[] {
  const errors: FieldError[] = [
    ...lengthErrors('offers', fields.offers, MAX_INTAKE_TEXT),
    ...lengthErrors('request', fields.request, MAX_INTAKE_TEXT),
    ...lengthErrors('interests', fields.interests, MAX_INTAKE_TEXT),
  ];
  const capacity = fields.capacity;
  if (
    capacity !== null &&
    (!Number.isInteger(capacity) || capacity < MIN_CAPACITY || capacity > MAX_CAPACITY)
  ) {
    errors.push({
      field: 'capacity',
      key: 'capacityRange',
      params: { min: MIN_CAPACITY, max: MAX_CAPACITY },
    });
  }
  for (const form of fields.forms) {
    if (!(MENTORING_FORMS as readonly string[]).includes(form)) {
      errors.push({ field: 'forms', key: 'formInvalid' });
      break;
    }
    if (context.kind && !fitsForm(form, fields.role, context.kind)) {
      errors.push({ field: 'forms', key: 'formNotForKind', params: { form } });
      break;
    }
  }
  const chosen = fields.preferred_mentor_ids;
  if (chosen.length > MAX_PREFERRED_MENTORS) {
    errors.push({
      field: 'preferredMentors',
      key: 'tooManyMentors',
      params: { max: MAX_PREFERRED_MENTORS },
    });
  } else if (context.selfId && chosen.includes(context.selfId)) {
    errors.push({ field: 'preferredMentors', key: 'chosenSelf' });
  } else if (context.mentorIds && chosen.some((id) => !context.mentorIds!.has(id))) {
    errors.push({ field: 'preferredMentors', key: 'notAMentor' });
  }
  return errors;
}

/** The forms a person of `kind` may take on `role`'s side (what the form offers). */
export function intakeFormsFor(role: IntakeRole, kind: ParticipantKind): MentoringForm[] {
  return MENTORING_FORMS.filter((f) => fitsForm(f, role, kind));
}

type IntakeRow = Pick<Intake, 'participant_id' | 'role' | 'deleted_at' | 'updated_at'>;

/** The live intake of a person in a role (the latest if a sync ever left two). */
export function currentIntake<T extends IntakeRow>(
  rows: readonly T[],
  participantId: Uuid,
  role: IntakeRole,
): T | null {
  let best: T | null = null;
  for (const row of rows) {
    if (row.deleted_at !== null || row.participant_id !== participantId || row.role !== role)
      continue;
    if (!best || row.updated_at > best.updated_at) best = row;
  }
  return best;
}

/** The mentees a mentor takes: her intake's capacity, else the default. */
export function mentorCapacity(
  intake: Pick<Intake, 'role' | 'capacity'> | null | undefined,
  fallback = DEFAULT_MENTOR_CAPACITY,
): number {
  return intake?.role === 'mentor' && intake.capacity !== null ? intake.capacity : fallback;
}

/** The capacities the live mentor intakes state, by participant (triage, matching). */
export function mentorCapacities(
  intakes: readonly Pick<Intake, 'participant_id' | 'role' | 'capacity' | 'deleted_at'>[],
): Map<Uuid, number> {
  const out = new Map<Uuid, number>();
  for (const row of intakes) {
    if (row.deleted_at === null && row.role === 'mentor' && row.capacity !== null) {
      out.set(row.participant_id, row.capacity);
    }
  }
  return out;
}

// ------------------------------------------------------------------------ keywords
/**
 * Words that say nothing about what a mentee needs or a mentor offers (function words and
 * the wording every request shares), already normalised.
 */
const STOP_WORDS = new Set(
  (
    'и в во на с со по для не к ко о об от за из у что как это а но или то же ли бы его ее их ' +
    'ему ей им при до после над под про без через очень так уже еще все всё весь мне меня я ' +
    'мы вы он она они хочу хочет хотела хотел нужно нужна нужен нужны надо помощь помочь ' +
    'помогать помогает поддержка поддержать может могу умею есть был была быть также тоже ' +
    'подготовка подготовить ученик ученика ученице ученику учитель учителя класс класса классе ' +
    'работа работы работе работать свой своя свои своих наставник наставника наставляемый ' +
    'вопрос вопросы вопросам тема темы темам чем чему могу можем хотелось бы было будет ' +
    'который которая которые этот эта эти том тем того'
  )
    .split(' ')
    .map((w) => w.replace(/ё/g, 'е')),
);

/** Russian endings, longest first: a crude stemmer is enough to match «математике» to «математика». */
// prettier-ignore
const ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ией', 'ах', 'ях',
  'ов', 'ев', 'ей', 'ой', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ам', 'ям', 'ом',
  'ем', 'ую', 'юю', 'ия', 'ии', 'ию', 'ью', 'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь',
];
/** Stems are compared on their first letters only: «математика» and «математический» meet. */
const STEM_LENGTH = 6;

/** Lower case, ё → е, the letters of one word. */
export function normaliseWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

/** The comparable stem of a normalised word: its ending cut (the stem keeps ≥ 3 letters), then its first STEM_LENGTH letters. */
export function stemOf(word: string): string {
  let stem = word;
  if (word.length >= 5) {
    const ending = ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 3);
    if (ending) stem = word.slice(0, -ending.length);
  }
  return stem.slice(0, STEM_LENGTH);
}

/** The keywords of texts: stem → the first word (normalised) that gave it, in text order. */
export function keywordsOf(...texts: (string | null | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    if (!text) continue;
    for (const raw of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
      const word = normaliseWord(raw);
      if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
      const stem = stemOf(word);
      if (!out.has(stem)) out.set(stem, word);
    }
  }
  return out;
}

/** The words of `offered` whose stems `wanted` has, in the offer's order. */
export function sharedWords(
  wanted: ReadonlyMap<string, string>,
  offered: ReadonlyMap<string, string>,
  except?: (stem: string) => boolean,
): string[] {
  const words: string[] = [];
  for (const [stem, word] of offered) if (wanted.has(stem) && !except?.(stem)) words.push(word);
  return words;
}

/**
 * What a mentor offers against what a mentee asks, said in words: «совпадает: математика,
 * олимпиады» (intake.match.shared) or nothing in common (intake.match.none).
 */
export function explainOffer(
  request: string | null | undefined,
  offers: string | null | undefined,
): { key: 'shared' | 'none'; words: string[] } {
  const words = sharedWords(keywordsOf(request), keywordsOf(offers));
  return { key: words.length > 0 ? 'shared' : 'none', words };
}

// ------------------------------------------------------------------------ mentor directory
/**
 * A mentor of the school as public.mentor_directory() lists her for a mentee's choice on her
 * own phone (she reads no mentor's card before pairing): what the choice needs, nothing more.
 */
export interface DirectoryMentor {
  id: Uuid;
  fullName: string;
  subject: string | null;
  offers: string | null;
  forms: MentoringForm[];
  /** Her capacity is above the mentees of her live pairs (the matching rule). */
  hasPlaces: boolean;
}

/** The last directory of a school this device received (kept for offline). */
export interface MentorDirectory {
  schoolId: Uuid;
  /** When the server answered (ISO date-time). */
  fetchedAt: string;
  mentors: DirectoryMentor[];
}
