// Owns when sync runs: on start, when the network comes back, when the app becomes visible,
// on an interval, and shortly after a local write; with exponential backoff and jitter on
// its own timer after a failure. Only one tab runs the loop (Web Locks); the others show
// what the leader writes into IndexedDB.
import { backoffDelay, SyncError } from '@/domain/syncProtocol';
import type { SyncEngine } from './engine';

export interface SchedulerEnv {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
  isOnline(): boolean;
  /** Subscribes to the online and visible triggers; returns an unsubscribe. */
  subscribe(trigger: () => void): () => void;
  /** Runs `work` while this tab holds the named lock (the leader), or at once without locks. */
  withLeaderLock(name: string, work: () => Promise<void>): Promise<void>;
}

export const INTERVAL_MS = 60_000;
export const WRITE_DEBOUNCE_MS = 1_500;

export class SyncScheduler {
  private timer: unknown = null;
  private attempt = 0;
  private stopped = true;
  private unsubscribe: (() => void) | null = null;
  private releaseLeader: (() => void) | null = null;
  /** Set when the server refused our credentials: wait for a new sign-in. */
  private needsAuth = false;

  constructor(
    private readonly engine: SyncEngine,
    private readonly env: SchedulerEnv,
    private readonly lockName: string,
  ) {}

  /** Becomes the leader when possible, then syncs on every trigger until stopped. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.env.withLeaderLock(this.lockName, async () => {
      if (this.stopped) return;
      this.unsubscribe = this.env.subscribe(() => this.poke(0));
      this.poke(0);
      await new Promise<void>((resolve) => (this.releaseLeader = resolve));
    });
  }

  stop(): void {
    this.stopped = true;
    this.env.clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.releaseLeader?.();
    this.releaseLeader = null;
  }

  /** A local write happened: sync soon (debounced), unless a retry is already scheduled. */
  notifyWrite(): void {
    if (this.attempt === 0) this.poke(WRITE_DEBOUNCE_MS);
  }

  /** Credentials were renewed (sign-in, token refresh): try again now. */
  notifyAuthRenewed(): void {
    this.needsAuth = false;
    this.attempt = 0;
    this.poke(0);
  }

  private poke(delayMs: number): void {
    if (this.stopped || (this.releaseLeader === null && this.unsubscribe === null)) return;
    this.env.clearTimeout(this.timer);
    this.timer = this.env.setTimeout(() => void this.run(), delayMs);
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.needsAuth || !this.env.isOnline()) return;
    try {
      await this.engine.syncOnce();
      this.attempt = 0;
      this.timer = this.env.setTimeout(() => void this.run(), INTERVAL_MS);
    } catch (error) {
      const retryable = !(error instanceof SyncError) || error.retryable;
      if (error instanceof SyncError && error.reason === 'auth') this.needsAuth = true;
      const retryInMs = retryable ? backoffDelay(this.attempt++, this.env.random()) : null;
      this.engine.events.emit({
        type: 'round-failed',
        reason: error instanceof SyncError ? error.reason : 'unknown',
        retryable,
        retryInMs,
      });
      if (retryInMs !== null) this.timer = this.env.setTimeout(() => void this.run(), retryInMs);
    }
  }
}

/** The browser's environment: real timers, Web Locks, online/visibility events. */
export function browserSchedulerEnv(): SchedulerEnv {
  return {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
    random: Math.random,
    isOnline: () => globalThis.navigator?.onLine ?? true,
    subscribe(trigger) {
      const onVisible = () => document.visibilityState === 'visible' && trigger();
      window.addEventListener('online', trigger);
      document.addEventListener('visibilitychange', onVisible);
      // The interval is the scheduler's own timer after each round.
      return () => {
        window.removeEventListener('online', trigger);
        document.removeEventListener('visibilitychange', onVisible);
      };
    },
    async withLeaderLock(name, work) {
      const locks = globalThis.navigator?.locks;
      if (!locks) return work();
      await locks.request(name, work);
    },
  };
}
