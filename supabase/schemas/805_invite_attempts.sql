-- Owns: public.invite_attempts, the log of redemptions that public.redeem_invite
-- (800_invites.sql) counts for its rate limits and prunes after a day. No API access.

create table public.invite_attempts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  invite_id uuid references public.invites (id) on delete set null,
  outcome text not null constraint invite_attempts_outcome_valid
    check (outcome in ('redeemed', 'invite_invalid', 'invite_expired', 'invite_used', 'invite_rate_limited',
                       'invite_requires_email', 'invite_locked')),
  attempted_at timestamptz not null default now()
);
create index invite_attempts_user_time_idx on public.invite_attempts (user_id, attempted_at);
create index invite_attempts_invite_id_idx on public.invite_attempts (invite_id);
create index invite_attempts_time_idx on public.invite_attempts (attempted_at);

alter table public.invite_attempts enable row level security;
create policy invite_attempts_no_api_access on public.invite_attempts as restrictive for all
  to authenticated using (false) with check (false);
revoke all on public.invite_attempts from public, anon, authenticated;
grant all on public.invite_attempts to service_role;
