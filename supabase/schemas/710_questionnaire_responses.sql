-- Owns: public.questionnaire_responses, the validation of answers against the template,
-- and the rule that a submitted response is final for its author.
-- Read: the respondent; staff and her pair's mentors once submitted. Write: staff and the
-- respondent.

create table public.questionnaire_responses (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  template_id uuid not null references public.questionnaire_templates (id),
  pair_id uuid,
  participant_id uuid not null,
  answers jsonb not null default '{}' constraint questionnaire_responses_answers_object
    check (jsonb_typeof(answers) = 'object')
    constraint questionnaire_responses_answers_length check (length(answers::text) <= 20000),
  submitted_at timestamptz,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint questionnaire_responses_pair_fk foreign key (pair_id, school_id) references public.pairs (id, school_id),
  constraint questionnaire_responses_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id)
);
create index questionnaire_responses_template_id_idx on public.questionnaire_responses (template_id);
create index questionnaire_responses_participant_fk_idx on public.questionnaire_responses (participant_id, school_id);
create index questionnaire_responses_pair_fk_idx on public.questionnaire_responses (pair_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.questionnaire_responses
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('answers');

-- Answers: an object keyed by item id; scale answers integers within the item's range,
-- choice answers one of its values, open answers text.
create function private.check_questionnaire_answers()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_template_school uuid;
  v_items jsonb;
  v_key text;
  v_answer jsonb;
  v_item jsonb;
begin
  select t.school_id, t.items into v_template_school, v_items
  from public.questionnaire_templates t where t.id = new.template_id;
  if v_template_school is not null and v_template_school <> new.school_id then
    raise exception using errcode = '23514', message = 'questionnaire_responses_template_school',
      constraint = 'questionnaire_responses_template_school';
  end if;
  for v_key, v_answer in select a.key, a.value from jsonb_each(new.answers) a loop
    select i.value into v_item from jsonb_array_elements(v_items) i where i.value ->> 'id' = v_key;
    if v_item is null then
      raise exception using errcode = '23514', message = 'questionnaire_answer_unknown_item',
        constraint = 'questionnaire_answer_unknown_item', detail = v_key;
    end if;
    if v_answer = 'null'::jsonb then
      continue;
    end if;
    if v_item ->> 'type' = 'scale' then
      if jsonb_typeof(v_answer) is distinct from 'number'
         or v_answer::numeric <> trunc(v_answer::numeric)
         or v_answer::numeric < (coalesce(v_item -> 'min', '1'))::numeric
         or v_answer::numeric > (coalesce(v_item -> 'max', '10'))::numeric then
        raise exception using errcode = '23514', message = 'questionnaire_answer_out_of_range',
          constraint = 'questionnaire_answer_out_of_range', detail = v_key;
      end if;
    elsif v_item ->> 'type' = 'choice' then
      if jsonb_typeof(v_answer) is distinct from 'string'
         or not exists (select 1 from jsonb_array_elements(v_item -> 'choices') c
                        where c.value ->> 'value' = v_answer #>> '{}') then
        raise exception using errcode = '23514', message = 'questionnaire_answer_invalid_choice',
          constraint = 'questionnaire_answer_invalid_choice', detail = v_key;
      end if;
    elsif jsonb_typeof(v_answer) is distinct from 'string' then
      raise exception using errcode = '23514', message = 'questionnaire_answer_not_text',
        constraint = 'questionnaire_answer_not_text', detail = v_key;
    end if;
  end loop;
  return new;
end;
$$;

create trigger check_questionnaire_answers before insert or update on public.questionnaire_responses
  for each row execute function private.check_questionnaire_answers();

revoke all on function private.check_questionnaire_answers() from public, anon, authenticated;

-- The app never changes a submitted response (src/data/repos/questionnaires.ts); the server
-- holds the author to the same, so a stale draft pushed from a second device after the
-- submit is refused (and kept in that device's quarantine with its text), not applied.
-- Staff may still correct answers recorded from paper; writes without a user (service role,
-- migrations) are not checked.
create function private.guard_submitted_response()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.submitted_at is not null
     and auth.uid() is not null
     and old.school_id not in (select private.my_staff_school_ids())
     and (new.answers, new.template_id, new.pair_id, new.participant_id, new.submitted_at, new.deleted_at)
         is distinct from
         (old.answers, old.template_id, old.pair_id, old.participant_id, old.submitted_at, old.deleted_at) then
    raise exception using errcode = '23514', message = 'questionnaire_response_submitted',
      constraint = 'questionnaire_response_submitted', detail = old.id::text;
  end if;
  return new;
end;
$$;
revoke all on function private.guard_submitted_response() from public, anon, authenticated;

create trigger guard_submitted_response before update on public.questionnaire_responses
  for each row execute function private.guard_submitted_response();

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.questionnaire_responses
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.questionnaire_responses
  for each row execute function private.stamp_synced_row();
create index questionnaire_responses_school_version_idx on public.questionnaire_responses (school_id, version);

alter table public.questionnaire_responses enable row level security;
revoke all on public.questionnaire_responses from public, anon, authenticated;
grant all on public.questionnaire_responses to service_role;
grant select, insert, update on public.questionnaire_responses to authenticated;

-- Who reads answers (DOMAIN.md): the respondent her own, drafts included; staff and the
-- mentors of the respondent's pair only once submitted — a draft is nobody's business but
-- its author's (the respondent, or the staff member who types in a paper questionnaire).
create policy questionnaire_responses_select on public.questionnaire_responses for select to authenticated
  using (participant_id in (select private.my_participant_ids())
         or created_by = (select auth.uid())
         or (submitted_at is not null
             and (school_id in (select private.my_staff_school_ids())
                  or (pair_id in (select private.my_mentor_pair_ids())
                      and participant_id in (select private.my_mentee_participant_ids())))));
create policy questionnaire_responses_insert on public.questionnaire_responses for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids())
              or (participant_id in (select private.my_participant_ids())
                  and (pair_id is null or pair_id in (select private.my_pair_ids()))));
create policy questionnaire_responses_update on public.questionnaire_responses for update to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()))
  with check (school_id in (select private.my_staff_school_ids())
              or (participant_id in (select private.my_participant_ids())
                  and (pair_id is null or pair_id in (select private.my_pair_ids()))));
