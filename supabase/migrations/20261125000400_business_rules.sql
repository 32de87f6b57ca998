-- Owns: the business rules that need more than a CHECK constraint (they read other rows
-- or who the caller is). Rule violations raise SQLSTATE 23514 with `constraint` set to a
-- stable name the client translates; "you may not" raises 42501 like RLS does.
-- Role-dependent guards act only when the statement runs as `authenticated` (the API);
-- service_role, migrations and SECURITY DEFINER functions (redeem_invite) are trusted.

-- ---------------------------------------------------------------- consents
create function private.check_consent_giver()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.given_by = 'self'
     and exists (select 1 from public.participants p where p.id = new.participant_id and p.is_minor) then
    raise exception using errcode = '23514', message = 'consents_minor_by_representative',
      constraint = 'consents_minor_by_representative';
  end if;
  return new;
end;
$$;

create trigger check_consent_giver before insert or update on public.consents
  for each row execute function private.check_consent_giver();

-- ---------------------------------------------------------------- pairs need consents
-- A pair cannot become approved/active while a member lacks a valid consent, and no member
-- can join an approved/active pair without one.
create function private.check_pair_consents()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_missing uuid;
begin
  if new.status in ('approved', 'active') and new.deleted_at is null
     and (tg_op = 'INSERT' or new.status is distinct from old.status) then
    select pm.participant_id into v_missing
    from public.pair_members pm
    where pm.pair_id = new.id and pm.deleted_at is null
      and not private.has_valid_consent(pm.participant_id, current_date)
    limit 1;
    if v_missing is not null then
      raise exception using errcode = '23514', message = 'pairs_member_without_consent',
        constraint = 'pairs_member_without_consent', detail = v_missing::text;
    end if;
  end if;
  return new;
end;
$$;

create trigger check_pair_consents before insert or update on public.pairs
  for each row execute function private.check_pair_consents();

create function private.check_pair_member_consent()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.deleted_at is null
     and (tg_op = 'INSERT' or old.deleted_at is not null or new.participant_id is distinct from old.participant_id)
     and exists (select 1 from public.pairs p
                 where p.id = new.pair_id and p.status in ('approved', 'active') and p.deleted_at is null)
     and not private.has_valid_consent(new.participant_id, current_date) then
    raise exception using errcode = '23514', message = 'pairs_member_without_consent',
      constraint = 'pairs_member_without_consent', detail = new.participant_id::text;
  end if;
  return new;
end;
$$;

create trigger check_pair_member_consent before insert or update on public.pair_members
  for each row execute function private.check_pair_member_consent();

-- ---------------------------------------------------------------- memberships
-- Nobody changes their own membership; a curator manages only mentor/mentee memberships;
-- a school admin manages every membership of their school but their own. Which columns
-- can change at all is limited by column grants (role, revoked_at).
create function private.guard_membership_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if new.role is not distinct from old.role and new.revoked_at is not distinct from old.revoked_at then
    return new;
  end if;
  if old.user_id = auth.uid() then
    raise exception using errcode = '42501', message = 'membership_self_edit';
  end if;
  if old.school_id not in (select private.my_admin_school_ids())
     and (old.role in ('school_admin', 'curator') or new.role in ('school_admin', 'curator')) then
    raise exception using errcode = '42501', message = 'membership_role_not_allowed';
  end if;
  return new;
end;
$$;

create trigger guard_membership_update before update on public.memberships
  for each row execute function private.guard_membership_update();

-- ---------------------------------------------------------------- meetings
-- Mentors write meetings; a mentee may only confirm and reflect. A mentor may not confirm
-- on the mentee's behalf. (One person may be on both sides in different pairs: the check
-- is per pair.)
create function private.guard_meeting_write()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_mentee_columns constant text[] := array['mentee_confirmed_at', 'mentee_reflection'];
  v_sync_columns constant text[] := array['version', 'updated_at', 'created_at', 'created_by'];
  v_is_mentor boolean;
  v_is_mentee boolean;
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  v_is_mentor := new.pair_id in (select private.my_mentor_pair_ids());
  v_is_mentee := new.pair_id in (select private.my_mentee_pair_ids());
  if tg_op = 'UPDATE' and not v_is_mentor
     and (pg_catalog.to_jsonb(new) - v_mentee_columns - v_sync_columns)
         is distinct from (pg_catalog.to_jsonb(old) - v_mentee_columns - v_sync_columns) then
    raise exception using errcode = '42501', message = 'meeting_mentee_fields_only';
  end if;
  if not v_is_mentee
     and (new.mentee_confirmed_at is distinct from (case when tg_op = 'UPDATE' then old.mentee_confirmed_at end)
          or new.mentee_reflection is distinct from (case when tg_op = 'UPDATE' then old.mentee_reflection end)) then
    raise exception using errcode = '42501', message = 'meeting_confirmation_by_mentee_only';
  end if;
  return new;
