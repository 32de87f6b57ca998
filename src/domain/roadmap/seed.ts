// The seeds' roadmap as data: who they name as responsible and every task per stage with the
// month it is due in. The tasks are the seeds' own (seed 001 «План внедрения „Дорожной
// карты“», with the normative tasks of seed 000's roadmap): data in Russian that becomes rows
// the curator then edits.

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
