// The programme year's roadmap (дорожная карта): seven stages, each with its tasks, a due date
// and who is responsible. The seeded tasks are the seeds' own (seed 001 «План внедрения
// „Дорожной карты“», with the normative tasks of seed 000's roadmap): data in Russian that
// becomes rows the curator then edits. Only the stages' names are translated
// (`year.stages.<n>`). Stages are data (1..7 here, as the server's check allows).
import { addDays } from './dates';
import { MAX_COMMENT_LENGTH } from './limits';
import type { IsoDate, Programme, RoadmapTask, RoadmapTaskStatus } from './types';
import { ROADMAP_TASK_STATUSES } from './types';
import { cleanText, isIsoDate, type FieldError } from './validation';

export const ROADMAP_STAGES = [1, 2, 3, 4, 5, 6, 7] as const;
/** «Завершение наставничества»: exit questionnaires open once the school is here. */
export const FINAL_STAGE = 7;

export const MAX_TASK_TITLE_LENGTH = 500;
export const MAX_RESPONSIBLE_LENGTH = 500;
export const MAX_TASK_NOTE_LENGTH = MAX_COMMENT_LENGTH;

/** Who the seeds name as responsible, as the school writes it (stored text, editable). */
export const RESPONSIBLE = {
  curator: 'Заместитель директора по УВР (куратор)',
  director: 'Директор',
  classTeachers: 'Классные руководители',
  psychologist: 'Педагог-психолог',
  methodist: 'Методист',
  mentors: 'Наставники',
} as const;

export interface RoadmapSeedTask {
  stage: number;
  title: string;
  /** The month it is due in (1–12), within the school year (September … June). */
  month: number;
  responsible: string;
}

const { curator, director, classTeachers, psychologist, methodist, mentors } = RESPONSIBLE;

/**
 * The seeds' tasks per stage. Months are seed 001's (its year ran 09.2020–06.2021; a range
 * such as «12.2020–03.2021» is due at its end); the tasks marked 000 come from seed 000, whose
 * periods («август–сентябрь») are moved to the school year's first month.
 */
