-- Owns: public.mentor_directory(), the school's mentors a mentee may choose from in her own
-- intake on her phone (issue 12). Before pairing a mentee reads no mentor's card (RLS on
-- participants and intakes), so this SECURITY DEFINER function answers with exactly what the
-- choice needs and nothing more: the participant id, her name and subject, what she offers
-- and the forms she prefers (her intake), and whether she has places left. Never contact
-- details, birth data, sensitive categories, capacity numbers or who her mentees are.
-- Listed: participants of the school, not deleted or archived, marked as mentors, with a live
-- mentor intake and a valid consent today (consent_covered_until: her data is shown to the
-- school's mentees only while she has consented to its processing).
-- Places left: her intake's capacity (else DEFAULT_MENTOR_CAPACITY = 3 of src/domain/intake.ts)
-- above the distinct mentees of her live pairs (draft, approved, active: LIVE_PAIR_STATUSES) —
-- the rule of indexMatching() in src/domain/matching.ts; test/db/mentor-directory.test.ts runs
-- both on the same rows.
-- Who may call: anyone with an active membership in that school (mentee, mentor, curator,
-- school admin); anyone else (another school, no membership) gets 42501; anon has no grant.
-- PL/pgSQL, so its body may read the pair tables defined in later files.
create function public.mentor_directory(p_school_id uuid)
returns table (
  participant_id uuid,
  full_name text,
  subject text,
  offers text,
  forms text[],
  has_places boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if p_school_id is null or p_school_id not in (select private.my_school_ids()) then
    raise exception using errcode = '42501', message = 'not_member';
  end if;
  return query
  with live_load as (
    select mentor.participant_id, count(distinct mentee.participant_id)::integer as mentees
    from public.pair_members mentor
    join public.pairs pr on pr.id = mentor.pair_id
    join public.pair_members mentee on mentee.pair_id = mentor.pair_id and mentee.side = 'mentee'
      and mentee.deleted_at is null
    where mentor.school_id = p_school_id and mentor.side = 'mentor' and mentor.deleted_at is null
      and pr.deleted_at is null and pr.status in ('draft', 'approved', 'active')
    group by mentor.participant_id
  )
  select p.id, p.full_name, p.subject, i.offers, i.forms,
         coalesce(i.capacity, 3) > coalesce(l.mentees, 0)
  from public.participants p
  join public.intakes i on i.participant_id = p.id and i.school_id = p.school_id
    and i.role = 'mentor' and i.deleted_at is null
  left join live_load l on l.participant_id = p.id
  where p.school_id = p_school_id and p.deleted_at is null and p.archived_on is null
    and p.is_mentor
    and p.consent_covered_until >= current_date
  order by p.full_name, p.id;
end;
$$;

revoke all on function public.mentor_directory(uuid) from public, anon, authenticated;
grant execute on function public.mentor_directory(uuid) to authenticated;
