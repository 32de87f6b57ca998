// Monitoring results (DOMAIN.md «Мониторинг»): entry versus exit («входящий» and «итоговый»
// мониторинг) per person and per question, the school's averages per form of mentoring, and
// the satisfaction share. A pure read model over the rows on the device.
// Invariants: only SUBMITTED, not deleted responses count; a person answers once per pair and
// kind (the latest submitted response wins, as in currentResponse); satisfaction is the one KPI
// rule of questionnaires.ts (satisfactionShare), never a second copy of it.
import {
  QUESTIONNAIRE_AUDIENCES,
  currentResponse,
  satisfactionShare,
  type LocalizedText,
  type QuestionnaireAudience,
  type QuestionnaireResponse,
  type QuestionnaireTemplateDefinition,
} from './questionnaires';
import { MENTORING_FORMS, type MentoringForm, type Pair, type Participant } from './types';
import { byRussianName } from './collation';

export type MonitoringSide = 'mentor' | 'mentee';
export const MONITORING_SIDES = ['all', 'mentee', 'mentor'] as const;
export type MonitoringSideFilter = (typeof MONITORING_SIDES)[number];

export interface MonitoringFilter {
  form: MentoringForm | 'all';
  side: MonitoringSideFilter;
}

type Template = Pick<QuestionnaireTemplateDefinition, 'id' | 'kind' | 'audience' | 'items'>;
type Response = Pick<
  QuestionnaireResponse,
  | 'template_id'
  | 'pair_id'
  | 'participant_id'
  | 'answers'
  | 'submitted_at'
  | 'updated_at'
  | 'deleted_at'
>;

export interface MonitoringFacts {
  pairs: readonly Pick<Pair, 'id' | 'form' | 'deleted_at'>[];
  participants: readonly Pick<Participant, 'id' | 'full_name' | 'deleted_at'>[];
  templates: readonly Template[];
  responses: readonly Response[];
}

/** An average and how many values it is made of (mean null when n = 0). */
export interface Mean {
  mean: number | null;
  n: number;
}

/** One person in one pair: her entry and exit averages on the questions both share. */
export interface PersonResult {
  key: string;
  participantId: string;
  name: string | null;
  pairId: string | null;
  form: MentoringForm | null;
  side: MonitoringSide;
  audience: QuestionnaireAudience;
  entry: number | null;
  exit: number | null;
  /** exit − entry, when both were submitted. */
  change: number | null;
}

export interface QuestionResult {
  itemId: string;
  text: LocalizedText;
  entry: Mean;
  exit: Mean;
  /** The mean of exit − entry over the people who answered it both times. */
  change: Mean;
}

export interface QuestionGroup {
  audience: QuestionnaireAudience;
  questions: QuestionResult[];
}

export interface SatisfactionShare {
  satisfied: number;
  total: number;
  percent: number | null;
}

export interface FormResult {
  form: MentoringForm;
  /** People (in a pair) with a submitted entry or exit questionnaire. */
  people: number;
  entry: Mean;
  exit: Mean;
  change: Mean;
  satisfaction: SatisfactionShare;
}

export interface MonitoringReport {
  /** Some entry, exit or satisfaction questionnaire was submitted in the school (any filter). */
  hasResults: boolean;
  /** The forms of the school's pairs, for the filter. */
  forms: MentoringForm[];
  people: PersonResult[];
  questions: QuestionGroup[];
  /** Every form with results, under the side filter (the form filter does not apply). */
  byForm: FormResult[];
  satisfaction: { all: SatisfactionShare; mentee: SatisfactionShare; mentor: SatisfactionShare };
}

export const sideOf = (audience: QuestionnaireAudience): MonitoringSide =>
  audience === 'mentor' ? 'mentor' : 'mentee';

const REPORTED_KINDS = new Set(['entry', 'exit', 'satisfaction']);

