// Accounts through Supabase Auth: an e-mail one-time code for adults, an anonymous sign-in
// plus an invite code for students (who have no e-mail). supabase-js refreshes tokens itself.
import type { AppSupabaseClient } from './client';

export interface AuthUser {
  id: string;
  email: string | null;
  isAnonymous: boolean;
}

export interface Membership {
  school_id: string;
  role: 'school_admin' | 'curator' | 'mentor' | 'mentee';
  participant_id: string | null;
}

export type AuthFailure =
  | 'invalid_email'
  | 'invalid_code'
  | 'rate_limited'
  | 'network'
  | 'invite_invalid'
  | 'invite_expired'
  | 'invite_used'
  | 'invite_rate_limited'
  | 'invite_locked'
  | 'invite_requires_email'
  | 'unknown';

export class AuthError extends Error {
  constructor(readonly reason: AuthFailure) {
    super(`auth: ${reason}`);
    this.name = 'AuthError';
  }
}

function failure(error: { status?: number; code?: string; message?: string }): AuthError {
  if (error.status === 429) return new AuthError('rate_limited');
  if (error.status === 0 || /fetch/i.test(error.message ?? '')) return new AuthError('network');
  if (error.code === 'otp_expired' || error.status === 403) return new AuthError('invalid_code');
  if (error.code === 'validation_failed' || error.status === 422)
    return new AuthError('invalid_email');
  return new AuthError('unknown');
}

function toUser(user: { id: string; email?: string | null; is_anonymous?: boolean }): AuthUser {
  return { id: user.id, email: user.email ?? null, isAnonymous: user.is_anonymous ?? false };
}

export async function currentUser(client: AppSupabaseClient): Promise<AuthUser | null> {
  const { data } = await client.auth.getSession();
  return data.session ? toUser(data.session.user) : null;
}

/** Sends a one-time code to an adult's e-mail; only existing accounts (invited by the school). */
export async function sendEmailCode(client: AppSupabaseClient, email: string): Promise<void> {
  const { error } = await client.auth.signInWithOtp({
    email,
    options: { shouldCreateUser: false },
  });
  if (error) throw failure(error);
}

export async function verifyEmailCode(
  client: AppSupabaseClient,
  email: string,
  code: string,
): Promise<AuthUser> {
  const { data, error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
  if (error || !data.user) throw failure(error ?? {});
  return toUser(data.user);
}

/** A student: anonymous sign-in (no e-mail), then the school's invite code. */
export async function joinWithInvite(client: AppSupabaseClient, code: string): Promise<AuthUser> {
  const session = await client.auth.getSession();
  let user = session.data.session?.user;
  if (!user) {
    const { data, error } = await client.auth.signInAnonymously();
    if (error || !data.user) throw failure(error ?? {});
    user = data.user;
  }
  const { data, error } = await client.rpc('redeem_invite', { code });
  if (error) throw failure(error);
  const answer = data as { ok: boolean; error?: AuthFailure };
  if (!answer.ok) throw new AuthError(answer.error ?? 'invite_invalid');
  return toUser(user);
}

export async function myMemberships(
  client: AppSupabaseClient,
  userId: string,
): Promise<Membership[]> {
  const { data, error } = await client
    .from('memberships')
    .select('school_id, role, participant_id')
    .eq('user_id', userId)
    .is('revoked_at', null)
    .is('deleted_at', null)
    // No built-in retries (1 s, 2 s, 4 s on a network error): without signal the caller falls
    // back to the memberships kept on the device at once instead of after seven seconds.
    .retry(false);
  if (error) throw failure(error);
  return (data ?? []) as Membership[];
}

export async function signOut(client: AppSupabaseClient): Promise<void> {
  await client.auth.signOut({ scope: 'local' });
}

export function onAuthChange(
  client: AppSupabaseClient,
  listener: (event: string, user: AuthUser | null) => void,
): () => void {
  const { data } = client.auth.onAuthStateChange((event, session) =>
    listener(event, session ? toUser(session.user) : null),
  );
  return () => data.subscription.unsubscribe();
}
