// The roll import page in the whole app (device-only): choose the school's file, see the
// preview, correct a column, import, undo.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { readRollPeople } from '@/data/rollImport';
import { addParticipant } from '@/data/repos/participants';
import { mountApp } from './mountApp';
import { settle } from './people/support';

function fixtureFile(name: string): File {
  return new File([readFileSync(resolve(__dirname, '../../fixtures', name))], name);
}

async function choose(wrapper: VueWrapper, file: File) {
  const input = wrapper.find('[data-testid="roll-file"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
}

const text = (wrapper: VueWrapper, testId: string) =>
  wrapper.find(`[data-testid="${testId}"]`).text();

// A cold first run transforms the lazy page and the spreadsheet readers: bounds for that.
describe('importing the school roll', { timeout: 30_000 }, () => {
  it('previews the file, imports it in one step and undoes it', async () => {
    const ctx = await appDataContext();
    const byHand = await addParticipant(ctx, {
      kind: 'teacher',
      full_name: 'Петров Сергей Иванович',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const { wrapper } = await mountApp('/people/import');
    await settle(() => expect(wrapper.find('[data-testid="roll-file"]').exists()).toBe(true));
    await choose(wrapper, fixtureFile('roll-students.xlsx'));
    await settle(() => expect(wrapper.find('[data-testid="roll-counts"]').exists()).toBe(true));

    expect(text(wrapper, 'roll-count-create')).toBe('Новых: 5');
    expect(text(wrapper, 'roll-count-refused')).toBe('Не загрузятся: 4');
    const refused = wrapper.findAll('[data-testid="roll-refused-row"]').map((li) => li.text());
    expect(refused).toEqual([
      'Строка 11 · без ФИО — нет ФИО',
      'Строка 12 · Петров Пётр — невозможная дата рождения «31.02.2013»',
      'Строка 13 · иванова мария петровна — повтор строки 5',
      'Строка 14 · Будущев Олег — невозможная дата рождения «01.01.2031»',
    ]);
    expect(wrapper.findAll('[data-testid="roll-preview-row"]')[0]!.text()).toContain(
      'Иванова Мария Петровна',
    );

    await wrapper.find('[data-testid="roll-import-run"]').trigger('click');
    await settle(() => expect(text(wrapper, 'roll-result')).toContain('Добавлено: 5'));
    expect(await readRollPeople(ctx)).toHaveLength(6);

    await wrapper.find('[data-testid="roll-undo"]').trigger('click');
    await settle(() => expect(text(wrapper, 'roll-result')).toContain('Импорт отменён: удалено 5'));
    expect((await readRollPeople(ctx)).map((p) => p.id)).toEqual([byHand.id]);
  });

  it('asks for a name column when the curator unsets it, and reads a Windows-1251 CSV', async () => {
    const { wrapper } = await mountApp('/people/import');
    await settle(() => expect(wrapper.find('[data-testid="roll-file"]').exists()).toBe(true));
    await choose(wrapper, fixtureFile('roll-9-classes-1251.csv'));
    await settle(() => expect(text(wrapper, 'roll-count-create')).toBe('Новых: 3'));
    expect(wrapper.find('[data-testid="roll-preview"]').text()).toContain('Ёлкина Алёна Юрьевна');

    // The surname column set to «не загружать»: no names, no plan, and the page says why.
    const surname = wrapper.find('[data-testid="roll-map-1"]');
    await surname.setValue('');
    await settle(() => expect(wrapper.find('[data-testid="roll-no-name"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="roll-counts"]').exists()).toBe(false);
    await surname.setValue('last_name');
    await settle(() => expect(text(wrapper, 'roll-count-create')).toBe('Новых: 3'));
  });

  it('shows a new plan’s rows again without re-creating the columns’ selects', async () => {
    const { wrapper } = await mountApp('/people/import');
    await settle(() => expect(wrapper.find('[data-testid="roll-file"]').exists()).toBe(true));
    await choose(wrapper, fixtureFile('roll-9-classes-1251.csv'));
    await settle(() => expect(text(wrapper, 'roll-count-create')).toBe('Новых: 3'));
    const select = wrapper.find('[data-testid="roll-map-0"]').element;

    // Another column changed: a new plan, shown in steps; the select the curator is in stays.
    await wrapper.find('[data-testid="roll-map-1"]').setValue('');
    await settle(() => expect(wrapper.find('[data-testid="roll-no-name"]').exists()).toBe(true));
    await wrapper.find('[data-testid="roll-map-1"]').setValue('last_name');
    await settle(() => expect(wrapper.find('[data-testid="roll-preview"]').exists()).toBe(true));
    expect(text(wrapper, 'roll-count-create')).toBe('Новых: 3');
    expect(wrapper.find('[data-testid="roll-map-0"]').element).toBe(select);
  });

  it('says why a file cannot be read', async () => {
    const { wrapper } = await mountApp('/people/import');
    await settle(() => expect(wrapper.find('[data-testid="roll-file"]').exists()).toBe(true));
    await choose(wrapper, fixtureFile('roll-not-a-sheet.pdf'));
    await settle(() =>
      expect(text(wrapper, 'roll-file-error')).toBe(
        'Это не таблица. Выберите файл .xlsx или .csv.',
      ),
    );
  });
});
