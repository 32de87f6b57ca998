// Templates of the development plan (ИПР) per form of mentoring. Their texts are data in
// Russian (they become rows the pair then edits); only the templates' names are translated.
import { addWeeks } from './plans';
import type { IsoDate, MentoringForm } from './types';

export interface PlanTemplateTask {
  title: string;
  activity?: string;
  expected_result?: string;
  /** Suggested due date, in weeks from the start of the pair's work; none when unknown. */
  dueWeeks?: number;
}

export interface PlanTemplateGoal {
  title: string;
  tasks: readonly PlanTemplateTask[];
}

export interface PlanTemplate {
  /** Also the i18n key of its name: `plans.templates.<id>`. */
  id: string;
  form: MentoringForm;
  goals: readonly PlanTemplateGoal[];
}

/**
 * «План программы „Учитель – учитель“» of the school's mentoring programme (seed 001): its 13
 * steps, in order, with the mentor's activity and the expected result. The document gives no
 * periods for the steps, so there are no due dates. The grouping of the steps into four goals
 * is ours, to keep the list readable on a phone; the steps themselves are the document's.
 */
const TEACHER_TEACHER: PlanTemplate = {
  id: 'uchitel_uchitel',
  form: 'uchitel_uchitel',
  goals: [
    {
      title: 'Адаптация в школе и нормативная база',
      tasks: [
        {
          title:
            'Выявление профессиональных проблем и образовательных запросов наставляемого педагога',
          activity:
            'Подбор/разработка диагностических материалов, методик. Осуществление диагностических процедур (анкетирование, собеседование)',
          expected_result:
            'Индивидуальный образовательный маршрут наставляемого педагога (далее – НП)',
        },
        {
          title: 'Изучение нормативно-правовой базы. Ведение школьной документации',
          activity:
            'Деятельность по изучению «Закона об образовании в РФ», локальных актов ОО. Составление рабочей программы.',
          expected_result: 'Компетентность НП в заполнении школьной документации',
        },
        {
          title: 'Ознакомление с Профстандартом педагога',
          activity: 'Разработка программы индивидуального профессионального саморазвития педагога',
          expected_result: 'Наличие программы индивидуального профессионального развития',
        },
        {
          title: 'Обеспечение каналов многосторонней связи с НП',
          activity:
            'Создание на личном сайте/блоге наставника страницы для НП; организация общения посредством электронной почты, программы «Skype»',
          expected_result: 'Возможность постоянного взаимодействия и общения',
        },
      ],
    },
    {
      title: 'Урок по ФГОС и современные технологии',
      tasks: [
        {
          title: 'Проектирование и анализ образовательной деятельности в контексте требований ФГОС',
          activity:
            'Открытые занятия наставника, педагогов школы, их анализ. Практикумы по планированию каждого этапа учебного занятия. Видеозапись уроков, организация работы с видеоматериалами. Разработка инструментария для самостоятельного проектирования урока НП.',
          expected_result:
            'Компетентность наставляемого педагога в проектировании и анализе урока системно-деятельностного типа',
        },
        {
          title: 'Освоение современных образовательных технологий',
          activity:
            'Планирование и организация мастер-классов наставника и педагогов школы. Организация работы педмастерской по проектированию урока с использованием конкретных технологий обучения',
          expected_result:
            'Обогащение опыта, умение молодого педагога использовать широкий арсенал современных методов и технологий обучения, динамика в освоении образовательных технологий.',
        },
        {
          title: 'Формирование позитивного имиджа педагога',
          activity:
            'Подборка материалов по вопросам педагогической этики, риторики, культуры. Сборник методических рекомендаций. Практикумы по решению педагогических ситуаций',
          expected_result:
            'Культура общения с педагогами, родителями обучающихся, обучающимися, освоенные эффективные приемы.',
        },
      ],
    },
    {
      title: 'Профессиональный рост и методическая тема',
      tasks: [
        {
          title: 'Мониторинг профессионального роста НП',
          activity: 'Выбор диагностических методик. Осуществление мониторинга',
          expected_result: 'Коррекция индивидуального образовательного маршрута НП',
        },
        {
          title: 'Определение технического задания',
          activity:
            'Разработка технического задания НП (с учетом результатов мониторинга ИЛИ на основе перспектив работы на следующий год)',
          expected_result: 'Коррекция индивидуального образовательного маршрута НП',
        },
        {
          title: 'Описание методической темы НП',
          activity: 'Оказание методической помощи наставником',
          expected_result:
            'Выбор методической темы НП, освоение технологии работы над выбранной темой',
        },
      ],
    },
    {
      title: 'Аттестация и итоги',
      tasks: [
        {
          title: 'Введение в процесс аттестации. Требования к квалификации.',
          activity: 'Изучение нормативных документов по аттестации педагогических работников',
          expected_result: 'Подготовка НП к прохождению аттестации.',
        },
        {
          title: 'Мониторинг профессионального роста НП',
          activity: 'Выбор диагностических методик. Осуществление мониторинга',
          expected_result: 'Коррекция индивидуального образовательного маршрута НП',
        },
        {
          title: 'Итоги реализации программы',
          activity: 'Подготовка отчета наставника и МС',
        },
      ],
    },
  ],
};

