-- Owns: public.roadmap_tasks (the programme's roadmap). Staff only.

-- The roadmap (дорожная карта): seven stages of tasks with deadlines and responsibles.
create table public.roadmap_tasks (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  programme_id uuid not null,
  stage integer not null constraint roadmap_tasks_stage_range check (stage between 1 and 7),
  position integer not null default 0,
  title text not null constraint roadmap_tasks_title_length check (length(title) <= 500),
  due_on date,
  done_on date,
  responsible text constraint roadmap_tasks_responsible_length check (length(responsible) <= 500),
  status text not null default 'planned' constraint roadmap_tasks_status_valid
    check (status in ('planned', 'in_progress', 'done', 'skipped')),
  -- A note, or a link to the document the task produced.
  note text constraint roadmap_tasks_note_length check (length(note) <= 2000),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint roadmap_tasks_programme_fk foreign key (programme_id, school_id)
    references public.programmes (id, school_id),
  constraint roadmap_tasks_title_not_blank check (deleted_at is not null or btrim(title) <> '')
);
create index roadmap_tasks_programme_fk_idx on public.roadmap_tasks (programme_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.roadmap_tasks
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('title', 'responsible', 'note');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.roadmap_tasks
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.roadmap_tasks
  for each row execute function private.stamp_synced_row();
create index roadmap_tasks_school_version_idx on public.roadmap_tasks (school_id, version);

alter table public.roadmap_tasks enable row level security;
revoke all on public.roadmap_tasks from public, anon, authenticated;
grant all on public.roadmap_tasks to service_role;
grant select, insert, update on public.roadmap_tasks to authenticated;

create policy roadmap_tasks_select on public.roadmap_tasks for select to authenticated
  using (school_id in (select private.my_staff_school_ids()));
create policy roadmap_tasks_insert on public.roadmap_tasks for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy roadmap_tasks_update on public.roadmap_tasks for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
