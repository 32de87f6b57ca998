// Owns one sync round: push the outbox in batches, then pull until the server says there is
// no more, applying each page with its cursors. Talks to IndexedDB only through data/ and to
// the server only through a SyncTransport; reports through events.
// Invariants: a round never holds an IndexedDB transaction across a network call; the
// outbox is read fresh for every batch, so writes made during the round are sent too and
// never removed unanswered; a failed round leaves the outbox and cursors as they were (the
// sent mark stays: what may have reached the server is never changed afterwards).
import type { DataContext } from '@/data/context';
import { isStorageFull } from '@/data/persistence';
import {
  applyPullPage,
  purgeNeeded,
  purgeOutOfScope,
  readCursors,
  resetSchools,
  settlePushResults,
  takeOutboxBatch,
} from '@/data/syncStore';
import { SyncError, type SyncTransport } from '@/domain/syncProtocol';
import { SyncEvents } from './events';

/**
 * Mutations per sync_push call by default. The server applies a run of plain inserts as one
 * set-based INSERT (one subtransaction) and everything else one subtransaction per mutation;
 * it accepts at most 500 per call.
 */
export const DEFAULT_PUSH_BATCH = 200;

export interface SyncEngineOptions {
  /** Mutations per sync_push call (default DEFAULT_PUSH_BATCH). */
  batchSize?: number;
  /** Rows per sync_pull page (PostgREST caps results; the server pages on whole versions). */
  pullLimit?: number;
  /** A bound on pages per round, so a round always ends. */
  maxPages?: number;
}

export interface RoundResult {
  pushed: number;
  pulled: number;
  rejected: number;
  conflicts: number;
}

export class SyncEngine {
  readonly events = new SyncEvents();
  private running: Promise<RoundResult> | null = null;
  private readonly batchSize: number;
  private readonly pullLimit: number;
  private readonly maxPages: number;

  constructor(
    private readonly ctx: DataContext,
    private readonly transport: SyncTransport,
    options: SyncEngineOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_PUSH_BATCH;
    this.pullLimit = options.pullLimit ?? 1000;
    this.maxPages = options.maxPages ?? 1000;
  }

  /** Runs a round; concurrent callers share the round in flight. */
  syncOnce(): Promise<RoundResult> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<RoundResult> {
    const result: RoundResult = { pushed: 0, pulled: 0, rejected: 0, conflicts: 0 };
    try {
      this.events.emit({ type: 'phase', phase: 'pushing' });
      await this.push(result);
      this.events.emit({ type: 'phase', phase: 'pulling' });
      await this.pull(result);
      this.events.emit({ type: 'round-complete', ...result, at: new Date().toISOString() });
      return result;
    } catch (error) {
      // A full disk aborts the transaction of the page's chunk being written: the chunks before
      // it stay (pulled rows are the server's; applying them again changes nothing), no cursor
      // of the page was kept, the outbox is untouched, and the next round fetches it again.
      if (isStorageFull(error)) throw new SyncError('storage_full', 'no space left on the device');
      throw error;
    } finally {
      this.events.emit({ type: 'phase', phase: 'idle' });
    }
  }

  private async push(result: RoundResult): Promise<void> {
    const { db, deviceId } = this.ctx;
    for (;;) {
      // Marked as sent before the request: a later edit never merges into what may arrive.
      const batch = await takeOutboxBatch(db, this.batchSize);
      if (batch.length === 0) return;
      const response = await this.transport.push(deviceId, batch);
      const answered = new Set(response.results.map((r) => r.mutation_id));
      if (!batch.every((m) => answered.has(m.mutation_id))) {
        throw new SyncError('protocol', 'sync_push did not answer for every mutation');
      }
      const summary = await settlePushResults(db, response, batch);
      result.pushed += batch.length;
      result.rejected += summary.rejected;
      result.conflicts += summary.conflicts;
    }
  }

  private async pull(result: RoundResult): Promise<void> {
    const { db } = this.ctx;
    for (let page = 0; page < this.maxPages; page++) {
      const response = await this.transport.pull(await readCursors(db), this.pullLimit);
      if (response.resync_required) {
        const schools = response.resync_schools ?? [];
        await resetSchools(db, schools);
        this.events.emit({ type: 'resync', schools });
        continue;
      }
      result.pulled += await applyPullPage(db, response);
      // Also after a crash between the page that lost a scope and its purge.
      if (await purgeNeeded(db)) {
        const rows = await purgeOutOfScope(db);
        if (rows > 0) this.events.emit({ type: 'purged', rows });
      }
      if (!response.has_more) return;
    }
  }
}
