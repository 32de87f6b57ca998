// «Аналитическая справка» of the curator on the programme year: participation, pairs by form,
// meetings, development plans, entry versus exit, satisfaction and the municipal KPIs against
// their targets (domain/kpi.ts computeKpis), then the conclusions and the curator's signature.
import type { KpiShareKey, KpiTable } from '../kpi';
import type { SatisfactionShare } from '../monitoring';
import type { ParticipantKind } from '../types';
import type { AnalyticalFacts } from './analyticalFacts';
import { schoolHeader, type SchoolRequisites } from './common';
import type { CuratorRequisites } from './curatorOrder';
import {
  FORM_TITLES,
  MEETING_TYPE_TITLES,
  formatDocDate,
  formatScore,
  initialsName,
  safeFileName,
} from './format';
import type { DocumentBlock, DocumentModel } from './model';
import { CONCLUSION_BLANK } from './mentorReport';

export interface AnalyticalReportInput {
  school: SchoolRequisites;
  facts: AnalyticalFacts;
  /** The KPI table of the calendar year the programme year ends in; null: not available. */
  kpis: KpiTable | null;
  curator: CuratorRequisites | null;
  today: string;
}

const KIND_TITLES: Record<ParticipantKind, string> = {
  student: 'Обучающиеся',
  teacher: 'Педагогические работники',
  parent: 'Родители (законные представители)',
  graduate: 'Выпускники, студенты',
  employer_staff: 'Представители предприятий и организаций',
  other: 'Другие участники',
};

/** The seed's wording of the KPI rows (004, «Показатели мониторинга эффективности…»). */
export const KPI_SHARE_TITLES: Record<KpiShareKey, string> = {
  students_involved:
    'Доля обучающихся ОО, вовлеченных в различные формы сопровождения и наставничества',
  preschool_involved:
    'Доля обучающихся ДОО, вовлеченных в различные формы сопровождения, наставничества и шефства',
  student_mentors_15_19:
    'Доля детей и подростков от 15 до 19 лет, вошедших в программы наставничества в роли наставника',
  managers_involved: 'Доля руководящих работников, вовлеченных в различные формы наставничества',
  teachers_involved:
    'Доля педагогических работников, в том числе узких специалистов, вовлеченных в различные формы наставничества',
  young_teachers_supported:
    'Доля учителей в возрасте до 35 лет, вовлеченных в различные формы поддержки и сопровождения в первые три года работы',
  enterprises_mentoring:
    'Доля предприятий, которые вошли в программы наставничества, предоставив своих наставников',
  managers_trained:
    'Доля руководящих работников, имеющих действующую курсовую подготовку по наставничеству (36 ч. и более)',
  teachers_trained:
    'Доля педагогических работников, в том числе узких специалистов, имеющих действующую курсовую подготовку по наставничеству (36 ч. и более)',
  mentee_satisfaction:
    'Уровень удовлетворенности наставляемых участием в программах наставничества',
  mentor_satisfaction: 'Уровень удовлетворенности наставников участием в программах наставничества',
};

export const KPI_DOCUMENT_TITLES: Record<string, string> = {
  regulation: 'Разработано «Положение о наставничестве»',
  programme: 'Разработана «Программа целевой модели наставничества»',
  monitoring_indicators:
    'Разработаны показатели мониторинга реализации целевой модели наставничества',
  implementation_order: 'Издан приказ руководителя ОО о внедрении целевой модели наставничества',
  roadmap: 'Разработана дорожная карта реализации наставничества в ОО',
};

const percentOf = (part: number, whole: number) =>
  whole === 0 ? '—' : `${Math.round((part / whole) * 100)} %`;

const heading = (text: string): DocumentBlock => ({
  kind: 'paragraph',
  text,
  bold: true,
  spaced: true,
});
const body = (text: string): DocumentBlock => ({
  kind: 'paragraph',
  text,
  align: 'justify',
  indent: true,
});

