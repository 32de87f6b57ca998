// Settings' backup section, in the real app at /settings: «Сохранить резервную копию» hands
// the browser a file with the device's data; «Восстановить из копии» checks a chosen file,
// refuses a damaged or foreign one with a message and changes nothing, shows what a good one
// holds, and writes it only after «Восстановить».
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { backendConfig } from '@/api/config';
import SettingsBackup from '@/components/settings/SettingsBackup.vue';
import { createDeviceBackup } from '@/data/backup';
import { logMeeting } from '@/data/repos/meetings';
import { addParticipant } from '@/data/repos/participants';
import { saveSchoolRequisites } from '@/data/repos/schoolRequisites';
import { readValidYears, setValidYears } from '@/data/repos/trainings';
import { readBackup } from '@/domain/backup';
import { createAppI18n } from '@/i18n';
import { aPairWithPeople, freshContext } from '../data/context';
import { mountApp, settle, useFreshDatabase } from '../views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  vi.restoreAllMocks();
});

const find = (testid: string) => wrapper!.find(`[data-testid="${testid}"]`);

async function openSettings() {
  const app = await mountApp('/settings');
  wrapper = app.wrapper;
  await settle(() => expect(find('backup-save').exists()).toBe(true));
}

/** The user picks a file in the browser's file dialog. */
async function chooseFile(text: string, name = 'nastavnik-backup-2026-11-30.json') {
  const input = find('backup-file');
  Object.defineProperty(input.element, 'files', {
    value: [new File([text], name, { type: 'application/json' })],
    configurable: true,
  });
  await input.trigger('change');
}

/** A copy made on another phone: two people, their pair and one meeting. */
async function anotherPhonesBackup() {
  const phone = await freshContext();
  const people = await aPairWithPeople(phone);
  await logMeeting(
    phone,
    people.pair.id,
    { type: 'regular', held_on: '2026-11-20', duration_min: 40, format: 'in_person' },
    '2026-11-25',
  );
  await saveSchoolRequisites(phone, null, {
    name: 'МБОУ «Лузинская СОШ № 1»',
    shortName: null,
    place: 'с. Лузино',
    director: 'Е.Ф. Задворнова',
  });
  await setValidYears(phone, null, '5');
  const file = await createDeviceBackup(phone, '1.0.0', new Date(2026, 10, 30, 18, 5));
  phone.db.close();
  return { ...file, people };
}

describe('the backup section of Settings (device-only)', () => {
  const db = useFreshDatabase();

  it('offers both buttons, large enough to tap', async () => {
    await openSettings();
    for (const id of ['backup-save', 'backup-restore']) {
      expect(find(id).element.tagName).toBe('BUTTON');
      expect(find(id).classes()).toContain('button'); // min-height: 44px (styles.css)
    }
    expect(find('backup-save').text()).toBe('Сохранить резервную копию');
    expect(find('backup-restore').text()).toBe('Восстановить из копии');
    expect(find('backup-sync-note').exists()).toBe(false);
  });

  it('saves a file with everything on the device and says under which name', async () => {
    const { mentor } = await aPairWithPeople(db());
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:backup';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    await openSettings();
    await find('backup-save').trigger('click');
    await settle(() => expect(find('backup-status').text()).toMatch(/nastavnik-backup-.*\.json/));
    expect(blobs).toHaveLength(1);
    const reading = await readBackup(await blobs[0]!.text());
    expect(reading.ok).toBe(true);
    if (reading.ok) {
      expect(reading.backup.tables.participants.map((p) => p.id)).toContain(mentor.id);
    }
  });

  it('refuses a truncated file with a message, and the device keeps its data', async () => {
    const mine = await addParticipant(db(), {
      kind: 'teacher',
      full_name: 'Орлова Ирина Павловна',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const { text } = await anotherPhonesBackup();
    await openSettings();
    await chooseFile(text.slice(0, Math.floor(text.length * 0.7)));
    await settle(() => expect(find('backup-error').exists()).toBe(true));
    expect(find('backup-error').attributes('role')).toBe('alert');
    expect(find('backup-error').text()).toContain('повреждён или обрезан');
    expect(find('backup-error').text()).toContain('данные на устройстве не изменены');
    expect(find('backup-preview').exists()).toBe(false);
    expect(await db().db.participants.toArray()).toEqual([mine]);
  });

  it('refuses another app’s file and says it is not a backup of this app', async () => {
    await openSettings();
    await chooseFile('{"name":"my-app","version":"1.0.0"}', 'package.json');
    await settle(() => expect(find('backup-error').exists()).toBe(true));
    expect(find('backup-error').attributes('data-reason')).toBe('foreign');
    expect(find('backup-error').text()).toContain('Это не резервная копия «Наставника»');
    expect(find('backup-error').text()).toContain('данные на устройстве не изменены');
  });

  it('shows what a good copy holds, writes nothing on «Отмена», restores on «Восстановить»', async () => {
    const { text, people } = await anotherPhonesBackup();
    await openSettings();
    await chooseFile(text);
    await settle(() => expect(find('backup-preview').exists()).toBe(true));
    const preview = find('backup-preview').text();
    expect(preview).toContain('Копия от 30 нояб. 2026 г., 18:05');
    expect(find('backup-summary').text()).toContain('2 человека');
    expect(find('backup-summary').text()).toContain('1 пара');
    expect(find('backup-summary').text()).toContain('1 встреча');
    expect(find('backup-summary').text()).toContain('Реквизиты школы для документов');
    expect(find('backup-summary').text()).toContain('Срок действия курсов: 5 лет');
    expect(find('backup-plan').text()).toContain('останется');
    expect(await db().db.participants.count()).toBe(0);

    await find('backup-cancel').trigger('click');
    await settle(() => expect(find('backup-preview').exists()).toBe(false));
    expect(await db().db.participants.count()).toBe(0);

    await chooseFile(text);
    await settle(() => expect(find('backup-confirm').exists()).toBe(true));
    await find('backup-confirm').trigger('click');
    await settle(() => expect(find('backup-status').text()).toContain('Копия восстановлена'));
    expect((await db().db.participants.get(people.mentee.id))?.full_name).toBe('Смирнова Анна');
    expect(await db().db.meetings.count()).toBe(1);
    expect(await readValidYears(db())).toBe(5);
  });
});

describe('the backup section of Settings (signed-in school)', () => {
  it('only says the data lives on the school’s server', () => {
    const saved = { ...backendConfig };
    Object.assign(backendConfig, { mode: 'sync', url: 'https://school.example', anonKey: 'k' });
    try {
      wrapper = mount(SettingsBackup, { global: { plugins: [createPinia(), createAppI18n()] } });
      expect(find('backup-sync-note').text()).toContain('хранятся на сервере школы');
      expect(find('backup-save').exists()).toBe(false);
      expect(find('backup-restore').exists()).toBe(false);
    } finally {
      for (const key of Object.keys(backendConfig)) delete (backendConfig as never)[key];
      Object.assign(backendConfig, saved);
    }
  });
});
