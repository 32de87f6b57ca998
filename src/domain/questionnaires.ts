// Questionnaires (анкеты): entry and exit self-assessment and the satisfaction survey
// (QUESTIONNAIRES.md). The answer rules mirror private.check_questionnaire_answers on the
// server, so a response the device accepts is never refused there; the required rule and
// the due rules are the app's own.
import { MAX_NOTES_LENGTH } from './limits';
import type { FieldError } from './validation';
import { isStaffRole } from './types';
import type {
  IsoDate,
  IsoTimestamp,
  Meeting,
  MentoringForm,
  Pair,
  ParticipantKind,
  SyncedRow,
  Uuid,
} from './types';

export const QUESTIONNAIRE_KINDS = ['entry', 'intermediate', 'exit', 'satisfaction'] as const;
export type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];
/** The questionnaires a pair member fills, in the order they come. */
export const PAIR_QUESTIONNAIRE_KINDS = ['entry', 'exit', 'satisfaction'] as const;
export type PairQuestionnaireKind = (typeof PAIR_QUESTIONNAIRE_KINDS)[number];

export const QUESTIONNAIRE_AUDIENCES = ['mentee_student', 'mentee_teacher', 'mentor'] as const;
export type QuestionnaireAudience = (typeof QUESTIONNAIRE_AUDIENCES)[number];

/** Russian is the source text and always present; English may be missing. */
export interface LocalizedText {
  ru: string;
  en?: string;
}

export interface ScaleItem {
  id: string;
  type: 'scale';
  text: LocalizedText;
  /** Default 1. */
  min?: number;
  /** Default 10. */
  max?: number;
}
export interface ChoiceItem {
  id: string;
  type: 'choice';
  text: LocalizedText;
  choices: readonly { value: string; text: LocalizedText }[];
}
export interface OpenItem {
  id: string;
  type: 'open';
  text: LocalizedText;
}
export type QuestionnaireItem = ScaleItem | ChoiceItem | OpenItem;

/** A scale answer is a number, a choice its value, an open answer text; null = not answered. */
export type Answer = number | string | null;
export type Answers = Record<string, Answer>;

/** A template as shipped (built-ins) or written by a school. */
export interface QuestionnaireTemplateDefinition {
  id: Uuid;
  kind: QuestionnaireKind;
  audience: QuestionnaireAudience;
  /** The template's edition; `version` is the sync version. */
  revision: number;
  title: string;
  items: readonly QuestionnaireItem[];
}

export interface QuestionnaireTemplate
  extends Omit<SyncedRow, 'school_id'>, QuestionnaireTemplateDefinition {
  /** null: a built-in default. */
  school_id: Uuid | null;
  based_on: Uuid | null;
}

export interface QuestionnaireResponse extends SyncedRow {
  template_id: Uuid;
  pair_id: Uuid | null;
  participant_id: Uuid;
  answers: Answers;
  /** null while a draft; once set, the response is final. */
  submitted_at: IsoTimestamp | null;
}

export const MAX_OPEN_ANSWER_LENGTH = MAX_NOTES_LENGTH;
/**
 * The KPI "satisfaction, %" (QUESTIONNAIRES.md): a respondent is satisfied when the answer to
 * the FIRST item of her satisfaction template is a number of 7 or more. The server's
 * municipality_kpis() applies the same rule; test/db/kpis.test.ts runs both on one data set.
 */
export const SATISFIED_FROM = 7;
/** How close to the programme's end the exit and satisfaction questionnaires open. */
export const EXIT_WINDOW_DAYS = 30;

export function scaleRange(item: ScaleItem): { min: number; max: number } {
  return { min: item.min ?? 1, max: item.max ?? 10 };
}

/** The item's text in the locale, falling back to Russian. */
export function localizedText(text: LocalizedText, locale: string): string {
  const value = (text as unknown as Record<string, string | undefined>)[locale];
  return value && value.trim() !== '' ? value : text.ru;
}

const isAnswered = (answer: Answer | undefined) =>
  answer !== null && answer !== undefined && !(typeof answer === 'string' && answer.trim() === '');

/**
 * Checks answers against the template's items. Field = item id; keys are i18n keys under
 * `questionnaires.errors.`. A draft may be partial; `complete` (submitting) also requires
 * every scale and choice item. Open questions are never required.
 */
