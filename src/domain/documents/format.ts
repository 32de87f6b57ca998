// How Russian official papers write dates, numbers, names and the app's codes. The document
// text is Russian whatever the interface language: it is the school's paper, not UI.
import type { MeetingType, MentoringForm, PlanTaskStatus } from '../types';

/** `2026-12-01` → «01.12.2026»; null stays empty. */
export function formatDocDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

/** «№ 15-О»: the order's number as the school wrote it. */
export const formatOrderNumber = (number: string) => `№ ${number.trim()}`;

/** «Петров Сергей Иванович» → «С.И. Петров» (a signature's name); one word stays as is. */
export function initialsName(fullName: string): string {
  const [surname, ...given] = fullName.trim().split(/\s+/);
  if (!surname || given.length === 0) return fullName.trim();
  return `${given.map((word) => `${word[0]!.toUpperCase()}.`).join('')} ${surname}`;
}

export const FORM_TITLES: Record<MentoringForm, string> = {
  uchenik_uchenik: '«ученик – ученик»',
  uchitel_uchitel: '«учитель – учитель»',
  uchitel_uchenik: '«учитель – ученик»',
  student_uchenik: '«студент – ученик»',
  rabotodatel_uchenik: '«работодатель – ученик»',
  rabotodatel_student: '«работодатель – студент»',
};

export const MEETING_TYPE_TITLES: Record<MeetingType, string> = {
  organisational: 'Организационная встреча',
  trial: 'Пробная встреча',
  planning: 'Встреча-планирование',
  regular: 'Регулярные встречи',
  final: 'Итоговая встреча',
  final_group: 'Итоговая групповая встреча',
};

export const TASK_STATUS_TITLES: Record<PlanTaskStatus, string> = {
  todo: 'Запланировано',
  in_progress: 'В работе',
  done: 'Выполнено',
  cancelled: 'Отменено',
};

/** A score with one decimal and a comma, as Russian tables write it: «4,0»; «+3,0» for a change. */
export function formatScore(value: number | null, { signed = false } = {}): string {
  if (value === null) return '—';
  const text = Math.abs(value).toFixed(1).replace('.', ',');
  if (value < 0) return `−${text}`;
  return signed && value > 0 ? `+${text}` : text;
}

/** A duration in minutes as «6 ч 30 мин». */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} мин`;
  return rest === 0 ? `${hours} ч` : `${hours} ч ${rest} мин`;
}

/** A file name from words: letters, digits and dashes only (no slashes, dots or quotes). */
export function safeFileName(...parts: string[]): string {
  return parts
    .join(' ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}