function participation(facts: AnalyticalFacts): DocumentBlock[] {
  const { year } = facts;
  if (facts.pairCount === 0) {
    return [body(`В ${year.label} учебном году наставнические пары (группы) не утверждались.`)];
  }
  return [
    body(
      `Наставнических пар (групп), работавших в ${year.label} учебном году по приказам об утверждении: ${facts.pairCount}. Участников программ наставничества: ${facts.people} чел., из них наставников — ${facts.mentors}, наставляемых — ${facts.mentees}.`,
    ),
    {
      kind: 'table',
      columns: [
        { title: 'Категория участников', width: 50 },
        { title: 'Наставники', width: 25 },
        { title: 'Наставляемые', width: 25 },
      ],
      rows: [
        ...facts.byKind.map((k) => [
          k.kind ? KIND_TITLES[k.kind] : 'Категория не указана',
          String(k.mentors),
          String(k.mentees),
        ]),
        ['Итого', String(facts.mentors), String(facts.mentees)],
      ],
    },
  ];
}

function pairsByForm(facts: AnalyticalFacts): DocumentBlock[] {
  if (facts.byForm.length === 0) return [body('Пар (групп) нет.')];
  const sum = (pick: (f: AnalyticalFacts['byForm'][number]) => number) =>
    String(facts.byForm.reduce((total, f) => total + pick(f), 0));
  return [
    {
      kind: 'table',
      columns: [
        { title: 'Форма наставничества', width: 28 },
        { title: 'Пар (групп)', width: 14 },
        { title: 'из них групп', width: 14 },
        { title: 'Работают', width: 14 },
        { title: 'Завершили', width: 15 },
        { title: 'Завершили досрочно', width: 15 },
      ],
      rows: [
        ...facts.byForm.map((f) => [
          FORM_TITLES[f.form],
          String(f.pairs),
          String(f.groups),
          String(f.running),
          String(f.completed),
          String(f.endedEarly),
        ]),
        [
          'Итого',
          sum((f) => f.pairs),
          sum((f) => f.groups),
          sum((f) => f.running),
          sum((f) => f.completed),
          sum((f) => f.endedEarly),
        ],
      ],
    },
  ];
}

function meetings(facts: AnalyticalFacts): DocumentBlock[] {
  const m = facts.meetings;
  if (m.total === 0) return [body('Встречи наставнических пар (групп) не проводились.')];
  const average = (m.total / Math.max(facts.pairCount, 1)).toFixed(1).replace('.', ',');
  return [
    body(
      `Проведено встреч: ${m.total}; в среднем ${average} встречи на пару (группу). Пар (групп) без встреч: ${m.pairsWithout}.`,
    ),
    {
      kind: 'table',
      columns: [
        { title: 'Вид встречи', width: 70 },
        { title: 'Количество', width: 30 },
      ],
      rows: m.byType.map((t) => [MEETING_TYPE_TITLES[t.type], String(t.count)]),
    },
  ];
}

function plans(facts: AnalyticalFacts): DocumentBlock[] {
  const p = facts.plans;
  const lines = [
    `Индивидуальные планы развития составлены у ${p.pairsWithPlan} из ${facts.pairCount} пар (групп) (${percentOf(p.pairsWithPlan, facts.pairCount)}).`,
  ];
  if (p.total > 0) {
    lines.push(
      `Выполнено задач планов: ${p.done} из ${p.total} (${percentOf(p.done, p.total)}); просрочено на ${formatDocDate(facts.asOf)}: ${p.overdue}.`,
    );
  }
  return [body(lines.join(' '))];
}

function monitoring(facts: AnalyticalFacts): DocumentBlock[] {
  if (!facts.monitoring.hasResults) {
    return [body('Анкеты входящего и итогового мониторинга не заполнены.')];
  }
  return [
    body(
      'Средний балл анкет (по шкале анкеты) на входе в программу и на выходе из неё, по формам наставничества.',
    ),
    {
      kind: 'table',
      columns: [
        { title: 'Форма наставничества', width: 32 },
        { title: 'Участников', width: 17 },
        { title: 'На входе', width: 17 },
        { title: 'На выходе', width: 17 },
        { title: 'Изменение', width: 17 },
      ],
      rows: facts.monitoring.byForm.map((f) => [
        FORM_TITLES[f.form],
        String(f.people),
        formatScore(f.entry.mean),
        formatScore(f.exit.mean),
        formatScore(f.change.mean, { signed: true }),
      ]),
    },
  ];
}

