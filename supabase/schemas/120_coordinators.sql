-- Owns: public.coordinators (municipal coordinators; not synced), who reads a municipality
-- (private.my_coordinated_municipality_ids, private.my_municipality_ids and the policy
-- municipalities_select on public.municipalities, here because they read this table and
-- public.schools, which both come after municipalities).

-- Municipal coordinators see aggregates only, through public.municipality_kpis().
create table public.coordinators (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id),
  created_at timestamptz not null default now(),
  constraint coordinators_user_municipality_unique unique (user_id, municipality_id)
);
create index coordinators_municipality_id_idx on public.coordinators (municipality_id);

alter table public.coordinators enable row level security;
revoke all on public.coordinators from public, anon, authenticated;
grant all on public.coordinators to service_role;
grant select on public.coordinators to authenticated;

create policy coordinators_select on public.coordinators for select to authenticated
  using (user_id = (select auth.uid()));

create function private.my_coordinated_municipality_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select c.municipality_id from public.coordinators c where c.user_id = auth.uid()
$$;

revoke all on function private.my_coordinated_municipality_ids() from public, anon, authenticated;
-- Answers for the caller only.
grant execute on function private.my_coordinated_municipality_ids() to authenticated;

create function private.my_municipality_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select s.municipality_id from public.schools s where s.id in (select private.my_school_ids())
  union
  select private.my_coordinated_municipality_ids()
$$;
revoke all on function private.my_municipality_ids() from public, anon, authenticated;
grant execute on function private.my_municipality_ids() to authenticated;

create policy municipalities_select on public.municipalities for select to authenticated
  using (id in (select private.my_municipality_ids()));
