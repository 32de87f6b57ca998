// Owns form drafts: what the user has typed but not saved yet, kept in IndexedDB on every
// change so it survives a reload, an app update and a dead battery. Never synced.
import type { DataContext } from './context';
import { nowIso } from './ids';

export async function saveDraft(
  ctx: DataContext,
  key: string,
  value: Record<string, unknown>,
): Promise<void> {
  await ctx.db.drafts.put({ key, value, saved_at: nowIso() });
}

export async function loadDraft(
  ctx: DataContext,
  key: string,
): Promise<Record<string, unknown> | null> {
  return (await ctx.db.drafts.get(key))?.value ?? null;
}

export async function clearDraft(ctx: DataContext, key: string): Promise<void> {
  await ctx.db.drafts.delete(key);
}
