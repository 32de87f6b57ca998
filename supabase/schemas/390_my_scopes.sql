-- Owns: private.my_scopes(), the caller's sync scopes (the scope kinds are described in
-- 010_access_helpers.sql). A SQL function, so it comes after the tables it reads
-- (schools, participants, pairs).

create function private.my_scopes()
returns table (school_id uuid, scope_kind text, scope_id uuid)
language sql stable security definer
set search_path = ''
as $$
  select s.id, 'school'::text, s.id
  from public.schools s
  where s.id in (select private.my_staff_school_ids())
  union
  select p.school_id, 'pair'::text, p.id
  from public.pairs p
  where p.id in (select private.my_pair_ids())
  union
  select p.school_id, 'participant'::text, p.id
  from public.participants p
  where p.id in (select private.my_participant_ids())
$$;

revoke all on function private.my_scopes() from public, anon, authenticated;
-- Answers for the caller only.
grant execute on function private.my_scopes() to authenticated;
