// Each document written as a real .docx, unzipped and read back: word/document.xml must say
// what the content model says (names, numbers, dates), in Times New Roman on A4 with the
// official margins.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  approvalOrderDocument,
  developmentPlanDocument,
  mentorReportDocument,
  type DocumentModel,
} from '@/domain/documents';
import { documentDocx, DOCX_MIME } from '@/documents';
import { anna, groupPair, individualPair, planGoals, school } from '../domain/documents.fixture';

async function readDocx(model: DocumentModel) {
  const blob = await documentDocx(model);
  const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  const xml = strFromU8(files['word/document.xml']!);
  // The text a reader sees: the runs' texts, paragraphs on their own lines.
  const text = xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { blob, files, xml, text, styles: strFromU8(files['word/styles.xml']!) };
}

describe('documents as .docx files', () => {
  it('writes the approval order with its pairs, number, date and signature', async () => {
    const { blob, files, xml, text, styles } = await readDocx(
      approvalOrderDocument({
        school,
        order: { number: '45-о', date: '2026-09-15' },
        pairs: [individualPair, groupPair],
      }),
    );
    expect(Object.keys(files)).toContain('[Content_Types].xml');
    expect(blob.size).toBeGreaterThan(1000);
    expect(text).toContain(school.name);
    expect(text).toContain('ПРИКАЗ');
    expect(text).toContain('15.09.2026\t№ 45-о');
    expect(text).toContain('Об утверждении наставнических пар (групп)');
    expect(text).toContain('Распоряжения Минпросвещения России от 25.12.2019 № Р-145');
    for (const name of [
      'Петров Сергей Иванович, учитель математики',
      'Смирнова Анна, 6Б класс',
      'Алексеев Иван, 10А класс',
      'Волкова Мария, 7А класс',
      '«ученик – ученик»',
      'лидер – пассивный',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Контроль исполнения приказа оставляю за собой.');
    expect(text).toContain('Директор ______________ /Е.Ф. Задворнова/');
    // A4, left 30 mm, right 15 mm, top and bottom 20 mm (in twips); 14 pt, 12 pt in tables.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toMatch(/<w:tbl>/);
    expect(xml).toMatch(/<w:sz w:val="24"\/>/);
    expect(styles).toContain('Times New Roman');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
  });

  it('writes the development plan with goals, tasks, dates and both signatures', async () => {
    const { text } = await readDocx(
      developmentPlanDocument({
        school,
        pair: individualPair,
        plan: { title: 'Догнать класс по математике', mentee_id: anna.id },
        goals: planGoals,
        looseTasks: [],
      }),
    );
    expect(text).toContain('ИНДИВИДУАЛЬНЫЙ ПЛАН РАЗВИТИЯ НАСТАВЛЯЕМОГО');
    expect(text).toContain('Наставляемый: Смирнова Анна, 6Б класс');
    expect(text).toContain('Цель 1. Повысить успеваемость по математике');
    expect(text).toContain('Занятия после уроков по вторникам');
    expect(text).toContain('20.10.2026');
    expect(text).toContain('Контрольная написана на «4»');
    expect(text).toContain('Наставник ______________ /С.И. Петров/');
    expect(text).toContain('Наставляемый ______________ /А. Смирнова/');
  });

  it("writes the mentor's report with meetings, progress and results", async () => {
    const { text } = await readDocx(
      mentorReportDocument({
        school,
        pair: individualPair,
        meetings: [
          {
            type: 'organisational',
            held_on: '2026-09-22',
            duration_min: 40,
            notes: null,
            deleted_at: null,
          },
          {
            type: 'final',
            held_on: '2026-11-20',
            duration_min: 50,
            notes: 'Цели плана достигнуты.',
            deleted_at: null,
          },
        ],
        tasks: planGoals[0]!.tasks,
        hasPlan: true,
        results: [{ name: anna.full_name, side: 'mentee', entry: 4, exit: 7, change: 3 }],
        today: '2026-12-01',
      }),
    );
    expect(text).toContain('ОТЧЁТ НАСТАВНИКА');
    expect(text).toContain('Всего проведено встреч: 2, общей продолжительностью 1 ч 30 мин.');
    expect(text).toContain('22.09.2026');
    expect(text).toContain('Выполнено задач: 1 из 2 (50 %).');
    expect(text).toContain('+3,0');
    expect(text).toContain('Цели плана достигнуты.');
    expect(text).toContain('Дата: 01.12.2026');
  });

  it('names the file type Word expects', () => {
    expect(DOCX_MIME).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });
});
