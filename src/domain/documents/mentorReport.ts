// «Отчёт наставника» on a pair: the meetings held (how many, of which type, when), the
// development plan's progress, entry versus exit results when submitted, and the conclusion —
// from the last final meeting's notes, or a blank for the mentor's pen. Private notes are never
// an input here: the report is read by the curator.
import { MEETING_TYPES, type Meeting, type PlanTask } from '../types';
import { planProgress } from '../plans';
import {
  formLine,
  namesList,
  orderLine,
  pairStart,
  periodText,
  schoolHeader,
  type DocumentPair,
  type SchoolRequisites,
} from './common';
import {
  MEETING_TYPE_TITLES,
  formatDocDate,
  formatDuration,
  formatScore,
  initialsName,
  safeFileName,
} from './format';
import type { DocumentBlock, DocumentModel } from './model';

type ReportMeeting = Pick<Meeting, 'type' | 'held_on' | 'duration_min' | 'notes' | 'deleted_at'>;

/** One participant's entry and exit averages (domain/monitoring.ts PersonResult). */
export interface ReportResult {
  name: string | null;
  side: 'mentor' | 'mentee';
  entry: number | null;
  exit: number | null;
  change: number | null;
}

export interface MentorReportInput {
  school: SchoolRequisites;
  pair: DocumentPair;
  meetings: readonly ReportMeeting[];
  tasks: readonly Pick<PlanTask, 'status' | 'due_on' | 'deleted_at'>[];
  hasPlan: boolean;
  results: readonly ReportResult[];
  /** The report's date. */
  today: string;
}

/** Blank lines for a conclusion the mentor writes by hand. */
export const CONCLUSION_BLANK = '_'.repeat(60);

export function mentorReportDocument(input: MentorReportInput): DocumentModel {
  const { school, pair, today } = input;
  const meetings = input.meetings
    .filter((m) => m.deleted_at === null)
    .sort((a, b) => a.held_on.localeCompare(b.held_on));
  const period = periodText(pairStart(pair.pair), pair.pair.ended_on ?? today);
  const order = orderLine(pair.pair);
  const blocks: DocumentBlock[] = [
    ...schoolHeader(school),
    { kind: 'paragraph', text: 'ОТЧЁТ НАСТАВНИКА', align: 'center', bold: true, spaced: true },
    {
      kind: 'paragraph',
      text: 'о работе наставнической пары (группы)',
      align: 'center',
      bold: true,
    },
    { kind: 'paragraph', text: `Наставник: ${namesList(pair.mentors)}`, spaced: true },
    {
      kind: 'paragraph',
      text: `${pair.mentees.length > 1 ? 'Наставляемые' : 'Наставляемый'}: ${namesList(pair.mentees)}`,
    },
    { kind: 'paragraph', text: formLine(pair.pair) },
  ];
  if (order) blocks.push({ kind: 'paragraph', text: order });
  if (period) blocks.push({ kind: 'paragraph', text: `Отчётный период: ${period}` });

  blocks.push({ kind: 'paragraph', text: '1. Проведённые встречи', bold: true, spaced: true });
  if (meetings.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'Встречи не проводились.', indent: true });
  } else {
    const minutes = meetings.reduce((sum, m) => sum + m.duration_min, 0);
    blocks.push(
      {
        kind: 'paragraph',
        text: `Всего проведено встреч: ${meetings.length}, общей продолжительностью ${formatDuration(minutes)}.`,
        indent: true,
      },
      {
        kind: 'table',
        columns: [
          { title: 'Вид встречи', width: 35 },
          { title: 'Количество', width: 15 },
          { title: 'Даты проведения', width: 50 },
        ],
        rows: MEETING_TYPES.flatMap((type) => {
          const ofType = meetings.filter((m) => m.type === type);
          if (ofType.length === 0) return [];
          return [
            [
              MEETING_TYPE_TITLES[type],
              String(ofType.length),
              ofType.map((m) => formatDocDate(m.held_on)).join(', '),
            ],
          ];
        }),
      },
    );
  }

  blocks.push({
    kind: 'paragraph',
    text: '2. Выполнение индивидуального плана развития',
    bold: true,
    spaced: true,
  });
  const progress = planProgress(input.tasks);
  blocks.push({
    kind: 'paragraph',
    indent: true,
    text: !input.hasPlan
      ? 'Индивидуальный план развития не составлен.'
      : progress.total === 0
        ? 'Задачи плана не внесены.'
        : `Выполнено задач: ${progress.done} из ${progress.total} (${Math.round(progress.ratio * 100)} %).`,
  });

  blocks.push({
    kind: 'paragraph',
    text: '3. Результаты мониторинга на входе и на выходе',
    bold: true,
    spaced: true,
  });
  if (input.results.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: 'Анкеты входящего и итогового мониторинга не заполнены.',
      indent: true,
    });
  } else {
    blocks.push(
      {
        kind: 'paragraph',
        text: 'Средний балл анкеты (по шкале анкеты) на входе и на выходе программы.',
        indent: true,
      },
      {
        kind: 'table',
        columns: [
          { title: 'Участник', width: 40 },
          { title: 'На входе', width: 20 },
          { title: 'На выходе', width: 20 },
          { title: 'Изменение', width: 20 },
        ],
        rows: input.results.map((r) => [
          `${r.name ?? '—'} (${r.side === 'mentor' ? 'наставник' : 'наставляемый'})`,
          formatScore(r.entry),
          formatScore(r.exit),
          formatScore(r.change, { signed: true }),
        ]),
      },
    );
  }

  blocks.push({ kind: 'paragraph', text: '4. Выводы', bold: true, spaced: true });
  const lastFinal = meetings.filter((m) => m.type === 'final' && m.notes?.trim()).at(-1);
  if (lastFinal) {
    for (const line of lastFinal.notes!.trim().split(/\n+/)) {
      blocks.push({ kind: 'paragraph', text: line, align: 'justify', indent: true });
    }
  } else {
    for (let i = 0; i < 3; i++) blocks.push({ kind: 'paragraph', text: CONCLUSION_BLANK });
  }

  blocks.push({ kind: 'paragraph', text: `Дата: ${formatDocDate(today)}`, spaced: true });
  for (const mentor of pair.mentors) {
    blocks.push({ kind: 'signature', role: 'Наставник', name: initialsName(mentor.full_name) });
  }
  return {
    kind: 'mentorReport',
    fileName: safeFileName(
      'Отчёт наставника',
      pair.mentors[0]?.full_name ?? '',
      formatDocDate(today),
    ),
    blocks,
  };
}
