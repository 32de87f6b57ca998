import { describe, expect, it } from 'vitest';
import { syncBadge, type SyncBadgeInput } from '@/domain/syncBadge';

const calm: SyncBadgeInput = {
  mode: 'sync',
  signedIn: true,
  online: true,
  syncing: false,
  pending: 0,
  issues: 0,
  needsSignIn: false,
};

describe('syncBadge', () => {
  it('says synced only when nothing waits and nothing needs the user', () => {
    expect(syncBadge(calm)).toEqual({ state: 'synced' });
    expect(syncBadge({ ...calm, pending: 3 })).toEqual({ state: 'pending', pending: 3 });
  });

  it('says the phone is full until a round completes, after problems the user must resolve', () => {
    expect(syncBadge({ ...calm, storageFull: true, pending: 1, syncing: true })).toEqual({
      state: 'storage-full',
      pending: 1,
    });
    expect(syncBadge({ ...calm, storageFull: true, issues: 1 })).toEqual({
      state: 'attention',
      issues: 1,
    });
  });

  it('puts problems first: refused writes, conflicts or an expired sign-in', () => {
    expect(syncBadge({ ...calm, issues: 2, online: false })).toEqual({
      state: 'attention',
      issues: 2,
    });
    expect(syncBadge({ ...calm, needsSignIn: true, syncing: true })).toEqual({
      state: 'attention',
      issues: 0,
    });
  });

  it('shows what waits while offline or syncing', () => {
    expect(syncBadge({ ...calm, online: false, pending: 5 })).toEqual({
      state: 'offline',
      pending: 5,
    });
    expect(syncBadge({ ...calm, syncing: true, pending: 1 })).toEqual({
      state: 'syncing',
      pending: 1,
    });
  });

  it('knows device-only mode and a signed-out user', () => {
    expect(syncBadge({ ...calm, mode: 'device-only', pending: 9 })).toEqual({
      state: 'device-only',
    });
    expect(syncBadge({ ...calm, signedIn: false })).toEqual({ state: 'signed-out' });
  });
});