function satisfaction(facts: AnalyticalFacts): DocumentBlock[] {
  const s = facts.satisfaction;
  if (s.all.total === 0) return [body('Анкеты удовлетворённости не заполнены.')];
  const row = (title: string, share: SatisfactionShare) => [
    title,
    String(share.total),
    String(share.satisfied),
    share.percent === null ? '—' : `${share.percent} %`,
  ];
  return [
    {
      kind: 'table',
      columns: [
        { title: 'Участники', width: 40 },
        { title: 'Ответили', width: 20 },
        { title: 'Удовлетворены', width: 20 },
        { title: 'Доля', width: 20 },
      ],
      rows: [
        row('Наставляемые', s.mentee),
        row('Наставники', s.mentor),
        row('Все участники', s.all),
      ],
    },
  ];
}

function kpiRows(kpis: KpiTable): DocumentBlock[] {
  const year = kpis.period.year;
  const period = kpis.period.half ? `${kpis.period.half}-е полугодие ${year} г.` : `${year} год`;
  return [
    body(
      `Показатели мониторинга эффективности реализации целевой модели наставничества за ${period} (с ${formatDocDate(kpis.from)} по ${formatDocDate(kpis.to)}) в сравнении с целевыми значениями.`,
    ),
    {
      kind: 'table',
      columns: [
        { title: 'Показатель', width: 46 },
        { title: 'Целевое значение', width: 14 },
        { title: 'Фактически', width: 26 },
        { title: 'Достигнуто', width: 14 },
      ],
      rows: [
        ...kpis.documents.map((d) => [
          `${KPI_DOCUMENT_TITLES[d.kind] ?? d.indicator} (да/нет)`,
          'да',
          d.adopted ? 'да' : 'нет',
          d.adopted ? 'да' : 'нет',
        ]),
        ...kpis.shares.map((s) => [
          `${KPI_SHARE_TITLES[s.key]}, %`,
          s.target === null ? '—' : `${s.target} %`,
          s.percent === null ? 'нет данных' : `${s.percent} % (${s.numerator} из ${s.denominator})`,
          s.met === null ? '—' : s.met ? 'да' : 'нет',
        ]),
      ],
    },
  ];
}

export function analyticalReportDocument(input: AnalyticalReportInput): DocumentModel {
  const { school, facts, kpis, curator, today } = input;
  const organisation = school.shortName?.trim() || school.name?.trim();
  const name = curator?.full_name.trim();
  const blocks: DocumentBlock[] = [
    ...schoolHeader(school),
    { kind: 'paragraph', text: 'АНАЛИТИЧЕСКАЯ СПРАВКА', align: 'center', bold: true, spaced: true },
    {
      kind: 'paragraph',
      text: `о реализации целевой модели наставничества${organisation ? ` в ${organisation}` : ''} за ${facts.year.label} учебный год`,
      align: 'center',
      bold: true,
    },
    {
      kind: 'paragraph',
      text: `Период: с ${formatDocDate(facts.year.from)} по ${formatDocDate(facts.year.to)}; данные на ${formatDocDate(today)}.`,
      spaced: true,
    },
    heading('1. Участники программ наставничества'),
    ...participation(facts),
    heading('2. Наставнические пары (группы) по формам наставничества'),
    ...pairsByForm(facts),
    heading('3. Проведённые встречи'),
    ...meetings(facts),
    heading('4. Индивидуальные планы развития'),
    ...plans(facts),
    heading('5. Результаты мониторинга на входе и на выходе'),
    ...monitoring(facts),
    heading('6. Удовлетворённость участников'),
    ...satisfaction(facts),
  ];
  let section = 7;
  if (kpis) {
    blocks.push(
      heading(`${section}. Показатели эффективности и целевые значения`),
      ...kpiRows(kpis),
    );
    section += 1;
  }
  blocks.push(heading(`${section}. Выводы и предложения`));
  for (let i = 0; i < 3; i++) blocks.push({ kind: 'paragraph', text: CONCLUSION_BLANK });
  blocks.push(
    { kind: 'paragraph', text: `Дата: ${formatDocDate(today)}`, spaced: true },
    {
      kind: 'signature',
      role: 'Куратор целевой модели наставничества',
      name: name ? initialsName(name) : null,
    },
  );
  return {
    kind: 'analyticalReport',
    fileName: safeFileName('Аналитическая справка', facts.year.label),
    blocks,
  };
}