export function validateAnswers(
  items: readonly QuestionnaireItem[],
  answers: Answers,
  { complete }: { complete: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map(items.map((item) => [item.id, item]));
  for (const [id, answer] of Object.entries(answers)) {
    const item = byId.get(id);
    if (!item) {
      errors.push({ field: id, key: 'unknownItem' });
      continue;
    }
    if (answer === null) continue;
    if (item.type === 'scale') {
      const { min, max } = scaleRange(item);
      if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < min || answer > max)
        errors.push({ field: id, key: 'outOfRange', params: { min, max } });
    } else if (item.type === 'choice') {
      if (typeof answer !== 'string' || !item.choices.some((c) => c.value === answer))
        errors.push({ field: id, key: 'invalidChoice' });
    } else if (typeof answer !== 'string') {
      errors.push({ field: id, key: 'notText' });
    } else if (answer.length > MAX_OPEN_ANSWER_LENGTH) {
      errors.push({ field: id, key: 'tooLong', params: { max: MAX_OPEN_ANSWER_LENGTH } });
    }
  }
  if (complete) {
    for (const item of items) {
      if (item.type !== 'open' && !isAnswered(answers[item.id]))
        errors.push({ field: item.id, key: 'required' });
    }
  }
  return errors;
}

/** The answers as stored: open texts trimmed; unanswered items left out. */
export function cleanAnswers(answers: Answers): Answers {
  const out: Answers = {};
  for (const [id, answer] of Object.entries(answers)) {
    if (!isAnswered(answer)) continue;
    out[id] = typeof answer === 'string' ? answer.trim() : answer;
  }
  return out;
}

/**
 * Which audience's template a pair member fills: mentors the mentor's; a mentee who is a
 * teacher (or in a «учитель – учитель» pair) the teacher's; every other mentee the student's.
 */
export function questionnaireAudience(
  participant: { kind: ParticipantKind },
  side: 'mentor' | 'mentee',
  form?: MentoringForm,
): QuestionnaireAudience {
  if (side === 'mentor') return 'mentor';
  return participant.kind === 'teacher' || form === 'uchitel_uchitel'
    ? 'mentee_teacher'
    : 'mentee_student';
}

type TemplateChoice = Pick<
  QuestionnaireTemplate,
  'id' | 'kind' | 'audience' | 'revision' | 'school_id' | 'deleted_at'
>;

/**
 * The template for a new response: the school's own (its latest revision) when it has one,
 * else the built-in default. An archived template is never offered.
 */
export function pickTemplate<T extends TemplateChoice>(
  templates: readonly T[],
  kind: QuestionnaireKind,
  audience: QuestionnaireAudience,
  schoolId: Uuid,
): T | null {
  const candidates = templates.filter(
    (t) =>
      t.deleted_at === null &&
      t.kind === kind &&
      t.audience === audience &&
      (t.school_id === null || t.school_id === schoolId),
  );
  const rank = (t: T) => (t.school_id === null ? 0 : 1_000_000) + t.revision;
  return candidates.sort((a, b) => rank(b) - rank(a))[0] ?? null;
}

export type QuestionnaireStatus = 'not_started' | 'draft' | 'submitted';

type ResponseChoice = Pick<QuestionnaireResponse, 'submitted_at' | 'updated_at' | 'deleted_at'>;

/**
 * The response that counts when a member has several (two offline devices may each start
 * one): the latest submitted, else the latest draft.
 */
export function currentResponse<R extends ResponseChoice>(responses: readonly R[]): R | null {
  const alive = responses.filter((r) => r.deleted_at === null);
  const submitted = alive
    .filter((r) => r.submitted_at !== null)
    .sort((a, b) => (b.submitted_at as string).localeCompare(a.submitted_at as string));
  if (submitted[0]) return submitted[0];
  return [...alive].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0] ?? null;
}

export function questionnaireStatus(
  response: Pick<QuestionnaireResponse, 'submitted_at'> | null,
): QuestionnaireStatus {
  if (!response) return 'not_started';
  return response.submitted_at ? 'submitted' : 'draft';
}

export interface ProgrammeEndFacts {
  pair: Pick<Pair, 'status' | 'ended_on'>;
  meetings: readonly Pick<Meeting, 'type' | 'held_on' | 'deleted_at'>[];
  /** The end of the pair's programme year, when the device knows it. */
  programmeEndsOn?: IsoDate | null;
  /**
   * The pair's programme year is at its roadmap's final stage, «Завершение наставничества»
   * (domain/roadmap.ts FINAL_STAGE), whatever its dates say.
   */
  programmeAtFinalStage?: boolean;
}

