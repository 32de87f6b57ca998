// Owns form drafts: what the user has typed but not saved (or submitted) yet, kept in
// IndexedDB on every change so it survives a reload, an app update and a dead battery.
// Device-only: a draft is never synced and never enters the outbox. One mechanism for every
// form: typed keys (draftKeys), and a keeper that writes debounced, in order, and at once when
// the page is hidden or the view is left.
import { liveQuery } from 'dexie';
import { appDataContext, type DataContext } from './context';
import { nowIso } from './ids';
import type { Observable } from './queries';

/** The key of a form's draft: which form, about which row (or for which new row). */
export type DraftKey =
  `meeting:new:${string}` | `meeting:${string}` | `questionnaire:${string}:${string}:${string}`;

export const draftKeys = {
  /** A meeting not logged yet, for a pair. */
  newMeeting: (pairId: string): DraftKey => `meeting:new:${pairId}`,
  /** Changes to a logged meeting. */
  meeting: (meetingId: string): DraftKey => `meeting:${meetingId}`,
  /** A person's answers to one questionnaire template in one pair, until submitted. */
  questionnaire: (pairId: string, participantId: string, templateId: string): DraftKey =>
    `questionnaire:${pairId}:${participantId}:${templateId}`,
};

export type DraftValue = Record<string, unknown>;

export interface StoredDraft {
  value: DraftValue;
  savedAt: string;
}

export async function saveDraft(ctx: DataContext, key: DraftKey, value: DraftValue): Promise<void> {
  await ctx.db.drafts.put({ key, value, saved_at: nowIso() });
}

export async function loadDraft(ctx: DataContext, key: DraftKey): Promise<DraftValue | null> {
  return (await ctx.db.drafts.get(key))?.value ?? null;
}

/** The draft with the time it was kept, for the "draft restored at …" notice. */
export async function readDraft(ctx: DataContext, key: DraftKey): Promise<StoredDraft | null> {
  const row = await ctx.db.drafts.get(key);
  return row ? { value: row.value, savedAt: row.saved_at } : null;
}

export async function clearDraft(ctx: DataContext, key: DraftKey): Promise<void> {
  await ctx.db.drafts.delete(key);
}

/** Which questionnaires of a pair have answers kept on this device (for their status). */
export interface QuestionnaireDraftRef {
  participant_id: string;
  template_id: string;
  saved_at: string;
}

export function observeQuestionnaireDrafts(
  ctx: DataContext,
  pairId: string,
): Observable<QuestionnaireDraftRef[]> {
  const prefix = `questionnaire:${pairId}:`;
  return liveQuery(async () => {
    const rows = await ctx.db.drafts.where('key').startsWith(prefix).toArray();
    return rows.flatMap((row) => {
      const [participantId, templateId] = row.key.slice(prefix.length).split(':');
      return participantId && templateId
        ? [{ participant_id: participantId, template_id: templateId, saved_at: row.saved_at }]
        : [];
    });
  });
}

/** Keeps one form's draft: debounced writes, in order, flushed on demand. */
export interface DraftKeeper {
  /** Keeps `value` after the delay; a newer value replaces one still waiting. */
  keep(value: DraftValue): void;
  /** Writes a waiting value now; resolves once every write asked for so far has landed. */
  flush(): Promise<void>;
  /** Forgets a waiting value and deletes the kept draft (after a save, or "start over"). */
  clear(): Promise<void>;
  /** The form is done (saved, submitted): from now on nothing is kept. */
  stop(): void;
}

export interface DraftKeeperOptions {
  delayMs: number;
  /** A failed write (quota, closed database): the form says the draft is not kept. */
  onError?: (error: unknown) => void;
  /** Called after each successful write. */
  onSaved?: () => void;
}

export function draftKeeper(key: DraftKey, options: DraftKeeperOptions): DraftKeeper {
  let waiting: DraftValue | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isStopped = false;
  /** Writes run one after another, so an older one never lands after a newer one. */
  let chain: Promise<void> = Promise.resolve();

  function enqueue(work: (ctx: DataContext) => Promise<void>, after?: () => void): Promise<void> {
    chain = chain.then(async () => {
      try {
        await work(await appDataContext());
        after?.();
      } catch (e) {
        if (options.onError) options.onError(e);
        else console.error(e);
      }
    });
    return chain;
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    if (waiting && !isStopped) {
      const value = waiting;
      waiting = null;
      return enqueue((ctx) => saveDraft(ctx, key, value), options.onSaved);
    }
    return chain;
  }

  return {
    keep(value) {
      if (isStopped) return;
      waiting = value;
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), options.delayMs);
    },
    flush,
    clear() {
      clearTimeout(timer);
      waiting = null;
      return enqueue((ctx) => clearDraft(ctx, key));
    },
    stop() {
      clearTimeout(timer);
      waiting = null;
      isStopped = true;
    },
  };
}
