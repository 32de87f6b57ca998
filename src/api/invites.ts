// Invite codes issued by staff: public.create_invite returns the plain code once (only its hash
// is stored), so the caller must show it now or lose it. Redeeming is in auth.ts.
import type { AppSupabaseClient } from './client';
import type { Membership } from './auth';
import { requestFailure, type RequestFailure } from './failure';

export type InviteRole = Membership['role'];

/** Why a code could not be issued; shown as `invites.errors.<reason>`. */
export type InviteFailure = RequestFailure;

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

// not_allowed: not staff of the participant's school, or a staff role that only an admin gives.
const failure = (error: { code?: string; message?: string }, status: number) =>
  new InviteError(requestFailure(error, status));

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
