// Spreadsheet exports (issue 13): the bases of mentors and mentees, pairs, meetings, plans,
// questionnaire results and the municipal «информационная карта наставника» (seed 004) as
// sheets of typed cells. Pure: rows in, a header and rows of cells out; src/exports/xlsx.ts
// writes the file. Keys under `exports.` are the spreadsheet's own vocabulary (headers, notes,
// yes/no), which loads with the writer (src/exports/sheetMessages.ts); other label keys are the
// app's (forms, statuses, kinds).
// Invariants (DOMAIN.md, who may read what): the facts carry no mentor's private note and no
// participant_sensitive row, and every column is picked by name, so neither can reach a
// sheet; a sheet notes what it leaves out or blank. Deleted rows never appear.
import { hasValidConsent, isConsentValidOn } from './consent';
import { computeKpis, type KpiInput, type KpiPeriod, type KpiTable } from './kpi';
import { localIsoDate } from './dates';
import { sideOf } from './monitoring';
import {
  PAIR_QUESTIONNAIRE_KINDS,
  currentResponse,
  localizedText,
  type QuestionnaireResponse,
  type QuestionnaireTemplateDefinition,
} from './questionnaires';
import {
  MENTORING_FORMS,
  type Consent,
  type DevelopmentPlan,
  type IsoDate,
  type Meeting,
  type Pair,
  type PairMember,
  type Participant,
  type PlanGoal,
  type PlanTask,
} from './types';

