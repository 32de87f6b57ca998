// Invite codes issued by staff: public.create_invite returns the plain code once (only its hash
// is stored), so the caller must show it now or lose it. Redeeming is in auth.ts.
import type { AppSupabaseClient } from './client';
import type { Membership } from './auth';

export type InviteRole = Membership['role'];

/** Why a code could not be issued; shown as `invites.errors.<reason>`. */
export type InviteFailure = 'not_allowed' | 'network' | 'unknown';

export class InviteError extends Error {
  constructor(readonly reason: InviteFailure) {
    super(`invite: ${reason}`);
    this.name = 'InviteError';
  }
}

/** How long a new code lives (the server's default, sent explicitly so the expiry is known). */
export const INVITE_TTL_DAYS = 14;

export interface IssuedInvite {
  /** `XXXX-XXXX`, as the server formats it. */
  code: string;
  expiresAt: Date;
}

function failure(error: { code?: string; message?: string }, status: number): InviteError {
  if (status === 0 || /fetch|network/i.test(error.message ?? '')) return new InviteError('network');
  // 42501: not staff of the participant's school, or a staff role that only an admin gives.
  if (error.code === '42501' || status === 401 || status === 403) {
    return new InviteError('not_allowed');
  }
  return new InviteError('unknown');
}

export async function createInvite(
  client: AppSupabaseClient,
  participantId: string,
  role: InviteRole,
  now: Date = new Date(),
): Promise<IssuedInvite> {
  let answer;
  try {
    answer = await client.rpc('create_invite', {
      participant_id: participantId,
      role,
      ttl: `${INVITE_TTL_DAYS} days`,
    });
  } catch {
    throw new InviteError('network');
  }
  const { data, error, status } = answer;
  if (error) throw failure(error, status);
  if (typeof data !== 'string' || data === '') throw new InviteError('unknown');
  return {
    code: data,
    expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 60 * 60 * 1000),
  };
}