/** Peer mentoring («ученик – ученик»): written for teenagers, a school year of weekly pace. */
const STUDENT_STUDENT: PlanTemplate = {
  id: 'uchenik_uchenik',
  form: 'uchenik_uchenik',
  goals: [
    {
      title: 'Познакомиться и договориться',
      tasks: [
        { title: 'Рассказать друг другу о себе, своих интересах и любимых предметах', dueWeeks: 1 },
        { title: 'Договориться, когда и где встречаемся и как держим связь', dueWeeks: 1 },
        { title: 'Записать, что хочется изменить к концу года', dueWeeks: 2 },
      ],
    },
    {
      title: 'Подтянуть учёбу',
      tasks: [
        { title: 'Выбрать предмет или тему, которая даётся труднее всего', dueWeeks: 3 },
        { title: 'Разобрать эту тему вместе на нескольких встречах', dueWeeks: 8 },
        { title: 'Написать пробную самостоятельную и разобрать ошибки', dueWeeks: 10 },
      ],
    },
    {
      title: 'Научиться учиться',
      tasks: [
        { title: 'Составить расписание недели: уроки, кружки и отдых', dueWeeks: 4 },
        {
          title: 'Попробовать способ запоминать (карточки, схемы) и рассказать, что сработало',
          dueWeeks: 6,
        },
      ],
    },
    {
      title: 'Проявить себя',
      tasks: [
        {
          title: 'Выбрать конкурс, проект или школьное событие и участвовать вместе',
          dueWeeks: 14,
        },
        { title: 'Рассказать классу или на сайте школы, что получилось', dueWeeks: 18 },
      ],
    },
    {
      title: 'Подвести итоги',
      tasks: [
        { title: 'Сравнить с тем, что хотелось в начале: что вышло, что нет', dueWeeks: 30 },
        { title: 'Заполнить итоговую анкету и сказать друг другу спасибо', dueWeeks: 32 },
      ],
    },
  ],
};

/** «учитель – ученик»: goals a teacher and a student set together, in plain words. */
const TEACHER_STUDENT: PlanTemplate = {
  id: 'uchitel_uchenik',
  form: 'uchitel_uchenik',
  goals: [
    {
      title: 'Познакомиться и поставить цели',
      tasks: [
        { title: 'Рассказать о своих интересах, сильных сторонах и трудностях', dueWeeks: 1 },
        { title: 'Вместе записать 2–3 цели на этот год', dueWeeks: 2 },
      ],
    },
    {
      title: 'Учёба без пробелов',
      tasks: [
        { title: 'Выбрать предметы, где нужна помощь, и составить план занятий', dueWeeks: 3 },
        { title: 'Разбирать трудные темы на консультациях раз в две недели', dueWeeks: 12 },
        { title: 'Проверить себя пробной работой или тестом', dueWeeks: 16 },
      ],
    },
    {
      title: 'Свой проект или олимпиада',
      tasks: [
        { title: 'Выбрать тему проекта, исследования или олимпиаду', dueWeeks: 6 },
        { title: 'Подготовить проект и показать его классу или на конференции', dueWeeks: 24 },
      ],
    },
    {
      title: 'Кем стать',
      tasks: [
        { title: 'Пройти профориентационный тест и обсудить результат', dueWeeks: 10 },
        {
          title: 'Сходить на день открытых дверей, экскурсию или встречу с профессионалом',
          dueWeeks: 20,
        },
      ],
    },
    {
      title: 'Подвести итоги',
      tasks: [
        { title: 'Обсудить, чего удалось добиться, и заполнить итоговую анкету', dueWeeks: 32 },
      ],
    },
  ],
};

export const PLAN_TEMPLATES: readonly PlanTemplate[] = [
  TEACHER_TEACHER,
  STUDENT_STUDENT,
  TEACHER_STUDENT,
];

export function planTemplate(id: string): PlanTemplate | undefined {
  return PLAN_TEMPLATES.find((t) => t.id === id);
}

/** The template offered first for a pair of this form, if there is one. */
export function templateForForm(form: MentoringForm): PlanTemplate | undefined {
  return PLAN_TEMPLATES.find((t) => t.form === form);
}

/** All the template's tasks in order, as numbered steps. */
export function templateSteps(template: PlanTemplate): PlanTemplateTask[] {
  return template.goals.flatMap((g) => g.tasks);
}

/**
 * A plan created late: counted from `start` (the pair's start), some of the template's due
 * dates are already past by `today`, so the plan would be born overdue.
 */
export function isLateForTemplate(template: PlanTemplate, start: IsoDate, today: IsoDate): boolean {
  return templateSteps(template).some(
    (step) => step.dueWeeks !== undefined && addWeeks(start, step.dueWeeks) < today,
  );
}
