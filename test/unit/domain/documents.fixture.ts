// Known rows for the document builders: a school, two pairs under order № 45-о of 15.09.2026
// (one a group) and one under another order, a plan, meetings and results.
import type { DocumentPair, SchoolRequisites } from '@/domain/documents';
import type { DocumentPairRow } from '@/domain/documents/common';

export const school: SchoolRequisites = {
  name: 'Муниципальное бюджетное общеобразовательное учреждение «Лузинская средняя общеобразовательная школа № 1»',
  shortName: 'МБОУ «Лузинская СОШ № 1»',
  place: 'с. Лузино',
  director: 'Е.Ф. Задворнова',
};

const row = (id: string, fields: Partial<DocumentPairRow> = {}): DocumentPairRow => ({
  id,
  form: 'uchitel_uchenik',
  role_model: null,
  is_group: false,
  title: null,
  status: 'approved',
  order_number: '45-о',
  order_date: '2026-09-15',
  started_on: null,
  ended_on: null,
  deleted_at: null,
  created_at: `2026-09-0${id.length}T10:00:00Z`,
  ...fields,
});

export const petrov = {
  id: 'm1',
  full_name: 'Петров Сергей Иванович',
  kind: 'teacher' as const,
  position: 'учитель математики',
};
export const anna = {
  id: 's1',
  full_name: 'Смирнова Анна',
  kind: 'student' as const,
  class_label: '6Б',
};

export const individualPair: DocumentPair = {
  pair: row('p1', { role_model: 'успевающий – неуспевающий', started_on: '2026-09-20' }),
  mentors: [petrov],
  mentees: [anna],
};

export const groupPair: DocumentPair = {
  pair: row('p22', { form: 'uchenik_uchenik', is_group: true, role_model: 'лидер – пассивный' }),
  mentors: [{ id: 'm2', full_name: 'Алексеев Иван', kind: 'student', class_label: '10А' }],
  mentees: [
    { id: 's2', full_name: 'Борисов Олег', kind: 'student', class_label: '7А' },
    { id: 's3', full_name: 'Волкова Мария', kind: 'student', class_label: '7А' },
  ],
};

export const otherOrderPair: DocumentPair = {
  pair: row('p333', { order_number: '50-о', order_date: '2026-10-01' }),
  mentors: [{ id: 'm3', full_name: 'Кузнецова Ольга Петровна', kind: 'teacher' }],
  mentees: [{ id: 't1', full_name: 'Новикова Дарья Андреевна', kind: 'teacher' }],
};

export const deletedPair: DocumentPair = {
  pair: row('p4444', { deleted_at: '2026-09-16T10:00:00Z' }),
  mentors: [{ id: 'm4', full_name: 'Удалённый Наставник', kind: 'teacher' }],
  mentees: [],
};

const base = { deleted_at: null as string | null, result: null as string | null };
export const planGoals = [
  {
    goal: { title: 'Повысить успеваемость по математике' },
    tasks: [
      {
        ...base,
        title: 'Разобрать темы контрольной',
        activity: 'Занятия после уроков по вторникам',
        expected_result: 'Оценка не ниже «4»',
        due_on: '2026-10-20',
        status: 'done' as const,
        result: 'Контрольная написана на «4»',
      },
      {
        ...base,
        title: 'Подготовиться к олимпиаде',
        activity: null,
        expected_result: 'Участие в школьном этапе',
        due_on: '2026-11-30',
        status: 'in_progress' as const,
      },
      {
        ...base,
        title: 'Удалённая задача',
        activity: null,
        expected_result: null,
        due_on: null,
        status: 'todo' as const,
        deleted_at: '2026-10-01T00:00:00Z',
      },
    ],
  },
];
