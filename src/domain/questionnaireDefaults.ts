// The built-in questionnaire templates (QUESTIONNAIRES.md), the same rows as migration
// supabase/schemas/820_builtin_questionnaires.sql: device-only mode has no
// server, so the device takes them from here (test/db/questionnaires-builtin.test.ts proves
// the two are equal). Never edit a shipped template: add a new revision with a new id.
import type {
  ChoiceItem,
  OpenItem,
  QuestionnaireItem,
  QuestionnaireTemplateDefinition,
  ScaleItem,
} from './questionnaires';

const scale = (id: string, ru: string, en: string): ScaleItem => ({
  id,
  type: 'scale',
  min: 1,
  max: 10,
  text: { ru, en },
});
const open = (id: string, ru: string, en: string): OpenItem => ({
  id,
  type: 'open',
  text: { ru, en },
});
/** Every choice question of the defaults is answered yes / no / not sure. */
const yesNo = (id: string, ru: string, en: string): ChoiceItem => ({
  id,
  type: 'choice',
  text: { ru, en },
  choices: [
    { value: 'yes', text: { ru: 'Да', en: 'Yes' } },
    { value: 'no', text: { ru: 'Нет', en: 'No' } },
    { value: 'not_sure', text: { ru: 'Не уверен(а)', en: 'Not sure' } },
  ],
});

const MENTEE_SATISFACTION: QuestionnaireItem[] = [
  scale(
    'q1',
    'Насколько вы довольны участием в программе наставничества?',
    'Overall satisfaction.',
  ),
  scale('q2', 'Насколько комфортно вам было общаться с наставником?', 'Comfort of communication.'),
  scale('q3', 'Насколько полезными были встречи?', 'Usefulness of meetings.'),
  scale('q4', 'Насколько оправдались ваши ожидания?', 'Expectations met.'),
  open('q5', 'Что было для вас самым ценным?', 'Most valuable.'),
  open('q6', 'Чего не хватило, что стоит изменить?', 'Missing, to change.'),
  yesNo('q7', 'Хотели бы вы продолжить?', 'Continue in the programme?'),
  yesNo('q8', 'Хотели бы вы сами стать наставником?', 'Become a mentor yourself?'),
];

const MENTOR_SATISFACTION: QuestionnaireItem[] = [
  scale(
    'q1',
    'Насколько вы довольны участием в программе?',
    'Overall satisfaction with taking part.',
  ),
  scale(
    'q2',
    'Насколько комфортно было общаться с наставляемым(и)?',
    'Comfort of communication with the mentee(s).',
  ),
  scale(
    'q3',
    'Насколько наставляемый продвинулся к целям плана?',
    "How far the mentee moved towards the plan's goals.",
  ),
  scale('q4', 'Хватало ли времени на наставничество?', 'Enough time for mentoring.'),
  scale('q5', 'Хватало ли поддержки куратора?', 'Enough support from the curator.'),
  open('q6', 'Что помогало больше всего?', 'What helped most.'),
  open('q7', 'Что мешало?', 'What got in the way.'),
  yesNo(
    'q8',
    'Продолжите ли вы быть наставником в следующем году?',
    'Continue as a mentor next year?',
  ),
];

/** The same scales at entry and exit, so each person's change shows. */
const STUDENT_SCALES: QuestionnaireItem[] = [
  scale(
    'q1',
    'Я хочу учиться и хорошо успевать в школе.',
    'I want to learn and do well at school.',
  ),
  scale(
    'q2',
    'Я уверен(а), что справлюсь с трудностями в учёбе.',
    'I am confident I can cope with difficulties in my studies.',
  ),
  scale(
    'q3',
    'Мне легко общаться с одноклассниками и учителями.',
    'It is easy for me to talk to classmates and teachers.',
  ),
  scale(
    'q4',
    'Я участвую в жизни школы (кружки, проекты, мероприятия).',
    'I take part in school life.',
  ),
  scale('q5', 'Я знаю, чего хочу достичь в этом году.', 'I know what I want to achieve this year.'),
  scale(
    'q6',
    'Как вы оцениваете свои результаты по важным для вас предметам?',
    'How do you rate your own results in the subjects that matter to you?',
  ),
];

