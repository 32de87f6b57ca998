// The shapes of the KPI table: the period, the school's rows it is computed from, the rows it
// shows (shares, documents) and the counts the SQL twin returns. Types only.
import type { QuestionnaireResponse, QuestionnaireTemplateDefinition } from '../questionnaires';
import type {
  IsoDate,
  KpiValue,
  MentorTraining,
  Pair,
  PairMember,
  Participant,
  SchoolDocument,
} from '../types';
import type { KpiDocumentKind, KpiShareKey } from './indicators';

/** A calendar year, or its first (1) or second (2) half. */
export interface KpiPeriod {
  year: number;
  half: 1 | 2 | null;
}

type Template = Pick<QuestionnaireTemplateDefinition, 'id' | 'kind' | 'audience' | 'items'>;

/** The school's rows the table is computed from (deleted rows are ignored wherever they are). */
export interface KpiInput {
  participants: readonly Participant[];
  pairs: readonly Pair[];
  members: readonly PairMember[];
  trainings: readonly MentorTraining[];
  templates: readonly Template[];
  responses: readonly QuestionnaireResponse[];
  documents: readonly SchoolDocument[];
  kpiValues: readonly KpiValue[];
  /** The targets the school's municipality set, as last fetched (none: not fetched yet). */
  municipalTargets?: readonly MunicipalTarget[];
  /** schools.training_valid_years (null: the default, 3). */
  trainingValidYears: number | null;
}

/** What to fill in for a cell to count (a message key under `kpi.issues.`, with a count). */
export interface KpiIssue {
  key:
    | 'noStudents'
    | 'studentsAgeMissing'
    | 'noStudents1519'
    | 'noManagers'
    | 'noTeachers'
    | 'teachersAgeOrExperienceMissing'
    | 'noYoungTeachers'
    | 'enterPreschool'
    | 'enterEnterprises'
    | 'noMenteeAnswers'
    | 'noMentorAnswers';
  count?: number;
  /** Where the user fills it in. */
  where: 'people' | 'values' | 'questionnaires';
}

export interface KpiShareRow {
  key: KpiShareKey;
  numerator: number | null;
  denominator: number | null;
  /** Rounded whole percent; null when the share cannot be computed. */
  percent: number | null;
  /** %, the school's, else the municipality's, else the seed's; null: none for that year. */
  target: number | null;
  /** Where `target` comes from; null when there is none. */
  targetSource: TargetSource | null;
  /** Whether the share reaches the target (exact, not the rounded percent); null: unknown. */
  met: boolean | null;
  /** Entered by the school (ДОО, enterprises) rather than counted from the roll. */
  isEntered: boolean;
  issues: KpiIssue[];
}

export interface KpiDocumentRow {
  kind: KpiDocumentKind;
  indicator: string;
  adopted: boolean;
  /** The latest dated document of the kind (on or before the period's end), if any. */
  document: SchoolDocument | null;
}

export interface KpiTable {
  period: KpiPeriod;
  from: IsoDate;
  to: IsoDate;
  documents: KpiDocumentRow[];
  shares: KpiShareRow[];
}

/** One row as the SQL function returns it: the table's counts, nothing else. */
export interface KpiCount {
  indicator: string;
  numerator: number | null;
  denominator: number | null;
}

/** A yearly target set by the municipality (public.municipal_kpi_targets), %. */
export interface MunicipalTarget {
  indicator: string;
  year: number;
  value: number;
}

/** Who set the target a row is held against. */
export type TargetSource = 'school' | 'municipality' | 'default';
