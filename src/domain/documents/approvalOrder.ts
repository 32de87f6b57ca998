// «Приказ об утверждении наставнических пар (групп)»: one order listing every pair it
// approved (the pairs share its number and date, domain/pairLife.ts groupOrders).
import { FORM_TITLES, formatDocDate, formatOrderNumber, safeFileName } from './format';
import { peopleLines, schoolHeader, type DocumentPair, type SchoolRequisites } from './common';
import type { DocumentBlock, DocumentModel } from './model';
import { byRussianName } from '../collation';

/** The federal act every school order on mentoring cites. */
export const TARGET_MODEL_ACT =
  'Распоряжения Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную деятельность по общеобразовательным, дополнительным общеобразовательным и программам среднего профессионального образования, в том числе с применением лучших практик обмена опытом между обучающимися»';

export interface ApprovalOrderInput {
  school: SchoolRequisites;
  order: { number: string; date: string };
  pairs: readonly DocumentPair[];
}

const byFirstMentor = (a: DocumentPair, b: DocumentPair) =>
  byRussianName(a.mentors[0]?.full_name ?? '', b.mentors[0]?.full_name ?? '') ||
  a.pair.created_at.localeCompare(b.pair.created_at);

export function approvalOrderDocument({ school, order, pairs }: ApprovalOrderInput): DocumentModel {
  const listed = pairs
    .filter(
      (p) =>
        p.pair.deleted_at === null &&
        p.pair.order_number === order.number &&
        p.pair.order_date === order.date,
    )
    .sort(byFirstMentor);
  const hasGroups = listed.some((p) => p.pair.is_group || p.mentees.length > 1);
  const organisation = school.shortName?.trim() || school.name?.trim();
  const blocks: DocumentBlock[] = [
    ...schoolHeader(school),
    { kind: 'paragraph', text: 'ПРИКАЗ', align: 'center', bold: true, spaced: true },
    { kind: 'splitLine', left: formatDocDate(order.date), right: formatOrderNumber(order.number) },
  ];
  if (school.place?.trim())
    blocks.push({ kind: 'paragraph', text: school.place.trim(), align: 'center' });
  blocks.push(
    {
      kind: 'paragraph',
      text: 'Об утверждении наставнических пар (групп)',
      align: 'center',
      bold: true,
      spaced: true,
    },
    {
      kind: 'paragraph',
      text: `На основании ${TARGET_MODEL_ACT}, Положения о наставничестве${organisation ? ` в ${organisation}` : ''}, в целях реализации целевой модели наставничества и по итогам формирования наставнических пар (групп)`,
      align: 'justify',
      indent: true,
      spaced: true,
    },
    { kind: 'paragraph', text: 'ПРИКАЗЫВАЮ:', bold: true, spaced: true },
    {
      kind: 'paragraph',
      text: `1. Утвердить наставнические ${hasGroups ? 'пары (группы)' : 'пары'} в составе согласно списку (${listed.length} ${pairsWord(listed.length)}):`,
      align: 'justify',
      indent: true,
    },
    {
      kind: 'table',
      columns: [
        { title: '№ п/п', width: 7 },
        { title: 'Наставник', width: 27 },
        { title: 'Наставляемый', width: 27 },
        { title: 'Форма наставничества', width: 19 },
        { title: 'Ролевая модель', width: 20 },
      ],
      rows: listed.map((p, index) => [
        String(index + 1),
        peopleLines(p.mentors),
        peopleLines(p.mentees),
        FORM_TITLES[p.pair.form],
        p.pair.role_model?.trim() || '—',
      ]),
    },
    {
      kind: 'paragraph',
      text: '2. Назначить наставниками лиц, указанных в списке (пункт 1), и поручить им совместно с наставляемыми в течение двух недель составить индивидуальные планы развития наставляемых.',
      align: 'justify',
      indent: true,
    },
    {
      kind: 'paragraph',
      text: '3. Куратору целевой модели наставничества обеспечить сопровождение и мониторинг работы наставнических пар (групп).',
      align: 'justify',
      indent: true,
    },
    {
      kind: 'paragraph',
      text: '4. Контроль исполнения приказа оставляю за собой.',
      align: 'justify',
      indent: true,
    },
    { kind: 'signature', role: 'Директор', name: school.director?.trim() || null },
  );
  return {
    kind: 'approvalOrder',
    fileName: safeFileName(
      'Приказ',
      order.number,
      'от',
      formatDocDate(order.date),
      'наставнические пары',
    ),
    blocks,
  };
}

/** «1 пара», «3 пары», «5 пар». */
export function pairsWord(count: number): string {
  const tens = count % 100;
  const ones = count % 10;
  if (tens >= 11 && tens <= 14) return 'пар';
  if (ones === 1) return 'пара';
  if (ones >= 2 && ones <= 4) return 'пары';
  return 'пар';
}