export const SEED_ROADMAP: readonly RoadmapSeedTask[] = [
  // 1. Подготовка условий для запуска программы наставничества
  {
    stage: 1,
    title: 'Издание приказа о внедрении целевой модели наставничества', // 000
    month: 9,
    responsible: director,
  },
  {
    stage: 1,
    title: 'Назначение куратора внедрения целевой модели наставничества', // 000
    month: 9,
    responsible: director,
  },
  {
    stage: 1,
    title: 'Разработка и утверждение Положения о наставничестве', // 000
    month: 9,
    responsible: curator,
  },
  {
    stage: 1,
    title: 'Разработка и утверждение «дорожной карты» внедрения системы наставничества', // 000
    month: 9,
    responsible: curator,
  },
  {
    stage: 1,
    title:
      'Информирование педагогического сообщества образовательной организации о реализации программы наставничества',
    month: 9,
    responsible: curator,
  },
  {
    stage: 1,
    title:
      'Информирование родительского сообщества о планируемой реализации программы наставничества',
    month: 11,
    responsible: director,
  },
  {
    stage: 1,
    title:
      'Встреча с сообществом выпускников и/или представителями региональных организаций и предприятий с целью информирования о реализации программы наставничества',
    month: 11,
    responsible: director,
  },
  {
    stage: 1,
    title:
      'Встреча с обучающимися образовательной организации с информированием о реализуемой программе наставничества',
    month: 11,
    // Seed 000: classroom hours («классные часы») by the class teachers.
    responsible: classTeachers,
  },
  // 2. Формирование базы наставляемых
  {
    stage: 2,
    title:
      'Проведение анкетирования среди обучающихся/педагогов, желающих принять участие в программе наставничества. Сбор согласий на сбор и обработку персональных данных от совершеннолетних участников программы',
    month: 9,
    responsible: curator,
  },
  {
    stage: 2,
    title:
      'Сбор дополнительной информации о запросах наставляемых (обучающиеся/педагоги) от третьих лиц: классный руководитель, психолог, соцработник, родители. Сбор согласий на сбор и обработку персональных данных от законных представителей несовершеннолетних участников',
    month: 11,
    responsible: classTeachers,
  },
  {
    stage: 2,
    title: 'Анализ полученных от наставляемых и третьих лиц данных. Формирование базы наставляемых',
    month: 11,
    responsible: director,
  },
  // 3. Формирование базы наставников
  {
    stage: 3,
    title: 'Выбор форм наставничества, реализуемых в рамках текущей программы наставничества',
    month: 10,
    responsible: curator,
  },
  {
    stage: 3,
    title:
      'Оценка участников-наставляемых по заданным параметрам, необходимым для будущего сравнения и мониторинга влияния программ на всех участников',
    month: 10,
    responsible: curator,
  },
  {
    stage: 3,
    title:
      'Проведение анкетирования среди потенциальных наставников, желающих принять участие в программе наставничества. Сбор согласий на сбор и обработку персональных данных',
    month: 10,
    responsible: curator,
  },
  {
    stage: 3,
    title:
      'Анализ заполненных анкет потенциальных наставников и сопоставление данных с анкетами наставляемых. Формирование базы наставников',
    month: 10,
    responsible: curator,
  },
  // 4. Отбор и обучение наставников
  {
    stage: 4,
    title: 'Подготовка методических материалов для сопровождения наставнической деятельности', // 000
    month: 9,
    responsible: methodist,
  },
  {
    stage: 4,
    title:
      'Оценка участников-наставников по заданным параметрам, необходимым для будущего сравнения и мониторинга влияния программ на всех участников',
    month: 11,
    responsible: curator,
  },
  {
    stage: 4,
    title: 'Проведение собеседования с наставниками (в некоторых случаях с привлечением психолога)',
    month: 11,
    responsible: curator,
  },
  {
    stage: 4,
    title: 'Поиск экспертов и материалов для проведения обучения наставников',
    month: 11,
    responsible: curator,
  },
  { stage: 4, title: 'Обучение наставников', month: 11, responsible: curator },
  // 5. Формирование наставнических пар или групп
  {
    stage: 5,
    title: 'Организация групповой встречи наставников и наставляемых',
    month: 11,
    responsible: curator,
  },
  {
    stage: 5,
    title:
      'Проведение анкетирования на предмет предпочитаемого наставника/наставляемого после завершения групповой встречи',
    month: 12,
    responsible: curator,
  },
  {
    stage: 5,
    title: 'Анализ анкет групповой встречи и соединение наставников и наставляемых в пары',
    month: 12,
    responsible: curator,
  },
  {
    stage: 5,
    title:
      'Информирование участников о сложившихся парах/группах. Закрепление пар/групп распоряжением руководителя образовательной организации',
    month: 12,
    responsible: curator,
  },
  {
    stage: 5,
    title: 'Составление планов индивидуального развития наставляемых', // 000
    month: 12,
    responsible: mentors,
  },
  {
    stage: 5,
    title: 'Организация психологического сопровождения наставляемым (при необходимости)', // 000
    month: 12,
    responsible: psychologist,
  },
  // 6. Организация работы наставнических пар или групп
  {
    stage: 6,
    title: 'Проведение первой, организационной, встречи наставника и наставляемого',
    month: 12,
    responsible: mentors,
  },
  {
    stage: 6,
    title: 'Проведение второй, пробной рабочей, встречи наставника и наставляемого',
    month: 12,
    responsible: mentors,
  },
  {
    stage: 6,
    title:
      'Проведение встречи-планирования рабочего процесса в рамках программы наставничества с наставником и наставляемым',
    month: 12,
    responsible: mentors,
  },
  {
    stage: 6,
    title: 'Регулярные встречи наставника и наставляемого',
    month: 3,
    responsible: mentors,
  },
  {
    stage: 6,
    title: 'Сбор обратной связи от участников программы наставничества',
    month: 4,
    responsible: curator,
  },
  {
    stage: 6,
    title: 'Проведение заключительной встречи наставника и наставляемого',
    month: 4,
    responsible: mentors,
  },
  {
    stage: 6,
    title:
      'Проведение групповой заключительной встречи всех пар и групп наставников и наставляемых',
    month: 4,
    responsible: curator,
  },
  {
    stage: 6,
    title:
      'Анкетирование участников. Проведение мониторинга личной удовлетворенности участием в программе наставничества',
    month: 4,
    responsible: curator,
  },
  // 7. Завершение наставничества
  {
    stage: 7,
    title:
      'Приглашение на торжественное мероприятие всех участников программы наставничества, их родных, представителей организаций-партнеров, администрации муниципалитета, иных образовательных и некоммерческих организаций',
    month: 5,
    responsible: director,
  },
  {
    stage: 7,
    title:
      'Проведение торжественного мероприятия для подведения итогов программы наставничества и награждения лучших наставников',
    month: 5,
    responsible: director,
  },
  {
    stage: 7,
    title: 'Приказ о поощрении участников наставнической деятельности. Благодарственные письма', // 000
    month: 5,
    responsible: director,
  },
  {
    stage: 7,
    title: 'Проведение мониторинга качества реализации программы наставничества',
    month: 5,
    responsible: curator,
  },
  {
    stage: 7,
    title:
      'Оценка участников по заданным параметрам, проведение второго, заключающего этапа мониторинга влияния программ на всех участников',
    month: 5,
    responsible: curator,
  },
  {
    stage: 7,
    title:
      'Оформление итогов и процессов совместной работы в рамках программы наставничества в кейсы',
    month: 5,
    responsible: curator,
  },
  {
    stage: 7,
    title:
      'Публикация результатов программы наставничества, лучших наставников, кейсов на сайтах образовательной организации и организаций-партнеров',
    month: 6,
    responsible: curator,
  },
  {
    stage: 7,
    title:
      'Внесение данных об итогах реализации программы наставничества в базу наставников и базу наставляемых',
    month: 6,
    responsible: curator,
  },
  { stage: 7, title: 'Формирование долгосрочной базы наставников', month: 6, responsible: curator },
];

