// Who is using the app and how it reaches the server. In device-only mode there is no
// account: everything stays in this device's IndexedDB. Signed in, the user's own database
// is used and synced (see sync/runtime.ts).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { backendConfig, loadSupabaseClient } from '@/api';
import type { AuthUser, Membership } from '@/api/auth';
import { holdAppDataContext, setAppDataContext } from '@/data/appContext';
import { actorsOf, isStaffActor, workspaceOf, workspaceSchools } from '@/domain/access';
import { useSyncStatusStore } from './syncStatus';

/** The device-only database (Dexie is loaded only now, outside the app's first chunk). */
function deviceDataContext() {
  return import('@/data/context').then((m) => m.openDataContext());
}

const chosenSchoolKey = (userId: string) => `nastavnik.workspace.${userId}`;

function readChosenSchool(userId: string): string | null {
  try {
    return localStorage.getItem(chosenSchoolKey(userId));
  } catch {
    return null; // storage blocked: the rule in workspaceOf chooses
  }
}

function writeChosenSchool(userId: string, schoolId: string): void {
  try {
    localStorage.setItem(chosenSchoolKey(userId), schoolId);
  } catch {
    // Storage blocked: the choice lasts until the app closes.
  }
}

export type SessionStatus = 'device-only' | 'starting' | 'signed-out' | 'signed-in';

async function auth() {
  const client = await loadSupabaseClient();
  if (!client) throw new Error('sync is not configured');
  const api = await import('@/api/auth');
  return { client, api };
}

export const useSessionStore = defineStore('session', () => {
  const mode = computed(() => backendConfig.mode);
  const serverUrl = computed(() => (backendConfig.mode === 'sync' ? backendConfig.url : null));
  const isDeviceOnly = computed(() => backendConfig.mode === 'device-only');
  const status = ref<SessionStatus>(isDeviceOnly.value ? 'device-only' : 'starting');
  const user = shallowRef<AuthUser | null>(null);
  const memberships = shallowRef<Membership[]>([]);
  /** The school the user chose to act in (kept per user on this device); null: not chosen. */
  const chosenSchoolId = ref<string | null>(null);
  /** Where and as whom the user acts: domain/access.ts reads it for every guard and control. */
  const workspace = computed(() => workspaceOf(memberships.value, chosenSchoolId.value));
  /** The schools the user can switch between (more than one: the header offers a switch). */
  const schools = computed(() => workspaceSchools(memberships.value));
  /** The roles held in the workspace's school. */
  const roles = computed(() => actorsOf(workspace.value));
  /** A curator or school admin of the workspace's school (device-only: nobody is signed in). */
  const isStaff = computed(() => roles.value.some(isStaffActor));

  /** The user's memberships from the server, or as last synced when there is no signal. */
  async function membershipsOf(next: AuthUser): Promise<Membership[]> {
    const { client, api } = await auth();
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      // Known offline: the device's copy at once (the next sync brings any change).
      const { storedMemberships } = await import('@/data/context');
      const stored = (await storedMemberships(next.id)) as Membership[];
      if (stored.length > 0) return stored;
    }
    try {
      return await api.myMemberships(client, next.id);
    } catch (error) {
      if (!(error instanceof api.AuthError) || error.reason !== 'network') throw error;
      const { storedMemberships } = await import('@/data/context');
      const stored = (await storedMemberships(next.id)) as Membership[];
      if (stored.length === 0) throw error;
      return stored;
    }
  }

  async function activate(next: AuthUser): Promise<void> {
    const { client } = await auth();
    const mine = await membershipsOf(next);
    user.value = next;
    chosenSchoolId.value = readChosenSchool(next.id);
    memberships.value = mine;
    const current = workspace.value;
    const sync = useSyncStatusStore();
    if (current.kind === 'school') {
      const { activateSync } = await import('@/sync/runtime');
      await activateSync(client, next.id, current.schoolId, {
        onEvent: sync.onEvent,
        onCounts: sync.onCounts,
      });
    } else {
      // A member of no school yet: nothing to sync; the device's own database stays in use.
      setAppDataContext(deviceDataContext());
    }
    sync.setSignedIn(true);
    status.value = 'signed-in';
  }

  /** The start is over: the saved session resumed (or there is none, or device-only). */
  const isSettled = ref(isDeviceOnly.value);
  function markSettled(): void {
    isSettled.value = true;
  }

  /** On start in sync mode: resume the saved session, if any. */
  async function init(): Promise<void> {
    try {
      await resume();
    } finally {
      markSettled();
    }
  }

  async function resume(): Promise<void> {
    if (isDeviceOnly.value) return;
    // Screens wait for the answer instead of showing the device-only database first.
    holdAppDataContext();
    try {
      const { client, api } = await auth();
      const current = await api.currentUser(client);
      if (current) await activate(current);
      else signedOut();
      api.onAuthChange(client, (event) => {
        if (event === 'TOKEN_REFRESHED' || event === 'SIGNED_IN') {
          void import('@/sync/runtime').then((r) => r.activeSync()?.scheduler.notifyAuthRenewed());
        }
      });
    } catch (error) {
      // Offline at start with no cached session: the device database still works.
      console.error(error);
      signedOut();
    }
  }

  /** No account on this device (yet): the device-only database is the app's. */
  function signedOut(): void {
    status.value = 'signed-out';
    setAppDataContext(deviceDataContext());
  }

  /**
   * Acts in another of the user's schools. The same database holds both schools' rows, and
   * the outbox and unsent writes stay as they are: only the school new rows take, and the rows
   * the screens list, change.
   */
  async function switchSchool(schoolId: string): Promise<void> {
    if (!schools.value.includes(schoolId)) return;
    chosenSchoolId.value = schoolId;
    if (user.value) writeChosenSchool(user.value.id, schoolId);
    if (status.value !== 'signed-in') return;
    const { switchSyncSchool } = await import('@/sync/runtime');
    switchSyncSchool(schoolId);
  }

  async function sendEmailCode(email: string): Promise<void> {
    const { client, api } = await auth();
    await api.sendEmailCode(client, email);
  }

  async function verifyEmailCode(email: string, code: string): Promise<void> {
    const { client, api } = await auth();
    await activate(await api.verifyEmailCode(client, email, code));
  }

  async function joinWithInvite(code: string): Promise<void> {
    const { client, api } = await auth();
    await activate(await api.joinWithInvite(client, code));
  }

  /**
   * Signs out. With writes not yet on the server it refuses (returns their number) unless
   * `force`: the caller asks the user first. Unsynced writes stay in this user's database and
   * go out at their next sign-in, never under another account.
   */
  async function signOut({ force = false } = {}): Promise<number> {
    const runtime = await import('@/sync/runtime');
    const unsynced = await runtime.unsyncedCount();
    if (unsynced > 0 && !force) return unsynced;
    runtime.deactivateSync();
    const { client, api } = await auth();
    await api.signOut(client);
    user.value = null;
    memberships.value = [];
    chosenSchoolId.value = null;
    useSyncStatusStore().setSignedIn(false);
    status.value = 'signed-out';
    return 0;
  }

  return {
    isSettled,
    mode,
    serverUrl,
    isDeviceOnly,
    status,
    user,
    memberships,
    workspace,
    schools,
    roles,
    isStaff,
    init,
    switchSchool,
    sendEmailCode,
    verifyEmailCode,
    joinWithInvite,
    signOut,
  };
});