end;
$$;

create trigger guard_meeting_write before insert or update on public.meetings
  for each row execute function private.guard_meeting_write();

-- ---------------------------------------------------------------- questionnaires
-- Items: a non-empty array of {id, type: scale|choice|open, text: {ru, en?}}; scale items
-- may narrow min/max within 1..10 (default 1..10); choice items list {value, text}.
create function private.questionnaire_items_valid(p_items jsonb)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_item jsonb;
  v_choice jsonb;
  v_ids text[] := '{}'::text[];
  v_values text[];
begin
  if jsonb_typeof(p_items) is distinct from 'array' or jsonb_array_length(p_items) = 0 then
    return false;
  end if;
  for v_item in select e.value from jsonb_array_elements(p_items) e loop
    if jsonb_typeof(v_item) is distinct from 'object'
       or jsonb_typeof(v_item -> 'id') is distinct from 'string'
       or btrim(v_item ->> 'id') = ''
       or (v_item ->> 'id') = any (v_ids)
       or jsonb_typeof(v_item -> 'text') is distinct from 'object'
       or jsonb_typeof(v_item -> 'text' -> 'ru') is distinct from 'string'
       or btrim(v_item -> 'text' ->> 'ru') = ''
       or ((v_item -> 'text') ? 'en' and jsonb_typeof(v_item -> 'text' -> 'en') is distinct from 'string') then
      return false;
    end if;
    v_ids := v_ids || (v_item ->> 'id');
    case v_item ->> 'type'
      when 'scale' then
        if jsonb_typeof(coalesce(v_item -> 'min', '1')) is distinct from 'number'
           or jsonb_typeof(coalesce(v_item -> 'max', '10')) is distinct from 'number'
           or (coalesce(v_item -> 'min', '1'))::numeric not in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
           or (coalesce(v_item -> 'max', '10'))::numeric not in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
           or (coalesce(v_item -> 'min', '1'))::numeric >= (coalesce(v_item -> 'max', '10'))::numeric then
          return false;
        end if;
      when 'choice' then
        if jsonb_typeof(v_item -> 'choices') is distinct from 'array'
           or jsonb_array_length(v_item -> 'choices') = 0 then
          return false;
        end if;
        v_values := '{}'::text[];
        for v_choice in select c.value from jsonb_array_elements(v_item -> 'choices') c loop
          if jsonb_typeof(v_choice -> 'value') is distinct from 'string'
             or btrim(v_choice ->> 'value') = ''
             or (v_choice ->> 'value') = any (v_values)
             or jsonb_typeof(v_choice -> 'text' -> 'ru') is distinct from 'string' then
            return false;
          end if;
          v_values := v_values || (v_choice ->> 'value');
        end loop;
      when 'open' then
        null;
      else
        return false;
    end case;
  end loop;
  return true;
end;
$$;

alter table public.questionnaire_templates
  add constraint questionnaire_templates_items_valid check (private.questionnaire_items_valid(items));

-- A template that has answers is frozen (make a new revision instead); archiving it
-- (deleted_at) stays possible.
create function private.guard_template_locked()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_ignored constant text[] := array['deleted_at', 'version', 'updated_at', 'created_at', 'created_by'];
begin
  if exists (select 1 from public.questionnaire_responses r where r.template_id = old.id)
     and (tg_op = 'DELETE'
          or (pg_catalog.to_jsonb(new) - v_ignored) is distinct from (pg_catalog.to_jsonb(old) - v_ignored)) then
    raise exception using errcode = '23514', message = 'questionnaire_template_locked',
      constraint = 'questionnaire_template_locked';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end;
$$;

create trigger guard_template_locked before update or delete on public.questionnaire_templates
  for each row execute function private.guard_template_locked();

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

revoke all on all functions in schema private from public, anon, authenticated;
grant execute on function
  private.my_participant_ids(), private.my_school_ids(), private.my_staff_school_ids(),
  private.my_admin_school_ids(), private.my_pair_ids(), private.my_mentor_pair_ids(),
  private.my_mentee_pair_ids(), private.my_visible_participant_ids(),
  private.my_mentee_participant_ids(), private.my_coordinated_municipality_ids(),
  private.my_scopes(), private.has_valid_consent(uuid, date),
  private.questionnaire_items_valid(jsonb)
  to authenticated;
-- CHECK constraints run with the writer's privileges: service_role writes templates too.
grant execute on function private.questionnaire_items_valid(jsonb) to service_role;
