// What every order (приказ) of the school starts and ends with: the school's name, «ПРИКАЗ»,
// the date on the left and the number on the right, the place, the order's title, the
// preamble citing the federal act and the school's regulation, and «ПРИКАЗЫВАЮ:».
import { isIsoDate, type FieldError } from '../validation';
import { TARGET_MODEL_ACT } from './approvalOrder';
import { schoolHeader, type SchoolRequisites } from './common';
import { formatDocDate, formatOrderNumber } from './format';
import type { DocumentBlock } from './model';

export interface OrderRequisites {
  /** As the school writes it: «45-о». Blank: a line for the pen. */
  number: string;
  date: string | null;
}

/** The order's number and date as the split line writes them (blanks for the pen). */
export function orderSplitLine(order: OrderRequisites): DocumentBlock {
  return {
    kind: 'splitLine',
    left: order.date ? formatDocDate(order.date) : '«___» ____________ 20__ г.',
    right: order.number.trim() ? formatOrderNumber(order.number) : '№ ______',
  };
}

export function orderOpening(
  school: SchoolRequisites,
  order: OrderRequisites,
  title: string,
  purpose: string,
): DocumentBlock[] {
  const organisation = school.shortName?.trim() || school.name?.trim();
  const blocks: DocumentBlock[] = [
    ...schoolHeader(school),
    { kind: 'paragraph', text: 'ПРИКАЗ', align: 'center', bold: true, spaced: true },
    orderSplitLine(order),
  ];
  if (school.place?.trim())
    blocks.push({ kind: 'paragraph', text: school.place.trim(), align: 'center' });
  blocks.push(
    { kind: 'paragraph', text: title, align: 'center', bold: true, spaced: true },
    {
      kind: 'paragraph',
      text: `На основании ${TARGET_MODEL_ACT}, Положения о наставничестве${organisation ? ` в ${organisation}` : ''}, ${purpose}`,
      align: 'justify',
      indent: true,
      spaced: true,
    },
    { kind: 'paragraph', text: 'ПРИКАЗЫВАЮ:', bold: true, spaced: true },
  );
  return blocks;
}

/** A numbered point of the order. */
export const orderPoint = (text: string): DocumentBlock => ({
  kind: 'paragraph',
  text,
  align: 'justify',
  indent: true,
});

/** The closing point and the director's signature. */
export function orderClosing(school: SchoolRequisites, point: number): DocumentBlock[] {
  return [
    orderPoint(`${point}. Контроль исполнения приказа оставляю за собой.`),
    { kind: 'signature', role: 'Директор', name: school.director?.trim() || null },
  ];
}

/** What the user types for the year's orders: the curator, the two orders' numbers and dates. */
export interface YearOrdersInput {
  curator: { full_name: string; position: string | null };
  curatorOrder: OrderRequisites;
  mentorsOrder: OrderRequisites;
}

export const YEAR_ORDER_LIMITS = { full_name: 200, position: 500, number: 200 } as const;

/** Every field is optional (a blank leaves a line for the pen); none too long, dates real. */
export function validateYearOrders(input: YearOrdersInput): FieldError[] {
  const errors: FieldError[] = [];
  const tooLong = (field: string, value: string | null, max: number) => {
    if ((value?.trim().length ?? 0) > max) errors.push({ field, key: 'tooLong', params: { max } });
  };
  tooLong('curator_name', input.curator.full_name, YEAR_ORDER_LIMITS.full_name);
  tooLong('curator_position', input.curator.position, YEAR_ORDER_LIMITS.position);
  for (const which of ['curatorOrder', 'mentorsOrder'] as const) {
    const order = input[which];
    tooLong(`${which}_number`, order.number, YEAR_ORDER_LIMITS.number);
    if (order.date && !isIsoDate(order.date)) errors.push({ field: `${which}_date`, key: 'date' });
  }
  return errors;
}