const TEACHER_SELF_ASSESSMENT: QuestionnaireItem[] = [
  scale(
    'q1',
    'Уверенность в планировании и проведении урока',
    'Confidence in planning and running a lesson.',
  ),
  scale('q2', 'Управление классом и дисциплина', 'Managing the class and discipline.'),
  scale('q3', 'Работа с родителями', 'Working with parents.'),
  scale('q4', 'Ведение школьной документации', 'Keeping school documentation.'),
  scale(
    'q5',
    'Использование цифровых инструментов и современных методик',
    'Using digital tools and modern methods.',
  ),
  scale(
    'q6',
    'Эмоциональное состояние на работе (1 — истощение, 10 — полон сил)',
    'Emotional state at work (1 = exhausted, 10 = full of energy).',
  ),
  yesNo(
    'q7',
    'Планируете ли вы продолжать работать в этой школе?',
    'Do you intend to keep working at this school?',
  ),
  open(
    'q8',
    'Ваши основные профессиональные затруднения сейчас',
    'Your main professional difficulties now.',
  ),
];

const MENTOR_SKILLS: QuestionnaireItem[] = [
  scale('q1', 'Постановка целей вместе с наставляемым', 'Setting goals together with a mentee.'),
  scale('q2', 'Активное слушание', 'Active listening.'),
  scale('q3', 'Обратная связь, которая помогает', 'Giving feedback that helps.'),
  scale('q4', 'Планирование встреч', 'Planning meetings.'),
];

const id = (n: number) => `b1000000-0000-4000-8000-00000000000${n}`;

export const BUILTIN_QUESTIONNAIRES: readonly QuestionnaireTemplateDefinition[] = [
  {
    id: id(1),
    kind: 'satisfaction',
    audience: 'mentee_student',
    revision: 1,
    title: 'Анкета удовлетворённости наставляемого',
    items: MENTEE_SATISFACTION,
  },
  {
    id: id(2),
    kind: 'satisfaction',
    audience: 'mentee_teacher',
    revision: 1,
    title: 'Анкета удовлетворённости наставляемого педагога',
    items: MENTEE_SATISFACTION,
  },
  {
    id: id(3),
    kind: 'satisfaction',
    audience: 'mentor',
    revision: 1,
    title: 'Анкета удовлетворённости наставника',
    items: MENTOR_SATISFACTION,
  },
  {
    id: id(4),
    kind: 'entry',
    audience: 'mentee_student',
    revision: 1,
    title: 'Входная диагностика наставляемого (обучающийся)',
    items: [
      ...STUDENT_SCALES,
      open(
        'q7',
        'Что вы хотите получить от наставничества?',
        'What do you want to get from mentoring?',
      ),
    ],
  },
  {
    id: id(5),
    kind: 'exit',
    audience: 'mentee_student',
    revision: 1,
    title: 'Итоговая диагностика наставляемого (обучающийся)',
    items: [
      ...STUDENT_SCALES,
      open('q7', 'Что вы получили от наставничества?', 'What did you get from mentoring?'),
    ],
  },
  {
    id: id(6),
    kind: 'entry',
    audience: 'mentee_teacher',
    revision: 1,
    title: 'Входная диагностика наставляемого педагога',
    items: TEACHER_SELF_ASSESSMENT,
  },
  {
    id: id(7),
    kind: 'exit',
    audience: 'mentee_teacher',
    revision: 1,
    title: 'Итоговая диагностика наставляемого педагога',
    items: TEACHER_SELF_ASSESSMENT,
  },
  {
    id: id(8),
    kind: 'entry',
    audience: 'mentor',
    revision: 1,
    title: 'Самооценка навыков наставника (на входе)',
    items: [
      ...MENTOR_SKILLS,
      open('q5', 'Чему я хочу научиться как наставник?', 'What do I want to learn as a mentor?'),
    ],
  },
  {
    id: id(9),
    kind: 'exit',
    audience: 'mentor',
    revision: 1,
    title: 'Самооценка навыков наставника (на выходе)',
    items: [
      ...MENTOR_SKILLS,
      open('q5', 'Чему я научился как наставник?', 'What did I learn as a mentor?'),
    ],
  },
];

/** The built-in templates' titles in English (the stored title is the Russian one). */
const BUILTIN_TITLES_EN: Readonly<Record<string, string>> = {
  [id(1)]: 'Mentee satisfaction survey',
  [id(2)]: 'Satisfaction survey of a mentee teacher',
  [id(3)]: 'Mentor satisfaction survey',
  [id(4)]: 'Entry assessment of a mentee (student)',
  [id(5)]: 'Exit assessment of a mentee (student)',
  [id(6)]: 'Entry assessment of a mentee teacher',
  [id(7)]: 'Exit assessment of a mentee teacher',
  [id(8)]: 'Mentor skills self-assessment (entry)',
  [id(9)]: 'Mentor skills self-assessment (exit)',
};

/** A template's title in the UI's language: built-ins are translated, a school's own are not. */
export function templateTitle(template: { id: string; title: string }, locale: string): string {
  return (locale.startsWith('en') && BUILTIN_TITLES_EN[template.id]) || template.title;
}
