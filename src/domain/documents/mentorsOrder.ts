// «О закреплении наставников»: the mentors of the year's approved pairs (groups), each with her
// position, her mentees and the form, under the director's order; every mentor signs that
// she has read it.
import {
  peopleLines,
  type DocumentPair,
  type DocumentPerson,
  type SchoolRequisites,
} from './common';
import {
  FORM_TITLES,
  formatDocDate,
  formatOrderNumber,
  initialsName,
  safeFileName,
} from './format';
import type { DocumentBlock, DocumentModel } from './model';
import { orderClosing, orderOpening, orderPoint, type OrderRequisites } from './orders';
import type { CuratorRequisites } from './curatorOrder';
import { isPairOfYear, type DocumentYear } from './year';
import { byRussianName } from '../collation';

export interface MentorsOrderInput {
  school: SchoolRequisites;
  order: OrderRequisites;
  year: DocumentYear;
  pairs: readonly DocumentPair[];
  /** Named in the point on accompanying the pairs; null leaves the curator unnamed. */
  curator: CuratorRequisites | null;
}

/** One mentor and what she is assigned to this year. */
export interface MentorAssignment {
  mentor: DocumentPerson;
  pairs: DocumentPair[];
}

/** The mentor's position as the order writes it; a student mentor is named by her class. */
export function mentorPosition(person: DocumentPerson): string {
  if (person.kind === 'student') {
    return person.class_label ? `обучающийся ${person.class_label} класса` : 'обучающийся';
  }
  return person.position?.trim() || '—';
}

/** The mentors of the year's approved pairs, by name, each with her pairs. */
export function mentorAssignments(
  pairs: readonly DocumentPair[],
  year: DocumentYear,
): MentorAssignment[] {
  const byMentor = new Map<string, MentorAssignment>();
  for (const item of pairs) {
    if (!isPairOfYear(item.pair, year)) continue;
    for (const mentor of item.mentors) {
      const entry = byMentor.get(mentor.id) ?? { mentor, pairs: [] };
      entry.pairs.push(item);
      byMentor.set(mentor.id, entry);
    }
  }
  return [...byMentor.values()].sort((a, b) =>
    byRussianName(a.mentor.full_name, b.mentor.full_name),
  );
}

const orderOf = (item: DocumentPair) =>
  item.pair.order_number && item.pair.order_date
    ? `${formatOrderNumber(item.pair.order_number)} от ${formatDocDate(item.pair.order_date)}`
    : '—';

export function mentorsOrderDocument(input: MentorsOrderInput): DocumentModel {
  const { school, order, year } = input;
  const assignments = mentorAssignments(input.pairs, year);
  const curator = input.curator?.full_name.trim();
  const blocks: DocumentBlock[] = [
    ...orderOpening(
      school,
      order,
      'О закреплении наставников',
      `приказов об утверждении наставнических пар (групп), с письменного согласия наставников и в целях реализации программ наставничества в ${year.label} учебном году`,
    ),
    orderPoint(
      `1. Закрепить наставников за наставляемыми на ${year.label} учебный год согласно списку (${assignments.length} ${mentorsWord(assignments.length)}):`,
    ),
    {
      kind: 'table',
      columns: [
        { title: '№ п/п', width: 6 },
        { title: 'Наставник', width: 22 },
        { title: 'Должность', width: 18 },
        { title: 'Наставляемые', width: 24 },
        { title: 'Форма наставничества', width: 15 },
        { title: 'Приказ об утверждении пары', width: 15 },
      ],
      rows: assignments.map(({ mentor, pairs }, index) => [
        String(index + 1),
        mentor.full_name,
        mentorPosition(mentor),
        pairs.map((p) => peopleLines(p.mentees)).join('\n'),
        [...new Set(pairs.map((p) => FORM_TITLES[p.pair.form]))].join('\n'),
        [...new Set(pairs.map(orderOf))].join('\n'),
      ]),
    },
    orderPoint(
      '2. Наставникам совместно с наставляемыми составить индивидуальные планы развития, проводить встречи по плану, вести их учёт и по итогам года представить отчёт наставника куратору.',
    ),
    orderPoint(
      `3. Куратору целевой модели наставничества${curator ? ` ${curator}` : ''} обеспечить методическое сопровождение наставников и мониторинг работы наставнических пар (групп).`,
    ),
    ...orderClosing(school, 4),
  ];
  if (assignments.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'С приказом ознакомлены:', spaced: true });
    for (const { mentor } of assignments) {
      blocks.push({ kind: 'signature', role: 'Наставник', name: initialsName(mentor.full_name) });
    }
  }
  return {
    kind: 'mentorsOrder',
    fileName: safeFileName('Приказ', order.number, 'о закреплении наставников', year.label),
    blocks,
  };
}

/** «1 наставник», «3 наставника», «5 наставников». */
export function mentorsWord(count: number): string {
  const tens = count % 100;
  const ones = count % 10;
  if (tens >= 11 && tens <= 14) return 'наставников';
  if (ones === 1) return 'наставник';
  if (ones >= 2 && ones <= 4) return 'наставника';
  return 'наставников';
}
