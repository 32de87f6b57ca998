// The sync RPCs over supabase-js: sync_push and sync_pull, with every failure turned into a
// typed SyncError (reason + retryable) so the engine never has to read HTTP details.
import type { SupabaseClient } from '@supabase/supabase-js';
import {
  reasonForStatus,
  SyncError,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type SyncTransport,
} from '@/domain/syncProtocol';

interface RpcAnswer {
  data: unknown;
  error: { message: string; code?: string } | null;
  status: number;
}

function unwrap<T>(answer: RpcAnswer, what: string): T {
  if (answer.error) {
    const status = answer.status ?? 0;
    throw new SyncError(reasonForStatus(status), answer.error.message, status, answer.error.code);
  }
  if (answer.data === null || typeof answer.data !== 'object') {
    throw new SyncError('protocol', `${what}: unexpected answer`, answer.status);
  }
  return answer.data as T;
}

export function createSyncTransport(client: SupabaseClient): SyncTransport {
  return {
    async push(deviceId: string, mutations: Mutation[]): Promise<PushResponse> {
      const answer = await client.rpc('sync_push', {
        p_device_id: deviceId,
        p_mutations: mutations,
      });
      return unwrap<PushResponse>(answer, 'sync_push');
    },
    async pull(cursors: Record<string, number>, limit: number): Promise<PullResponse> {
      const answer = await client.rpc('sync_pull', { p_cursors: cursors, p_limit: limit });
      return unwrap<PullResponse>(answer, 'sync_pull');
    },
  };
}