const DAY_MS = 86_400_000;

/** `day` minus `days` calendar days (ISO dates, no time zone involved). */
const daysBefore = (day: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/**
 * The programme is ending for the pair (DOMAIN.md stages 6–7): the pair is over, its end date
 * or the programme's end is within EXIT_WINDOW_DAYS, the programme year has reached its
 * final stage, or a final meeting has been held.
 */
export function isProgrammeEnding(facts: ProgrammeEndFacts, today: IsoDate): boolean {
  const { pair, meetings, programmeEndsOn } = facts;
  if (pair.status === 'completed' || pair.status === 'ended_early') return true;
  if (pair.status === 'draft') return false;
  if (facts.programmeAtFinalStage) return true;
  const near = (date: IsoDate | null | undefined) =>
    !!date &&
    Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`) <= EXIT_WINDOW_DAYS * DAY_MS;
  if (near(pair.ended_on) || near(programmeEndsOn)) return true;
  return meetings.some(
    (m) =>
      m.deleted_at === null &&
      (m.type === 'final' || m.type === 'final_group') &&
      m.held_on <= today,
  );
}

export interface QuestionnaireMember {
  participant: { id: Uuid; kind: ParticipantKind };
  side: 'mentor' | 'mentee';
}

export interface QuestionnaireSlot<
  T extends QuestionnaireTemplateDefinition = QuestionnaireTemplateDefinition,
  R extends QuestionnaireResponse = QuestionnaireResponse,
> {
  participantId: Uuid;
  side: 'mentor' | 'mentee';
  audience: QuestionnaireAudience;
  kind: PairQuestionnaireKind;
  /** The response's template, or the one a new response would use (null: none on device). */
  template: T | null;
  response: R | null;
  status: QuestionnaireStatus;
  /** It can be filled now. */
  isOpen: boolean;
  /** Open, not yet submitted, and its time has come: a reminder is due. */
  isDue: boolean;
}

export interface PairQuestionnaireFacts<
  T extends QuestionnaireTemplate,
  R extends QuestionnaireResponse,
> extends ProgrammeEndFacts {
  pair: Pick<Pair, 'status' | 'ended_on' | 'form' | 'school_id'>;
  members: readonly QuestionnaireMember[];
  templates: readonly T[];
  /** The pair's responses (other pairs' are ignored by the caller). */
  responses: readonly R[];
  /**
   * The questionnaires whose answers this device keeps as a draft (not sent until submitted):
   * they are 'draft'. Optional: lists that only need what is due leave it out.
   */
  drafts?: readonly QuestionnaireDraftFact[];
}

/** A draft kept on the device: whose, and to which template. */
export interface QuestionnaireDraftFact {
  participant_id: Uuid;
  template_id: Uuid;
}

/**
 * Each member's entry, exit and satisfaction questionnaire with its status: 'submitted' once a
 * submitted response exists, 'draft' while the device keeps answers for it (or an older app
 * version left an unsubmitted response), else 'not_started'. The entry one
 * opens once the pair is approved and is due while the pair works; exit and satisfaction
 * open and are due when the programme is ending.
 */
export function pairQuestionnaires<
  T extends QuestionnaireTemplate,
  R extends QuestionnaireResponse,
>(facts: PairQuestionnaireFacts<T, R>, today: IsoDate): QuestionnaireSlot<T, R>[] {
  const { pair, members, templates, responses, drafts = [] } = facts;
  const ending = isProgrammeEnding(facts, today);
  const byId = new Map(templates.map((t) => [t.id, t]));
  const slots: QuestionnaireSlot<T, R>[] = [];
  for (const { participant, side } of members) {
    const audience = questionnaireAudience(participant, side, pair.form);
    for (const kind of PAIR_QUESTIONNAIRE_KINDS) {
      const response = currentResponse(
        responses.filter(
          (r) => r.participant_id === participant.id && byId.get(r.template_id)?.kind === kind,
        ),
      );
      const draft = drafts.find(
        (d) => d.participant_id === participant.id && byId.get(d.template_id)?.kind === kind,
      );
      const template = response
        ? (byId.get(response.template_id) ?? null)
        : draft
          ? (byId.get(draft.template_id) ?? null)
          : pickTemplate(templates, kind, audience, pair.school_id);
      const status = draft && !response?.submitted_at ? 'draft' : questionnaireStatus(response);
      const isOpen = kind === 'entry' ? pair.status !== 'draft' : ending;
      const isTime =
        kind === 'entry' ? pair.status === 'approved' || pair.status === 'active' : ending;
      slots.push({
        participantId: participant.id,
        side,
        audience,
        kind,
        template,
        response,
        status,
        isOpen,
        isDue: isOpen && isTime && status !== 'submitted' && template !== null,
      });
    }
  }
  return slots;
}

/**
 * The day the exit and satisfaction questionnaires open by the calendar (EXIT_WINDOW_DAYS
 * before the pair's or the programme's end, the earlier of the two), for the app to say when;
 * null when no end is known. They open earlier at the final stage or a final meeting.
 */
export function exitOpensOn(
  facts: Pick<ProgrammeEndFacts, 'pair' | 'programmeEndsOn'>,
): IsoDate | null {
  const ends = [facts.pair.ended_on, facts.programmeEndsOn].filter((d): d is IsoDate => !!d);
  if (ends.length === 0) return null;
  return daysBefore(ends.sort()[0]!, EXIT_WINDOW_DAYS);
}

/** For nextSteps: some member's exit questionnaire is due (pass only the slots one can see). */
export function isExitQuestionnaireMissing(slots: readonly QuestionnaireSlot[]): boolean {
  return slots.some((s) => s.kind === 'exit' && s.isDue);
}

/** The scale answers of the entry questionnaire, by item id, to show the change at exit. */
export function entryScaleValues(
  entryItems: readonly QuestionnaireItem[],
  entryAnswers: Answers,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of entryItems) {
    const value = entryAnswers[item.id];
    if (item.type === 'scale' && typeof value === 'number') out[item.id] = value;
  }
  return out;
}

/** The item whose answer decides satisfaction: the template's first item. */
export function satisfactionItemId(
  template: Pick<QuestionnaireTemplateDefinition, 'items'>,
): string | null {
  return template.items[0]?.id ?? null;
}

/** The KPI rule: the answer to the template's first item is a number of 7 or more. */
export function isSatisfied(
  answers: Answers,
  template: Pick<QuestionnaireTemplateDefinition, 'items'>,
): boolean {
  const id = satisfactionItemId(template);
  const value = id === null ? undefined : answers[id];
  return typeof value === 'number' && value >= SATISFIED_FROM;
}

/**
 * Satisfaction, %: among submitted, not deleted responses to satisfaction templates whose
 * first item was answered with a number, the share of satisfied ones.
 */
export function satisfactionShare(
  responses: readonly Pick<
    QuestionnaireResponse,
    'answers' | 'submitted_at' | 'deleted_at' | 'template_id'
  >[],
  templates: ReadonlyMap<Uuid, Pick<QuestionnaireTemplateDefinition, 'kind' | 'items'>>,
): { satisfied: number; total: number; percent: number | null } {
  let total = 0;
  let satisfied = 0;
  for (const r of responses) {
    const template = templates.get(r.template_id);
    if (!template || template.kind !== 'satisfaction') continue;
    if (r.deleted_at !== null || r.submitted_at === null) continue;
    const id = satisfactionItemId(template);
    if (id === null || typeof r.answers[id] !== 'number') continue;
    total += 1;
    if (isSatisfied(r.answers, template)) satisfied += 1;
  }
  return {
    satisfied,
    total,
    percent: total === 0 ? null : Math.round((satisfied / total) * 100),
  };
}

export interface QuestionnaireViewer {
  isDeviceOnly: boolean;
  memberships: readonly { role: string; participant_id: string | null }[];
}

const isStaff = (viewer: QuestionnaireViewer) =>
  viewer.memberships.some((m) => isStaffRole(m.role));

/**
 * Who may fill a participant's questionnaire: the participant themself, school staff
 * recording answers from paper, or anyone in device-only mode (the device is the school's).
 * The server's RLS allows the same (questionnaire_responses_insert/update).
 */
export function canFillQuestionnaire(viewer: QuestionnaireViewer, participantId: Uuid): boolean {
  return (
    viewer.isDeviceOnly ||
    isStaff(viewer) ||
    viewer.memberships.some((m) => m.participant_id === participantId)
  );
}

/** Responses are read by staff and the participant only (RLS): others see no status. */
export const canSeeQuestionnaire = canFillQuestionnaire;
