// Owns the running sync of a signed-in user: that user's own database, the engine, the
// scheduler, and the counts the badge needs. Switching users stops everything first, so an
// outbox is never sent with another user's token.
import { createSyncTransport } from '@/api/syncTransport';
import type { AppSupabaseClient } from '@/api';
import {
  appDataContext,
  openDataContext,
  openUserDataContext,
  setAppDataContext,
  type DataContext,
} from '@/data/context';
import { pendingCount } from '@/data/outbox';
import { observeSyncCounts, type SyncCounts } from '@/data/queries';
import { SyncEngine } from './engine';
import type { SyncListener } from './events';
import { browserSchedulerEnv, SyncScheduler, type SchedulerEnv } from './scheduler';

export interface ActiveSync {
  ctx: DataContext;
  engine: SyncEngine;
  scheduler: SyncScheduler;
  stop(): void;
}

let active: ActiveSync | null = null;

export async function activateSync(
  client: AppSupabaseClient,
  userId: string,
  schoolId: string,
  listeners: { onEvent: SyncListener; onCounts: (counts: SyncCounts) => void },
  env: SchedulerEnv = browserSchedulerEnv(),
): Promise<ActiveSync> {
  deactivateSync();
  const context = openUserDataContext(userId, schoolId);
  setAppDataContext(context);
  const ctx = await context;
  const engine = new SyncEngine(ctx, createSyncTransport(client));
  const scheduler = new SyncScheduler(engine, env, `nastavnik-sync-${userId}`);
  const offEvents = engine.events.on(listeners.onEvent);
  let lastPending = -1;
  const counts = observeSyncCounts(ctx).subscribe({
    next: (value) => {
      listeners.onCounts(value);
      if (value.pending > lastPending && lastPending >= 0) scheduler.notifyWrite();
      lastPending = value.pending;
    },
  });
  scheduler.start();
  active = {
    ctx,
    engine,
    scheduler,
    stop: () => {
      scheduler.stop();
      offEvents();
      counts.unsubscribe();
    },
  };
  return active;
}

/**
 * The signed-in user now acts in another of her schools: the same database (it holds every
 * school's rows of this user), the same engine, outbox and unsent writes; only the school new
 * rows take changes, and the screens read again (setAppDataContext tells them).
 */
export function switchSyncSchool(schoolId: string): void {
  if (!active || active.ctx.schoolId === schoolId) return;
  active.ctx = { ...active.ctx, schoolId };
  setAppDataContext(Promise.resolve(active.ctx));
}

/** Stops syncing and returns the app to the device-only database. */
export function deactivateSync(): void {
  active?.stop();
  active = null;
  setAppDataContext(openDataContext());
}

export function activeSync(): ActiveSync | null {
  return active;
}

/** How many writes are still waiting for the server in the current database. */
export async function unsyncedCount(): Promise<number> {
  return pendingCount((await appDataContext()).db);
}
