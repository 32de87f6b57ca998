// The plan's forms and actions: each form keeps what the user typed when validation fails
// and resets only after a successful save.
import { computed, reactive, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { PairPlan } from '@/data/planQueries';
import {
  addGoal,
  addTask,
  createPlan,
  deleteGoal,
  deleteTask,
  markTaskDoneByMentee,
  renameGoal,
  updateTask,
} from '@/data/repos/plans';
import { localIsoDate } from '@/domain/dates';
import { isLateForTemplate, planTemplate, templateForForm } from '@/domain/planTemplates';
import type { PlanGoal, TaskInput } from '@/domain/plans';
import type { PlanTask, PlanTaskStatus } from '@/domain/types';
import { useCommand } from './useCommand';

export const EMPTY_TEMPLATE = '';

/**
 * «Создать план»: the template of the pair's form is preselected; the title names the mentee.
 * A plan created late (its template's due dates, counted from the pair's start, already past)
 * counts them from today instead, unless the user unticks «Считать сроки от сегодняшнего дня».
 */
export function usePlanCreateForm(source: Ref<PairPlan | null | undefined>) {
  const { t } = useI18n();
  const form = reactive({
    templateId: EMPTY_TEMPLATE,
    title: '',
    menteeId: '',
    fromToday: true,
  });
  const today = localIsoDate(new Date());
  /** The day the template's due dates count from, as the repository would take it. */
  const start = computed(() => source.value?.pair.started_on ?? today);
  const isLate = computed(() => {
    const template = form.templateId ? planTemplate(form.templateId) : undefined;
    return !!template && isLateForTemplate(template, start.value, today);
  });
  let isInitialised = false;
  watch(
    source,
    (value) => {
      if (!value || isInitialised) return;
      isInitialised = true;
      const mentee = value.mentees[0];
      form.templateId = templateForForm(value.pair.form)?.id ?? EMPTY_TEMPLATE;
      form.menteeId = mentee?.id ?? '';
      form.title = t('plans.create.defaultTitle', { name: mentee?.full_name ?? '' }).trim();
    },
    { immediate: true },
  );
  const command = useCommand(createPlan);
  const submit = () =>
    source.value
      ? command.run(source.value.pair.id, {
          title: form.title,
          menteeId: form.menteeId,
          templateId: form.templateId || null,
          startOn: isLate.value && form.fromToday ? today : start.value,
        })
      : Promise.resolve(undefined);
  return { form, submit, isLate, ...command };
}

/** Adds a goal to the plan, or renames `goal` when given. */
export function useGoalForm(planId: () => string, goal?: PlanGoal) {
  const title = ref(goal?.title ?? '');
  const command = useCommand(async (ctx, text: string) => {
    if (goal) await renameGoal(ctx, goal.id, { title: text });
    else await addGoal(ctx, planId(), { title: text });
    return true;
  });
  async function submit(): Promise<boolean> {
    const saved = await command.run(title.value);
    if (saved && !goal) title.value = '';
    return !!saved;
  }
  return { title, submit, ...command };
}

export interface TaskFormState {
  title: string;
  due_on: string;
  status: PlanTaskStatus;
  result: string;
}

/** Adds a task under a goal (or none), or edits `task` when given. */
export function useTaskForm(planId: () => string, goalId: () => string | null, task?: PlanTask) {
  const blank = (): TaskFormState => ({
    title: task?.title ?? '',
    due_on: task?.due_on ?? '',
    status: task?.status ?? 'todo',
    result: task?.result ?? '',
  });
  const form = reactive<TaskFormState>(blank());
  const command = useCommand(async (ctx, input: TaskInput) => {
    if (task) await updateTask(ctx, task.id, input);
    else await addTask(ctx, planId(), goalId(), input);
    return true;
  });
  async function submit(): Promise<boolean> {
    const saved = await command.run({ ...form });
    if (saved && !task) Object.assign(form, blank());
    return !!saved;
  }
  return { form, submit, ...command };
}

/** One-tap actions on tasks and goals. */
export function usePlanActions() {
  const markDone = useCommand((ctx, taskId: string, result: string) =>
    updateTask(ctx, taskId, { status: 'done', result }),
  );
  const reopen = useCommand((ctx, taskId: string) => updateTask(ctx, taskId, { status: 'todo' }));
  const removeTask = useCommand(deleteTask);
  const removeGoal = useCommand(deleteGoal);
  return { markDone, reopen, removeTask, removeGoal };
}

/** The mentee's «Я выполнил(а)» with an optional comment; the comment stays if refused. */
export function useMenteeMark(taskId: () => string) {
  const comment = ref('');
  const command = useCommand((ctx, text: string) => markTaskDoneByMentee(ctx, taskId(), text));
  async function submit(): Promise<boolean> {
    await command.run(comment.value);
    return command.errors.value.length === 0 && !command.failure.value;
  }
  return { comment, submit, ...command };
}