function mean(values: readonly number[]): Mean {
  if (values.length === 0) return { mean: null, n: 0 };
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, n: values.length };
}

/** The scale answers of a response, by item id, in the template's order. */
function scaleAnswers(template: Template, response: Response): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of template.items) {
    const value = response.answers[item.id];
    if (item.type === 'scale' && typeof value === 'number') out.set(item.id, value);
  }
  return out;
}

interface Unit {
  participantId: string;
  pairId: string | null;
  audience: QuestionnaireAudience;
  entry: Response[];
  exit: Response[];
}

interface QuestionAcc {
  itemId: string;
  text: LocalizedText;
  position: number;
  entry: number[];
  exit: number[];
  change: number[];
}

function matchesFilter(
  filter: MonitoringFilter,
  form: MentoringForm | null,
  audience: QuestionnaireAudience,
  { ignoreForm = false } = {},
): boolean {
  if (filter.side !== 'all' && sideOf(audience) !== filter.side) return false;
  return ignoreForm || filter.form === 'all' || filter.form === form;
}

/**
 * The monitoring results of one school's rows under a filter. Each person is compared on the
 * scale questions her entry and exit questionnaires share (the same items by design,
 * QUESTIONNAIRES.md); with only one of them submitted, on all its scale questions.
 */
export function monitoringReport(
  facts: MonitoringFacts,
  filter: MonitoringFilter,
): MonitoringReport {
  const templates = new Map(facts.templates.map((t) => [t.id, t]));
  const pairs = new Map(facts.pairs.map((p) => [p.id, p]));
  const names = new Map(facts.participants.map((p) => [p.id, p]));
  const formOf = (pairId: string | null) => (pairId ? (pairs.get(pairId)?.form ?? null) : null);

  const counted = facts.responses.filter((r) => {
    const template = templates.get(r.template_id);
    if (!template || !REPORTED_KINDS.has(template.kind)) return false;
    if (r.deleted_at !== null || r.submitted_at === null) return false;
    // A deleted pair's answers no longer describe the school's programme.
    return !(r.pair_id && pairs.get(r.pair_id)?.deleted_at);
  });

  const units = new Map<string, Unit>();
  for (const r of counted) {
    const template = templates.get(r.template_id) as Template;
    if (template.kind === 'satisfaction') continue;
    if (names.get(r.participant_id)?.deleted_at) continue;
    const key = `${r.pair_id ?? '-'}:${r.participant_id}:${template.audience}`;
    let unit = units.get(key);
    if (!unit) {
      unit = {
        participantId: r.participant_id,
        pairId: r.pair_id,
        audience: template.audience,
        entry: [],
        exit: [],
      };
      units.set(key, unit);
    }
    (template.kind === 'entry' ? unit.entry : unit.exit).push(r);
  }

  const allPeople: PersonResult[] = [];
  const questions = new Map<string, QuestionAcc>();
  const question = (audience: QuestionnaireAudience, template: Template, itemId: string) => {
    const key = `${audience}:${itemId}`;
    const position = template.items.findIndex((i) => i.id === itemId);
    let acc = questions.get(key);
    if (!acc) {
      const text = template.items[position]!.text;
      acc = { itemId, text, position, entry: [], exit: [], change: [] };
      questions.set(key, acc);
    }
    return acc;
  };

  for (const [key, unit] of units) {
    const form = formOf(unit.pairId);
    const entryResponse = currentResponse(unit.entry);
    const exitResponse = currentResponse(unit.exit);
    const entryTemplate = entryResponse ? templates.get(entryResponse.template_id) : undefined;
    const exitTemplate = exitResponse ? templates.get(exitResponse.template_id) : undefined;
    const entry =
      entryTemplate && entryResponse ? scaleAnswers(entryTemplate, entryResponse) : null;
    const exit = exitTemplate && exitResponse ? scaleAnswers(exitTemplate, exitResponse) : null;
    const shared = entry && exit ? [...entry.keys()].filter((id) => exit.has(id)) : null;
    const averageOf = (answers: Map<string, number> | null) =>
      answers
        ? mean(shared ? shared.map((id) => answers.get(id)!) : [...answers.values()]).mean
        : null;
    const entryAverage = averageOf(entry);
    const exitAverage = averageOf(exit);
    const person: PersonResult = {
      key,
      participantId: unit.participantId,
      name: names.get(unit.participantId)?.full_name ?? null,
      pairId: unit.pairId,
      form,
      side: sideOf(unit.audience),
      audience: unit.audience,
      entry: entryAverage,
      exit: exitAverage,
      change: entryAverage !== null && exitAverage !== null ? exitAverage - entryAverage : null,
    };
    allPeople.push(person);
    if (!matchesFilter(filter, form, unit.audience)) continue;
    for (const [id, value] of entry ?? [])
      question(unit.audience, entryTemplate!, id).entry.push(value);
    for (const [id, value] of exit ?? [])
      question(unit.audience, exitTemplate!, id).exit.push(value);
    for (const id of shared ?? [])
      question(unit.audience, exitTemplate!, id).change.push(exit!.get(id)! - entry!.get(id)!);
  }

  const people = allPeople
    .filter((p) => matchesFilter(filter, p.form, p.audience))
    .sort(
      (a, b) => byRussianName(a.name ?? '\uffff', b.name ?? '\uffff') || a.key.localeCompare(b.key),
    );

  const questionGroups: QuestionGroup[] = [];
  for (const audience of QUESTIONNAIRE_AUDIENCES) {
    const list = [...questions.entries()]
      .filter(([key]) => key.startsWith(`${audience}:`))
      .map(([, acc]) => acc)
      .sort((a, b) => a.position - b.position || a.itemId.localeCompare(b.itemId));
    if (list.length === 0) continue;
    questionGroups.push({
      audience,
      questions: list.map((acc) => ({
        itemId: acc.itemId,
        text: acc.text,
        entry: mean(acc.entry),
        exit: mean(acc.exit),
        change: mean(acc.change),
      })),
    });
  }

  const satisfactionOf = (
    keep: (form: MentoringForm | null, audience: QuestionnaireAudience) => boolean,
  ) =>
    satisfactionShare(
      counted.filter((r) => keep(formOf(r.pair_id), templates.get(r.template_id)!.audience)),
      templates,
    );
  const inFilter =
    (side: MonitoringSideFilter) => (form: MentoringForm | null, audience: QuestionnaireAudience) =>
      matchesFilter(filter, form, audience) && (side === 'all' || sideOf(audience) === side);

  const byForm: FormResult[] = [];
  for (const form of MENTORING_FORMS) {
    const mine = allPeople.filter(
      (p) => p.form === form && matchesFilter(filter, form, p.audience, { ignoreForm: true }),
    );
    const satisfaction = satisfactionOf(
      (f, a) => f === form && matchesFilter(filter, f, a, { ignoreForm: true }),
    );
    if (mine.length === 0 && satisfaction.total === 0) continue;
    const values = (pick: (p: PersonResult) => number | null) =>
      mean(mine.map(pick).filter((v): v is number => v !== null));
    byForm.push({
      form,
      people: mine.length,
      entry: values((p) => p.entry),
      exit: values((p) => p.exit),
      change: values((p) => p.change),
      satisfaction,
    });
  }

  const schoolForms = new Set(facts.pairs.filter((p) => p.deleted_at === null).map((p) => p.form));
  return {
    hasResults: counted.length > 0,
    forms: MENTORING_FORMS.filter((f) => schoolForms.has(f)),
    people,
    questions: questionGroups,
    byForm,
    satisfaction: {
      all: satisfactionOf(inFilter('all')),
      mentee: satisfactionOf(inFilter('mentee')),
      mentor: satisfactionOf(inFilter('mentor')),
    },
  };
}
