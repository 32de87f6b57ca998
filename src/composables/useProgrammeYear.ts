// The programme year of the workspace's school, live: the open year, its roadmap by stage
// with each stage's progress, the overdue tasks, and the commands (start a year, its dates and
// stage, the tasks, closing the year).
import { computed } from 'vue';
import {
  addRoadmapTask,
  closeProgrammeYear,
  deleteRoadmapTask,
  setCurrentStage,
  startProgrammeYear,
  updateProgrammeDates,
  updateRoadmapTask,
} from '@/data/repos/programmes';
import { observeProgrammeYear } from '@/data/yearQueries';
import { localIsoDate } from '@/domain/dates';
import { nextAcademicYear, yearToStart, type YearDatesInput } from '@/domain/programmeYear';
import {
  isOverdue,
  ROADMAP_STAGES,
  stageProgress,
  suggestedStage,
  type RoadmapTaskInput,
} from '@/domain/roadmap';
import type { RoadmapTask } from '@/domain/types';
import { useSessionStore } from '@/stores/session';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';

export interface YearStage {
  stage: number;
  tasks: RoadmapTask[];
  progress: ReturnType<typeof stageProgress>[number];
}

export function useProgrammeYear() {
  const session = useSessionStore();
  const today = localIsoDate(new Date());
  const source = () => ({
    schoolId: session.workspace.kind === 'school' ? session.workspace.schoolId : null,
    today,
  });
  const { data, isLoading, error } = useLiveQuery(observeProgrammeYear, source);
  const programme = computed(() => data.value?.programme ?? null);
  const tasks = computed(() => data.value?.tasks ?? []);
  const stages = computed<YearStage[]>(() => {
    const progress = stageProgress(tasks.value, today);
    return ROADMAP_STAGES.map((stage, i) => ({
      stage,
      tasks: tasks.value.filter((t) => t.stage === stage),
      progress: progress[i]!,
    }));
  });
  const overdueCount = computed(() => tasks.value.filter((t) => isOverdue(t, today)).length);
  /** The year a new programme would be for (the one today falls in). */
  const yearToOpen = computed(() => yearToStart(today));
  const nextYear = computed(() =>
    programme.value ? nextAcademicYear(programme.value.academic_year) : null,
  );
  const hint = computed(() => suggestedStage(tasks.value));

  const start = useCommand((ctx) => startProgrammeYear(ctx, { academicYear: yearToOpen.value }));
  const saveDates = useCommand((ctx, dates: YearDatesInput) =>
    updateProgrammeDates(ctx, programme.value!.id, dates),
  );
  const saveStage = useCommand((ctx, stage: number) =>
    setCurrentStage(ctx, programme.value!.id, stage),
  );
  const close = useCommand((ctx) => closeProgrammeYear(ctx, programme.value!.id, today));

  return {
    today,
    data,
    isLoading,
    error,
    programme,
    stages,
    overdueCount,
    yearToOpen,
    nextYear,
    suggestedStage: hint,
    unfinishedPairs: computed(() => data.value?.unfinishedPairs ?? 0),
    start,
    saveDates,
    saveStage,
    close,
  };
}

/** The commands on one roadmap task (each task row has its own, so errors stay with it). */
export function useRoadmapTaskActions() {
  const today = localIsoDate(new Date());
  return {
    today,
    save: useCommand((ctx, taskId: string, input: RoadmapTaskInput) =>
      updateRoadmapTask(ctx, taskId, input, today),
    ),
    remove: useCommand(deleteRoadmapTask),
  };
}

/** Adding a task to a stage of the year. */
export function useRoadmapTaskAdd(programmeId: () => string) {
  const today = localIsoDate(new Date());
  return useCommand((ctx, input: RoadmapTaskInput & { title: string; stage: number }) =>
    addRoadmapTask(ctx, programmeId(), input, today),
  );
}
