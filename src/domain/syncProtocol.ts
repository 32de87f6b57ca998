// The wire contract of supabase/schemas/930_sync_push.sql and 940_sync_pull.sql (sync_push /
// sync_pull) and the typed errors of the sync layer. Pure types and small pure helpers: no I/O here.

export type MutationOp = 'insert' | 'patch' | 'delete';

export interface Mutation {
  mutation_id: string;
  seq: number;
  table: string;
  row_id: string;
  op: MutationOp;
  fields: Record<string, unknown>;
  base: Record<string, unknown>;
}

export type MutationStatus = 'applied' | 'duplicate' | 'conflict' | 'rejected';

/**
 * One answer of sync_push, all of it (the server computes nothing else): the fields of a
 * conflict are named by its sync_conflicts rows, and versions come with the rows in sync_pull.
 */
export interface MutationResult {
  mutation_id: string;
  status: MutationStatus;
  /** A SQLSTATE (database refusal) or a sync word (invalid_mutation, field_conflict, row_deleted, …). */
  code?: string;
  constraint?: string | null;
  message?: string;
  /** Patches (and inserts merged into an existing row): the fields written; [] = nothing written. */
  applied?: string[];
  /** For a duplicate: the status the mutation got the first time. */
  original_status?: MutationStatus;
}

export interface PushResponse {
  results: MutationResult[];
}

export interface SyncScope {
  key: string;
  kind: string;
  school_id: string | null;
  id: string | null;
}

export interface PullResponse {
  changes: { table: string; row: Record<string, unknown> & { id: string } }[];
  cursors: Record<string, number>;
  has_more: boolean;
  scopes: SyncScope[];
  resync_required: boolean;
  resync_schools?: string[];
}

export interface SyncTransport {
  push(deviceId: string, mutations: Mutation[]): Promise<PushResponse>;
  pull(cursors: Record<string, number>, limit: number): Promise<PullResponse>;
}

export type SyncErrorReason =
  | 'network'
  | 'auth'
  | 'rate_limited'
  | 'server'
  | 'bad_request'
  | 'protocol'
  /** The device has no space left for what the server sends; nothing is lost, it waits. */
  | 'storage_full';

/** What went wrong in a sync round, and whether trying again later can help. */
export class SyncError extends Error {
  constructor(
    readonly reason: SyncErrorReason,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  get retryable(): boolean {
    return (
      this.reason === 'network' ||
      this.reason === 'rate_limited' ||
      this.reason === 'server' ||
      this.reason === 'storage_full'
    );
  }
}

/** Classifies an HTTP status (0 = no response) into a sync error reason. */
export function reasonForStatus(status: number): SyncErrorReason {
  if (status === 0) return 'network';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** The effective outcome of a result (a duplicate answers with its first outcome). */
export function effectiveStatus(result: MutationResult): MutationStatus {
  return result.status === 'duplicate' ? (result.original_status ?? 'applied') : result.status;
}

/**
 * Exponential backoff with "equal jitter": half fixed, half random, so a school's phones
 * coming back online together do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  random: number,
  baseMs = 2_000,
  maxMs = 5 * 60_000,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * PostgreSQL keeps at most 64 subtransactions per transaction in its fast cache; past that,
 * every other session's snapshots get slower while the call runs. The server gives each
 * patch and delete a subtransaction of its own (a run of inserts shares one), so a batch
 * carries at most this many of them.
 */
export const MAX_SUBTRANSACTIONS_PER_PUSH = 60;

/**
 * The longest prefix of `batch` (outbox order is kept) with at most `maxOthers` mutations that
 * are not inserts; never empty when the batch is not.
 */
export function pushablePrefix<T extends { op: MutationOp }>(
  batch: readonly T[],
  maxOthers: number = MAX_SUBTRANSACTIONS_PER_PUSH,
): T[] {
  let others = 0;
  for (let i = 0; i < batch.length; i++) {
    if (batch[i]!.op !== 'insert') others++;
    if (others > maxOthers) return batch.slice(0, Math.max(i, 1));
  }
  return [...batch];
}