/** The first calendar year of an academic year `2026/2027` (2026). */
export function academicStartYear(academicYear: string): number {
  return Number(academicYear.slice(0, 4));
}

/** The last day of `month` of the academic year (September … December in its first year). */
export function dueInMonth(academicYear: string, month: number): IsoDate {
  const start = academicStartYear(academicYear);
  const year = month >= 9 ? start : start + 1;
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** A roadmap task's own fields: what a seeded or added task carries (no sync columns). */
export type RoadmapTaskFields = Pick<
  RoadmapTask,
  | 'school_id'
  | 'programme_id'
  | 'stage'
  | 'position'
  | 'title'
  | 'due_on'
  | 'done_on'
  | 'responsible'
  | 'status'
  | 'note'
>;

/**
 * The programme's roadmap as the seeds have it: every seed task with its due date in the
 * programme's academic year and its responsible, planned; positions count within a stage.
 */
export function seedRoadmap(
  programme: Pick<Programme, 'id' | 'school_id' | 'academic_year'>,
): RoadmapTaskFields[] {
  const positions = new Map<number, number>();
  return SEED_ROADMAP.map((seed) => {
    const position = positions.get(seed.stage) ?? 0;
    positions.set(seed.stage, position + 1);
    return {
      school_id: programme.school_id,
      programme_id: programme.id,
      stage: seed.stage,
      position,
      title: seed.title,
      due_on: dueInMonth(programme.academic_year, seed.month),
      done_on: null,
      responsible: seed.responsible,
      status: 'planned',
      note: null,
    };
  });
}

type TaskState = Pick<RoadmapTask, 'status' | 'due_on' | 'deleted_at'>;

/** Rows from older servers carry no status: they are planned. */
export const taskStatus = (task: Pick<RoadmapTask, 'status'>): RoadmapTaskStatus =>
  task.status ?? 'planned';

/** Done, or decided against: nothing more to do. */
export const isFinished = (task: Pick<RoadmapTask, 'status'>) =>
  taskStatus(task) === 'done' || taskStatus(task) === 'skipped';

/** Its due date has passed (before today) and it is neither done nor skipped. */
export function isOverdue(task: TaskState, today: IsoDate): boolean {
  return (
    task.deleted_at === null && !isFinished(task) && task.due_on !== null && task.due_on < today
  );
}

export interface StageProgress {
  stage: number;
  total: number;
  /** Done or skipped. */
  finished: number;
  done: number;
  skipped: number;
  overdue: number;
  /** finished / total (0 when the stage has no tasks). */
  share: number;
}

/** Each stage's progress: finished (done or skipped) of all its live tasks. */
export function stageProgress(
  tasks: readonly (TaskState & Pick<RoadmapTask, 'stage'>)[],
  today: IsoDate,
): StageProgress[] {
  return ROADMAP_STAGES.map((stage) => {
    const live = tasks.filter((t) => t.deleted_at === null && t.stage === stage);
    const done = live.filter((t) => taskStatus(t) === 'done').length;
    const skipped = live.filter((t) => taskStatus(t) === 'skipped').length;
    const finished = done + skipped;
    return {
      stage,
      total: live.length,
      finished,
      done,
      skipped,
      overdue: live.filter((t) => isOverdue(t, today)).length,
      share: live.length === 0 ? 0 : finished / live.length,
    };
  });
}

/** The live tasks past their date and not finished, earliest due first. */
export function overdueTasks<T extends TaskState & Pick<RoadmapTask, 'stage' | 'position'>>(
  tasks: readonly T[],
  today: IsoDate,
): T[] {
  return tasks
    .filter((t) => isOverdue(t, today))
    .sort(
      (a, b) =>
        (a.due_on ?? '').localeCompare(b.due_on ?? '') ||
        a.stage - b.stage ||
        a.position - b.position,
    );
}

/** The first stage with work left (the curator's stage is hers to set; this is a hint). */
export function suggestedStage(tasks: readonly (TaskState & Pick<RoadmapTask, 'stage'>)[]): number {
  const open = tasks.filter((t) => t.deleted_at === null && !isFinished(t)).map((t) => t.stage);
  return open.length === 0 ? FINAL_STAGE : Math.min(...open);
}

export function isRoadmapStage(value: number): boolean {
  return (ROADMAP_STAGES as readonly number[]).includes(value);
}

export interface RoadmapTaskInput {
  title?: string;
  due_on?: IsoDate | null;
  responsible?: string | null;
  status?: RoadmapTaskStatus;
  note?: string | null;
  stage?: number;
}

/**
 * A task needs a title (≤ 500); responsible ≤ 500, note or link ≤ 2000, a real date or none,
 * one of the statuses, a stage 1..7 (the server's checks). Keys are `errors.<key>`.
 */
export function validateRoadmapTask(input: RoadmapTaskInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.title !== undefined) {
    const title = cleanText(input.title);
    if (!title) errors.push({ field: 'title', key: 'required' });
    else if (title.length > MAX_TASK_TITLE_LENGTH) {
      errors.push({ field: 'title', key: 'tooLong', params: { max: MAX_TASK_TITLE_LENGTH } });
    }
  }
  const responsible = cleanText(input.responsible);
  if (responsible && responsible.length > MAX_RESPONSIBLE_LENGTH) {
    errors.push({ field: 'responsible', key: 'tooLong', params: { max: MAX_RESPONSIBLE_LENGTH } });
  }
  const note = cleanText(input.note);
  if (note && note.length > MAX_TASK_NOTE_LENGTH) {
    errors.push({ field: 'note', key: 'tooLong', params: { max: MAX_TASK_NOTE_LENGTH } });
  }
  if (input.due_on && !isIsoDate(input.due_on)) errors.push({ field: 'due_on', key: 'date' });
  if (input.status !== undefined && !ROADMAP_TASK_STATUSES.includes(input.status)) {
    errors.push({ field: 'status', key: 'status' });
  }
  if (input.stage !== undefined && !isRoadmapStage(input.stage)) {
    errors.push({ field: 'stage', key: 'stage' });
  }
  return errors;
}

/**
 * The columns a change writes: texts trimmed (blank → null), and done_on following the
 * status — set to today when a task becomes done, cleared when it is no longer done.
 */
export function roadmapTaskChanges(
  current: Pick<RoadmapTask, 'status' | 'done_on'> | null,
  input: RoadmapTaskInput,
  today: IsoDate,
): Partial<RoadmapTaskFields> {
  const out: Partial<RoadmapTaskFields> = {};
  if (input.title !== undefined) out.title = cleanText(input.title) ?? '';
  if (input.due_on !== undefined) out.due_on = input.due_on || null;
  if (input.responsible !== undefined) out.responsible = cleanText(input.responsible);
  if (input.note !== undefined) out.note = cleanText(input.note);
  if (input.stage !== undefined) out.stage = input.stage;
  if (input.status !== undefined) {
    out.status = input.status;
    const wasDone = current !== null && taskStatus(current) === 'done';
    if (input.status === 'done' && !wasDone) out.done_on = today;
    else if (input.status !== 'done') out.done_on = null;
  }
  return out;
}