export const EXPORT_KINDS = [
  'mentors',
  'mentees',
  'pairs',
  'meetings',
  'plans',
  'questionnaires',
  'mentorCard',
  'kpi',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The file name's stem per export, e.g. `nastavniki-2026-12-01.xlsx`. */
export const EXPORT_FILE_STEMS: Record<ExportKind, string> = {
  mentors: 'nastavniki',
  mentees: 'nastavlyaemye',
  pairs: 'pary',
  meetings: 'vstrechi',
  plans: 'plany',
  questionnaires: 'ankety',
  mentorCard: 'karta-nastavnika',
  kpi: 'pokazateli',
};

export const exportFileName = (kind: ExportKind, today: IsoDate) =>
  `${EXPORT_FILE_STEMS[kind]}-${today}.xlsx`;

/** A cell: text, a number, a calendar date, or a message key (yes/no, kinds, forms, statuses). */
export type ExportCell =
  | { type: 'text'; value: string }
  | { type: 'number'; value: number }
  | { type: 'date'; value: IsoDate }
  | { type: 'label'; key: string }
  /** Several labels shown comma-separated (a mentor's forms of mentoring). */
  | { type: 'labels'; keys: string[] }
  | null;

export interface ExportColumn {
  /** Message key of the header: `exports.columns.<kind>.<column>`. */
  header: string;
  /** Width in characters. */
  width: number;
}

export interface ExportSheet {
  /** Names the sheet's tab (`exports.sheets.<kind>`): a school export, or the municipality's. */
  kind: ExportKind | 'municipalKpi';
  columns: ExportColumn[];
  rows: ExportCell[][];
  /** Message keys of what the sheet leaves out or blank (a notes sheet in the file). */
  notes: string[];
}

type Template = Pick<QuestionnaireTemplateDefinition, 'id' | 'kind' | 'audience' | 'items'>;

/**
 * What the exports are built from: the school's rows as staff read them. Deliberately without
 * meeting_private_notes and participant_sensitive (no field here can hold them).
 */
export interface ExportFacts {
  today: IsoDate;
  /** Questionnaire texts are data in Russian and maybe English: the locale picks. */
  locale: string;
  /** The school's name: a teacher's workplace when her card names none. */
  schoolName: string | null;
  participants: readonly Participant[];
  consents: readonly Consent[];
  pairs: readonly Pair[];
  members: readonly PairMember[];
  meetings: readonly Meeting[];
  plans: readonly DevelopmentPlan[];
  goals: readonly PlanGoal[];
  tasks: readonly PlanTask[];
  templates: readonly Template[];
  responses: readonly QuestionnaireResponse[];
  /** What only the KPI table reads (absent: none recorded, the default validity period). */
  kpi?: Pick<
    KpiInput,
    'trainings' | 'documents' | 'kpiValues' | 'municipalTargets' | 'trainingValidYears'
  >;
}

export const text = (value: string | null | undefined): ExportCell =>
  value && value.trim() !== '' ? { type: 'text', value } : null;
export const num = (value: number | null | undefined): ExportCell =>
  typeof value === 'number' ? { type: 'number', value } : null;
const date = (value: IsoDate | null | undefined): ExportCell =>
  value ? { type: 'date', value: value.slice(0, 10) } : null;
export const label = (key: string): ExportCell => ({ type: 'label', key });
export const yesNo = (value: boolean): ExportCell =>
  label(value ? 'exports.values.yes' : 'exports.values.no');

const alive = <T extends { deleted_at: string | null }>(rows: readonly T[]) =>
  rows.filter((r) => r.deleted_at === null);
const groupBy = <T, K>(rows: readonly T[], key: (row: T) => K) => {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
};
const collator = new Intl.Collator('ru');
const byName = (a: string, b: string) => collator.compare(a, b);

const col = (kind: ExportKind, name: string, width: number): ExportColumn => ({
  header: `exports.columns.${kind}.${name}`,
  width,
});

/** The people and pairs the sheets share: live rows, names and each pair's sides. */
function world(facts: ExportFacts) {
  const people = new Map(alive(facts.participants).map((p) => [p.id, p]));
  const pairs = new Map(alive(facts.pairs).map((p) => [p.id, p]));
  const sides = new Map<string, { mentors: string[]; mentees: string[] }>();
  const members = alive(facts.members).filter((m) => pairs.has(m.pair_id));
  for (const m of members) {
    let side = sides.get(m.pair_id);
    if (!side) sides.set(m.pair_id, (side = { mentors: [], mentees: [] }));
    const name = people.get(m.participant_id)?.full_name ?? m.full_name;
    if (name) (m.side === 'mentor' ? side.mentors : side.mentees).push(name);
  }
  for (const side of sides.values()) {
    side.mentors.sort(byName);
    side.mentees.sort(byName);
  }
  const sidesOf = (pairId: string) => sides.get(pairId) ?? { mentors: [], mentees: [] };
  /** «Петров Сергей Иванович — Смирнова Анна»: how a pair is named in every sheet. */
  const names = new Map<string, string>();
  for (const pair of pairs.values()) {
    const { mentors, mentees } = sidesOf(pair.id);
    const named = `${mentors.join(', ')} — ${mentees.join(', ')}`;
    names.set(pair.id, pair.title ? `${pair.title} (${named})` : named);
  }
  const pairName = (pairId: string | null) => (pairId ? (names.get(pairId) ?? '') : '');
  /** The pairs in name order (then oldest first): rows of many pairs sort by this rank. */
  const ordered = [...pairs.values()].sort(
    (a, b) => byName(pairName(a.id), pairName(b.id)) || a.created_at.localeCompare(b.created_at),
  );
  const rank = new Map(ordered.map((p, i) => [p.id, i]));
  const pairRank = (pairId: string) => rank.get(pairId) ?? ordered.length;
  return { people, pairs, members, ordered, sidesOf, pairName, pairRank };
}

/** The last day a valid consent covers the person (null: none; 'infinity': no end date). */
function consentUntil(
  person: Participant,
  consents: readonly Consent[],
  today: IsoDate,
): IsoDate | 'infinity' | null {
  const valid = consents.filter((c) => isConsentValidOn(c, person, today));
  if (valid.length === 0) return null;
  if (valid.some((c) => c.valid_until === null)) return 'infinity';
  return valid
    .map((c) => c.valid_until as IsoDate)
    .sort()
    .at(-1)!;
}

function baseOf(kind: 'mentors' | 'mentees', facts: ExportFacts): ExportSheet {
  const isMentors = kind === 'mentors';
  const people = alive(facts.participants)
    .filter((p) => (isMentors ? p.is_mentor : p.is_mentee))
    .sort((a, b) => byName(a.full_name, b.full_name));
  const columns = [
    col(kind, 'fullName', 34),
    col(kind, 'kind', 20),
    col(kind, 'classLabel', 8),
    ...(isMentors ? [col(kind, 'workplace', 28)] : []),
    col(kind, 'position', 22),
    col(kind, 'subject', 22),
    ...(isMentors ? [col(kind, 'phone', 18), col(kind, 'email', 26)] : [col(kind, 'minor', 14)]),
    col(kind, 'consent', 12),
    col(kind, 'consentUntil', 16),
    col(kind, 'archivedOn', 16),
  ];
  const consentsOf = groupBy(facts.consents, (c) => c.participant_id);
  const rows = people.map((p) => {
    const consents = consentsOf.get(p.id) ?? [];
    const until = consentUntil(p, consents, facts.today);
    return [
      text(p.full_name),
      label(`people.kinds.${p.kind}`),
      text(p.class_label),
      ...(isMentors ? [text(p.workplace)] : []),
      text(p.position),
      text(p.subject),
      ...(isMentors ? [text(p.phone), text(p.email)] : [yesNo(p.is_minor)]),
      yesNo(hasValidConsent(p, consents, facts.today)),
      until === 'infinity' ? label('exports.values.noEndDate') : date(until),
      date(p.archived_on),
    ];
  });
  const notes = isMentors
    ? ['exports.notes.consent']
    : ['exports.notes.sensitive', 'exports.notes.consent'];
  return { kind, columns, rows, notes };
}

function pairsSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  const pairs = w.ordered;
  const k = 'pairs';
  return {
    kind: k,
    columns: [
      col(k, 'form', 22),
      col(k, 'group', 12),
      col(k, 'status', 20),
      col(k, 'mentors', 34),
      col(k, 'mentees', 40),
      col(k, 'orderNumber', 14),
      col(k, 'orderDate', 14),
      col(k, 'startedOn', 14),
      col(k, 'endedOn', 14),
      col(k, 'endReason', 36),
    ],
    rows: pairs.map((p) => {
      const { mentors, mentees } = w.sidesOf(p.id);
      return [
        label(`forms.${p.form}`),
        yesNo(p.is_group),
        label(`pairs.status.${p.status}`),
        text(mentors.join(', ')),
        text(mentees.join(', ')),
        text(p.order_number),
        date(p.order_date),
        date(p.started_on),
        date(p.ended_on),
        text(p.end_reason),
      ];
    }),
    notes: [],
  };
}

