// What the sync badge says, derived in one place from everything that matters, so the user
// can trust it: "synced" only when nothing is waiting and nothing needs attention.

export type SyncBadge =
  | { state: 'device-only' }
  | { state: 'signed-out' }
  | { state: 'attention'; issues: number }
  | { state: 'storage-full'; pending: number }
  | { state: 'offline'; pending: number }
  | { state: 'syncing'; pending: number }
  | { state: 'pending'; pending: number }
  | { state: 'synced' };

export interface SyncBadgeInput {
  mode: 'device-only' | 'sync';
  signedIn: boolean;
  online: boolean;
  syncing: boolean;
  pending: number;
  /** Quarantined writes and unresolved conflicts. */
  issues: number;
  /** The server refused the credentials; a new sign-in is needed. */
  needsSignIn: boolean;
  /** The last round stopped because the device has no space left. */
  storageFull?: boolean;
}

export function syncBadge(input: SyncBadgeInput): SyncBadge {
  if (input.mode === 'device-only') return { state: 'device-only' };
  if (!input.signedIn) return { state: 'signed-out' };
  if (input.issues > 0 || input.needsSignIn) return { state: 'attention', issues: input.issues };
  if (input.storageFull) return { state: 'storage-full', pending: input.pending };
  if (!input.online) return { state: 'offline', pending: input.pending };
  if (input.syncing) return { state: 'syncing', pending: input.pending };
  if (input.pending > 0) return { state: 'pending', pending: input.pending };
  return { state: 'synced' };
}
