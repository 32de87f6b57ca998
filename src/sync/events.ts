// Owns the sync layer's events: the engine reports, a store listens. Nothing here knows Vue.

export type SyncPhase = 'idle' | 'pushing' | 'pulling';

export type SyncEvent =
  | { type: 'phase'; phase: SyncPhase }
  | {
      type: 'round-complete';
      pushed: number;
      pulled: number;
      rejected: number;
      conflicts: number;
      at: string;
    }
  | { type: 'round-failed'; reason: string; retryable: boolean; retryInMs: number | null }
  | { type: 'resync'; schools: string[] }
  | { type: 'purged'; rows: number };

export type SyncListener = (event: SyncEvent) => void;

export class SyncEvents {
  private readonly listeners = new Set<SyncListener>();

  on(listener: SyncListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SyncEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    }
  }
}