/** The meetings a sheet lists: live ones of live pairs. */
const listedMeetings = (facts: ExportFacts, pairs: ReadonlyMap<string, Pair>) =>
  alive(facts.meetings).filter((m) => pairs.has(m.pair_id));

function meetingsSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  // By day, then pair: one number per meeting (YYYYMMDD × 10⁶ + the pair's rank), so 50,000
  // meetings sort without comparing strings.
  const meetings = listedMeetings(facts, w.pairs)
    .map((m) => ({
      m,
      key: Number(m.held_on.slice(0, 10).replaceAll('-', '')) * 1e6 + w.pairRank(m.pair_id),
    }))
    .sort((a, b) => a.key - b.key)
    .map(({ m }) => ({ m, pair: w.pairName(m.pair_id) }));
  const k = 'meetings';
  return {
    kind: k,
    columns: [
      col(k, 'pair', 44),
      col(k, 'heldOn', 14),
      col(k, 'type', 22),
      col(k, 'format', 14),
      col(k, 'duration', 14),
      col(k, 'topic', 36),
      col(k, 'notes', 44),
      col(k, 'agreements', 36),
      col(k, 'fromPaper', 16),
    ],
    // Picked column by column: the mentor's private note is another table and never here.
    rows: meetings.map(({ m, pair }) => [
      text(pair),
      date(m.held_on),
      label(`meetings.types.${m.type}`),
      label(`meetings.formats.${m.format}`),
      num(m.duration_min),
      text(m.topic),
      text(m.notes),
      text(m.agreements),
      yesNo(m.entered_by_staff === true),
    ]),
    notes: ['exports.notes.privateNotes'],
  };
}

function plansSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  const plans = alive(facts.plans)
    .filter((p) => w.pairs.has(p.pair_id))
    .sort(
      (a, b) =>
        w.pairRank(a.pair_id) - w.pairRank(b.pair_id) || a.created_at.localeCompare(b.created_at),
    )
    .map((plan) => ({ plan, pair: w.pairName(plan.pair_id) }));
  const goalsOf = groupBy(alive(facts.goals), (g) => g.plan_id);
  const tasksOf = groupBy(alive(facts.tasks), (t) => t.plan_id);
  const byPosition = <T extends { position: number; created_at: string }>(a: T, b: T) =>
    a.position - b.position || a.created_at.localeCompare(b.created_at);
  const rows: ExportCell[][] = [];
  for (const { plan, pair } of plans) {
    const planGoals = [...(goalsOf.get(plan.id) ?? [])].sort(byPosition);
    const goalTitle = new Map(planGoals.map((g, i) => [g.id, { title: g.title, order: i }]));
    // Tasks under a goal in the goals' order; tasks under no (live) goal last.
    const goalOrder = (t: PlanTask) => goalTitle.get(t.goal_id ?? '')?.order ?? planGoals.length;
    const planTasks = [...(tasksOf.get(plan.id) ?? [])].sort(
      (a, b) => goalOrder(a) - goalOrder(b) || byPosition(a, b),
    );
    const head = [text(pair), text(w.people.get(plan.mentee_id)?.full_name), text(plan.title)];
    if (planTasks.length === 0) rows.push([...head, null, null, null, null, null]);
    for (const t of planTasks) {
      rows.push([
        ...head,
        text(goalTitle.get(t.goal_id ?? '')?.title),
        text(t.title),
        date(t.due_on),
        label(`plans.task.statuses.${t.status}`),
        text(t.result),
      ]);
    }
  }
  const k = 'plans';
  return {
    kind: k,
    columns: [
      col(k, 'pair', 44),
      col(k, 'mentee', 30),
      col(k, 'plan', 30),
      col(k, 'goal', 36),
      col(k, 'task', 40),
      col(k, 'dueOn', 14),
      col(k, 'status', 16),
      col(k, 'result', 40),
    ],
    rows,
    notes: [],
  };
}

function answerCell(template: Template, itemId: string, value: unknown, locale: string) {
  const item = template.items.find((i) => i.id === itemId);
  if (typeof value === 'number') return num(value);
  if (typeof value !== 'string') return null;
  if (item?.type === 'choice') {
    const choice = item.choices.find((c) => c.value === value);
    return text(choice ? localizedText(choice.text, locale) : value);
  }
  return text(value);
}

/** The questionnaires of a pair in the order they come: entry, exit, satisfaction. */
const KIND_ORDER: Partial<Record<string, number>> = Object.fromEntries(
  PAIR_QUESTIONNAIRE_KINDS.map((kind, index) => [kind, index]),
);

function questionnairesSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  const templates = new Map(facts.templates.map((t) => [t.id, t]));
  // Submitted only; one response per person, pair and questionnaire (the latest submitted).
  const submitted = facts.responses.filter((r) => {
    const template = templates.get(r.template_id);
    if (!template || !(template.kind in KIND_ORDER)) return false;
    if (r.deleted_at !== null || r.submitted_at === null) return false;
    if (r.pair_id && !w.pairs.has(r.pair_id)) return false;
    return w.people.has(r.participant_id);
  });
  const groups = groupBy(submitted, (r) => {
    const { kind, audience } = templates.get(r.template_id)!;
    return `${r.pair_id ?? '-'}:${r.participant_id}:${kind}:${audience}`;
  });
  const responses = [...groups.values()]
    .map((list) => currentResponse(list)!)
    .map((r) => ({
      r,
      t: templates.get(r.template_id)!,
      name: w.people.get(r.participant_id)!.full_name,
    }))
    .sort(
      (a, b) =>
        byName(a.name, b.name) ||
        KIND_ORDER[a.t.kind]! - KIND_ORDER[b.t.kind]! ||
        (a.r.submitted_at as string).localeCompare(b.r.submitted_at as string),
    );
  const rows: ExportCell[][] = [];
  for (const { r, t, name } of responses) {
    t.items.forEach((item, index) => {
      if (!(item.id in r.answers)) return;
      rows.push([
        text(name),
        label(`exports.values.${sideOf(t.audience)}`),
        text(w.pairName(r.pair_id)),
        label(`questionnaires.kinds.${t.kind}`),
        // The day she pressed «Отправить», on this device's calendar.
        date(localIsoDate(new Date(r.submitted_at as string))),
        num(index + 1),
        text(localizedText(item.text, facts.locale)),
        answerCell(t, item.id, r.answers[item.id], facts.locale),
      ]);
    });
  }
  const k = 'questionnaires';
  return {
    kind: k,
    columns: [
      col(k, 'person', 34),
      col(k, 'side', 16),
      col(k, 'pair', 44),
      col(k, 'questionnaire', 26),
      col(k, 'submittedOn', 14),
      col(k, 'number', 8),
      col(k, 'question', 60),
      col(k, 'answer', 30),
    ],
    rows,
    notes: ['exports.notes.submittedOnly'],
  };
}

/**
 * The municipal registry card (seed 004, «Информационная карта наставника»): one row per
 * mentor taking part, in the seed's column order. What the app does not keep (qualification
 * category, technologies, methodical support, readiness for network work, social links) is
 * left blank for the curator to fill in.
 */
function mentorCardSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  const mentors = [...w.people.values()]
    .filter((p) => p.is_mentor && !p.archived_on)
    .sort((a, b) => byName(a.full_name, b.full_name));
  const formsOf = new Map<string, Set<string>>();
  for (const m of w.members) {
    const pair = w.pairs.get(m.pair_id);
    if (m.side !== 'mentor' || !pair || pair.status === 'draft') continue;
    const set = formsOf.get(m.participant_id) ?? new Set<string>();
    formsOf.set(m.participant_id, set.add(pair.form));
  }
  const k = 'mentorCard';
  return {
    kind: k,
    columns: [
      col(k, 'number', 6),
      col(k, 'fullName', 34),
      col(k, 'workplace', 30),
      col(k, 'position', 22),
      col(k, 'subject', 26),
      col(k, 'forms', 30),
      col(k, 'category', 20),
      col(k, 'technologies', 28),
      col(k, 'support', 36),
      col(k, 'network', 24),
      col(k, 'social', 26),
      col(k, 'phone', 18),
      col(k, 'email', 26),
    ],
    rows: mentors.map((p, index) => {
      const forms = MENTORING_FORMS.filter((f) => formsOf.get(p.id)?.has(f));
      const workplace = p.workplace ?? (p.kind === 'teacher' ? facts.schoolName : null);
      return [
        num(index + 1),
        text(p.full_name),
        text(workplace),
        text(p.position),
        text(p.subject),
        forms.length > 0 ? { type: 'labels', keys: forms.map((f) => `forms.${f}`) } : null,
        null,
        null,
        null,
        null,
        null,
        text(p.phone),
        text(p.email),
      ] satisfies ExportCell[];
    }),
    notes: ['exports.notes.cardBlank', 'exports.notes.cardSupport', 'exports.notes.cardConsent'],
  };
}

// ---- the KPI table (seed 004) ------------------------------------------------------------

/** The KPI table's file: `pokazateli-2026.xlsx`, `pokazateli-2026-1.xlsx` for a half-year. */
export const kpiFileName = (period: KpiPeriod) =>
  `${EXPORT_FILE_STEMS.kpi}-${period.year}${period.half ? `-${period.half}` : ''}.xlsx`;

/** The columns of a share's numbers, also the municipal table's (domain/municipalExport.ts). */
export const KPI_VALUE_COLUMNS: [string, number][] = [
  ['numerator', 12],
  ['denominator', 12],
  ['percent', 12],
  ['target', 14],
  ['targetSource', 18],
  ['met', 12],
];
const KPI_COLUMNS: [string, number][] = [['indicator', 70], ...KPI_VALUE_COLUMNS, ['toFill', 50]];

