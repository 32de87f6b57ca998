// Owns the year-level sources of the year's documents: the programme years to choose from,
// the staff to name as curator, and the orders' requisites typed on this device (kept in
// meta, over the school's adopted orders of the year).
import { liveQuery } from 'dexie';
import { type DocumentPerson } from '@/domain/documents/common';
import {
  documentYears,
  isInYear,
  type DocumentYear,
  type OrderRequisites,
  type YearOrdersInput,
} from '@/domain/documents';
import { localIsoDate } from '@/domain/dates';
import { byRussianName } from '@/domain/collation';
import type { SchoolDocument } from '@/domain/types';
import type { DataContext } from '../context';
import type { Observable } from '../queries';
import { alive } from './alive';

/** What the year's orders need that the school's rows do not say, typed on this device. */
export type YearOrderRequisites = YearOrdersInput;

export const EMPTY_YEAR_ORDERS: YearOrderRequisites = {
  curator: { full_name: '', position: null },
  curatorOrder: { number: '', date: null },
  mentorsOrder: { number: '', date: null },
};

const yearOrdersKey = (schoolId: string, year: string) =>
  `documents.yearOrders.${schoolId}.${year}`;

export interface YearDocumentSources {
  years: DocumentYear[];
  /** Staff who may be named curator (teachers and other adults), by name. */
  staff: DocumentPerson[];
  /** Per year label: what the user typed, over the school's adopted orders of the year. */
  orders: Record<string, YearOrderRequisites>;
}

/** The newest school_documents row of `kind` dated within the year. */
function adoptedOrder(
  documents: readonly SchoolDocument[],
  kind: SchoolDocument['kind'],
  year: DocumentYear,
): OrderRequisites | null {
  const found = documents
    .filter((d) => d.deleted_at === null && d.kind === kind && isInYear(d.dated_on, year))
    .sort((a, b) => (b.dated_on ?? '').localeCompare(a.dated_on ?? ''))[0];
  return found ? { number: found.number ?? '', date: found.dated_on } : null;
}

/** The years to choose from, the staff to name, and the orders' requisites, live. */
export function observeYearDocumentSources(
  ctx: DataContext,
  schoolId: string | null,
): Observable<YearDocumentSources> {
  return liveQuery(async () => {
    const school = schoolId ?? ctx.schoolId;
    const [programmes, participants, documents, saved] = await Promise.all([
      ctx.db.programmes.where('school_id').equals(school).toArray(),
      ctx.db.participants.where('school_id').equals(school).toArray(),
      ctx.db.school_documents.where('school_id').equals(school).toArray(),
      ctx.db.meta.where('key').startsWith(`documents.yearOrders.${school}.`).toArray(),
    ]);
    const years = documentYears(programmes, localIsoDate(new Date()));
    const typed = new Map(saved.map((m) => [m.key, m.value as Partial<YearOrderRequisites>]));
    const orders: Record<string, YearOrderRequisites> = {};
    for (const year of years) {
      const mine = typed.get(yearOrdersKey(school, year.label)) ?? {};
      orders[year.label] = {
        curator: mine.curator ?? EMPTY_YEAR_ORDERS.curator,
        curatorOrder:
          mine.curatorOrder ??
          adoptedOrder(documents, 'curator_order', year) ??
          EMPTY_YEAR_ORDERS.curatorOrder,
        mentorsOrder:
          mine.mentorsOrder ??
          adoptedOrder(documents, 'mentors_order', year) ??
          EMPTY_YEAR_ORDERS.mentorsOrder,
      };
    }
    const staff = alive(participants)
      .filter((p) => p.kind !== 'student' && !p.archived_on)
      .map(({ id, full_name, kind, position }) => ({ id, full_name, kind, position }))
      .sort((a, b) => byRussianName(a.full_name, b.full_name));
    return { years, staff, orders };
  });
}

/** Keeps what the user typed for the year's orders on this device. */
export async function saveYearOrderRequisites(
  ctx: DataContext,
  schoolId: string | null,
  year: string,
  value: YearOrderRequisites,
): Promise<void> {
  await ctx.db.meta.put({
    key: yearOrdersKey(schoolId ?? ctx.schoolId, year),
    value: structuredClone(value),
  });
}
