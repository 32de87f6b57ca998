// «О назначении куратора целевой модели наставничества»: the director names the curator for
// the programme year and lists her duties (Положение о наставничестве, функции куратора).
import type { SchoolRequisites } from './common';
import { formatDocDate, initialsName, safeFileName } from './format';
import type { DocumentBlock, DocumentModel } from './model';
import { orderClosing, orderOpening, orderPoint, type OrderRequisites } from './orders';
import type { DocumentYear } from './year';

/** The curator as the order names her: the full name and her position. */
export interface CuratorRequisites {
  full_name: string;
  position: string | null;
}

export interface CuratorOrderInput {
  school: SchoolRequisites;
  order: OrderRequisites;
  year: DocumentYear;
  curator: CuratorRequisites;
}

export const CURATOR_DUTIES = [
  'формировать и актуализировать базы наставников и наставляемых, обеспечить получение согласий на обработку персональных данных;',
  'организовать отбор и обучение наставников, формирование наставнических пар (групп) и подготовку приказов об их утверждении;',
  'осуществлять контроль реализации программ наставничества и индивидуальных планов развития наставляемых;',
  'проводить входящий и итоговый мониторинг эффективности программ наставничества, в том числе удовлетворённости участников;',
  'по итогам учебного года подготовить аналитическую справку о реализации целевой модели наставничества.',
];

export function curatorOrderDocument({
  school,
  order,
  year,
  curator,
}: CuratorOrderInput): DocumentModel {
  const name = curator.full_name.trim();
  const position = curator.position?.trim();
  const blocks: DocumentBlock[] = [
    ...orderOpening(
      school,
      order,
      'О назначении куратора целевой модели наставничества',
      `в целях организации и сопровождения реализации целевой модели наставничества в ${year.label} учебном году`,
    ),
    orderPoint(
      `1. Назначить куратором целевой модели наставничества на ${year.label} учебный год (с ${formatDocDate(year.from)} по ${formatDocDate(year.to)}) ${name || '________________'}${position ? `, ${position}` : ''}.`,
    ),
    orderPoint('2. Куратору целевой модели наставничества:'),
    ...CURATOR_DUTIES.map((duty, index) => orderPoint(`2.${index + 1}. ${duty}`)),
    ...orderClosing(school, 3),
    {
      kind: 'signature',
      role: 'С приказом ознакомлен(а):',
      name: name ? initialsName(name) : null,
    },
  ];
  return {
    kind: 'curatorOrder',
    fileName: safeFileName('Приказ', order.number, 'о назначении куратора', year.label),
    blocks,
  };
}