/**
 * The table as the municipality asks for it: the five documents (да/нет, with the number and
 * date), then the eleven shares with numerator, denominator, %, target, whose target it is (the
 * school's, the municipality's or the seed's) and whether it is met;
 * a cell that cannot be counted stays empty and says what to fill in. The period is the
 * sheet's first row.
 */
export function kpiSheet(table: KpiTable): ExportSheet {
  const empty = (n: number): ExportCell[] => Array<ExportCell>(n).fill(null);
  const section = (key: string): ExportCell[] => [label(key), ...empty(KPI_COLUMNS.length - 1)];
  const periodKey = table.period.half
    ? `exports.kpi.period.half${table.period.half}`
    : 'exports.kpi.period.year';
  return {
    kind: 'kpi',
    columns: KPI_COLUMNS.map(([key, width]) => ({ header: `exports.columns.kpi.${key}`, width })),
    rows: [
      [label(periodKey), num(table.period.year), ...empty(KPI_COLUMNS.length - 2)],
      section('exports.kpi.sections.documents'),
      ...table.documents.map((d): ExportCell[] => [
        label(`exports.kpi.documents.${d.kind}`),
        null,
        null,
        yesNo(d.adopted),
        null,
        null,
        null,
        d.document
          ? text(
              [d.document.number ? `№ ${d.document.number}` : null, d.document.note]
                .filter(Boolean)
                .join(', '),
            )
          : label('exports.kpi.toFill.document'),
      ]),
      section('exports.kpi.sections.shares'),
      ...table.shares.map((s): ExportCell[] => [
        label(`exports.kpi.indicators.${s.key}`),
        num(s.numerator),
        num(s.denominator),
        num(s.percent),
        num(s.target),
        s.targetSource ? label(`exports.kpi.targetSources.${s.targetSource}`) : null,
        s.met === null ? null : yesNo(s.met),
        s.issues.length > 0
          ? { type: 'labels', keys: s.issues.map((i) => `exports.kpi.toFill.${i.key}`) }
          : null,
      ]),
    ],
    notes: [
      'exports.notes.kpiDefinitions',
      'exports.notes.kpiTargets',
      'exports.notes.kpiTraining',
    ],
  };
}

/** The KPI sheet of the exports page: the current calendar year. */
function kpiOfFacts(facts: ExportFacts): ExportSheet {
  const input: KpiInput = {
    participants: facts.participants,
    pairs: facts.pairs,
    members: facts.members,
    templates: facts.templates,
    responses: facts.responses,
    trainings: facts.kpi?.trainings ?? [],
    documents: facts.kpi?.documents ?? [],
    kpiValues: facts.kpi?.kpiValues ?? [],
    municipalTargets: facts.kpi?.municipalTargets ?? [],
    trainingValidYears: facts.kpi?.trainingValidYears ?? null,
  };
  return kpiSheet(computeKpis(input, { year: Number(facts.today.slice(0, 4)), half: null }));
}

const BUILDERS: Record<ExportKind, (facts: ExportFacts) => ExportSheet> = {
  mentors: (facts) => baseOf('mentors', facts),
  mentees: (facts) => baseOf('mentees', facts),
  pairs: pairsSheet,
  meetings: meetingsSheet,
  plans: plansSheet,
  questionnaires: questionnairesSheet,
  mentorCard: mentorCardSheet,
  kpi: kpiOfFacts,
};

export function buildExport(kind: ExportKind, facts: ExportFacts): ExportSheet {
  return BUILDERS[kind](facts);
}

/**
 * How many rows the sheet will have, without building it where that is costly (the meeting
 * log of a large school): what the exports page shows beside each download.
 */
export function exportRowCount(kind: ExportKind, facts: ExportFacts): number {
  if (kind === 'meetings') {
    return listedMeetings(facts, new Map(alive(facts.pairs).map((p) => [p.id, p]))).length;
  }
  return buildExport(kind, facts).rows.length;
}
