// The messages between the page and the roll import worker (sheetWorker.ts).
import type {
  ExistingPerson,
  RollDefaultKind,
  RollMapping,
  RollPlan,
  RollPlanSummary,
} from '@/domain/roll';
import type { RollFileFailure } from './errors';
import type { RollSheetInfo } from './sheet';

export type ToWorker =
  | { type: 'open'; file: Blob; existing: readonly ExistingPerson[]; today: string }
  | { type: 'plan'; id: number; mapping: RollMapping; defaultKind: RollDefaultKind }
  /** The whole plan of the last `plan` request, for the import. */
  | { type: 'full'; id: number };

export type FromWorker =
  | { type: 'opened'; info: RollSheetInfo }
  | { type: 'planned'; id: number; summary: RollPlanSummary }
  | { type: 'full'; id: number; plan: RollPlan }
  | { type: 'failed'; reason: RollFileFailure };
