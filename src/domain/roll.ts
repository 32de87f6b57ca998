// The school roll (контингент) as the school exports it: a sheet of rows with a title, merged
// header rows and blank lines, turned into a plan of people to create, people already there to
// update, and rows refused with a reason. Pure: the reading of files is src/import/, the writing
// src/data/rollImport.ts.
// The parts live in domain/roll/: types, text, header, values, row and plan (its invariants are
// there); this entry re-exports them and owns what the preview and the result screens show.
import type { ParsedRow, RefusedRow } from './roll/row';
import type { RollPlan } from './roll/plan';

export {
  ROLL_DEFAULT_KINDS,
  ROLL_FIELDS,
  ROLL_LIMITS,
  type RollCell,
  type RollDefaultKind,
  type RollField,
  type RollMapping,
  type RollRow,
} from './roll/types';
export { foldText, nameKey } from './roll/text';
export {
  findHeader,
  guessDefaultKind,
  guessField,
  guessMapping,
  hasNameColumns,
  type RollHeader,
} from './roll/header';
export {
  isManagerPosition,
  normaliseClassLabel,
  parseKind,
  parseRollDate,
  parseYears,
  type ParsedDate,
} from './roll/values';
export {
  REFUSAL_REASONS,
  isMinorOn,
  parseRollRow,
  type ParsedRow,
  type RefusalReason,
  type RefusedRow,
  type RollPerson,
} from './roll/row';
export { planRoll, type ExistingPerson, type PlannedUpdate, type RollPlan } from './roll/plan';

/**
 * What the preview shows of a plan: the counts, the first refused rows and the first new people.
 * The whole plan stays where it was made (the import worker) until the import: a 2,000-row
 * plan copied to the page on every column change would hold up its main thread.
 */
export interface RollPlanSummary {
  counts: { create: number; update: number; unchanged: number; refused: number };
  refused: RefusedRow[];
  create: ParsedRow[];
}

export const PREVIEW_LIMITS = { refused: 200, create: 20 } as const;

export function summarisePlan(plan: RollPlan): RollPlanSummary {
  return {
    counts: {
      create: plan.create.length,
      update: plan.update.length,
      unchanged: plan.unchanged.length,
      refused: plan.refused.length,
    },
    refused: plan.refused.slice(0, PREVIEW_LIMITS.refused),
    create: plan.create.slice(0, PREVIEW_LIMITS.create),
  };
}

/** What an applied import did. */
export interface RollImportResult {
  created: number;
  updated: number;
}

/** What undoing it did. */
export interface RollUndoResult {
  deleted: number;
  restored: number;
  /** New people kept because they are in a pair or have a consent by now. */
  kept: number;
}
