// The shape of an export (issue 13): which spreadsheets there are and their file names, the
// typed cells, columns and sheet a builder returns, and the facts every builder reads. Shared
// by the sheet builders (exports/*.ts) and the entry, domain/exports.ts.
import type { KpiInput } from '../kpi';
import type { QuestionnaireResponse, QuestionnaireTemplateDefinition } from '../questionnaires';
import type {
  Consent,
  DevelopmentPlan,
  IsoDate,
  Meeting,
  Pair,
  PairMember,
  Participant,
  PlanGoal,
  PlanTask,
} from '../types';

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

export type Template = Pick<QuestionnaireTemplateDefinition, 'id' | 'kind' | 'audience' | 'items'>;

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
