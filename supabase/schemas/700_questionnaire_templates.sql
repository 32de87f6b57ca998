-- Owns: public.questionnaire_templates, the validation of their items
-- (private.questionnaire_items_valid, a CHECK) and the lock on a template that has answers.
-- Read: built-ins (school_id null) to any member, a school's own to its members; write:
-- staff. The built-in rows are inserted by 820_builtin_questionnaires.sql.

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

revoke all on function private.questionnaire_items_valid(jsonb) from public, anon, authenticated;
-- Reads no data. CHECK constraints run with the writer's privileges: service_role writes
-- templates too.
grant execute on function private.questionnaire_items_valid(jsonb) to authenticated;
grant execute on function private.questionnaire_items_valid(jsonb) to service_role;

-- `revision` is the template's edition (QUESTIONNAIRES.md "version"); `version` is the sync
-- version like everywhere else. school_id null = built-in default, copied by schools.
create table public.questionnaire_templates (
  id uuid primary key default gen_random_uuid(),
  school_id uuid references public.schools (id),
  kind text not null constraint questionnaire_templates_kind_valid
    check (kind in ('entry', 'intermediate', 'exit', 'satisfaction')),
  audience text not null constraint questionnaire_templates_audience_valid
    check (audience in ('mentee_student', 'mentee_teacher', 'mentor')),
  revision integer not null default 1 constraint questionnaire_templates_revision_positive check (revision >= 1),
  title text not null constraint questionnaire_templates_title_not_blank check (btrim(title) <> '')
    constraint questionnaire_templates_title_length check (length(title) <= 500),
  items jsonb not null constraint questionnaire_templates_items_length check (length(items::text) <= 100000),
  based_on uuid references public.questionnaire_templates (id),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint questionnaire_templates_edition_unique unique nulls not distinct (school_id, kind, audience, revision),
  constraint questionnaire_templates_items_valid check (private.questionnaire_items_valid(items))
);
create index questionnaire_templates_based_on_idx on public.questionnaire_templates (based_on);
-- Templates are not personal data: no zy_scrub_tombstone.

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

revoke all on function private.guard_template_locked() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.questionnaire_templates
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.questionnaire_templates
  for each row execute function private.stamp_synced_row();
create index questionnaire_templates_school_version_idx on public.questionnaire_templates (school_id, version);

alter table public.questionnaire_templates enable row level security;
revoke all on public.questionnaire_templates from public, anon, authenticated;
grant all on public.questionnaire_templates to service_role;
grant select, insert, update on public.questionnaire_templates to authenticated;

create policy questionnaire_templates_select on public.questionnaire_templates for select to authenticated
  using ((school_id is null and exists (select 1 from private.my_school_ids()))
         or school_id in (select private.my_school_ids()));
create policy questionnaire_templates_insert on public.questionnaire_templates for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy questionnaire_templates_update on public.questionnaire_templates for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
