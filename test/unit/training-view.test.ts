// On a teacher's page the curator records a course and sees its standing, and edits the staff
// record (position, experience, category, manager, birth date) that the card then shows.
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { addParticipant } from '@/data/repos/participants';
import { addDays, localIsoDate } from '@/domain/dates';
import { addYears } from '@/domain/training';
import { schoolDate } from '@/domain/validation';
import { mountApp, settle, useFreshDatabase } from './views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());
const field = (w: VueWrapper, name: string) => w.find(`[name="${name}"]`);

describe('a teacher’s courses and staff record', () => {
  const db = useFreshDatabase();
  const aTeacher = () =>
    addParticipant(db(), {
      kind: 'teacher',
      full_name: 'Кузнецова Ольга Петровна',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });

  it('adds a course: a bad hours value is explained and kept, then «действующая до»', async () => {
    const teacher = await aTeacher();
    const app = await mountApp(`/people/${teacher.id}`);
    wrapper = app.wrapper;
    await settle(() => expect(wrapper?.find('[data-testid="training-add"]').exists()).toBe(true));
    await settle(() => expect(wrapper?.find('[data-testid="training-form"]').exists()).toBe(false));
    expect(wrapper.find('[data-testid="training-current"]').text()).toBe(
      'Действующего курса от 36 часов нет',
    );
    await wrapper.find('[data-testid="training-add"]').trigger('click');
    const completed = addDays(localIsoDate(new Date()), -30);
    await field(wrapper, 'training_title').setValue('Наставничество в образовательной организации');
    await field(wrapper, 'training_provider').setValue('ИРООО');
    await field(wrapper, 'training_hours').setValue('0');
    await field(wrapper, 'training_completed_on').setValue(completed);
    await field(wrapper, 'training_certificate_number').setValue('552400012345');
    await wrapper.find('[data-testid="training-form"]').trigger('submit');
    await settle(() => expect(wrapper?.text()).toContain('Количество часов — от 0,5 до 1000'));
    expect((field(wrapper, 'training_hours').element as HTMLInputElement).value).toBe('0');
    expect(await db().db.mentor_trainings.count()).toBe(0);

    await field(wrapper, 'training_hours').setValue('72');
    await wrapper.find('[data-testid="training-form"]').trigger('submit');
    const until = schoolDate(addYears(completed, 3));
    await settle(() =>
      expect(wrapper?.find('[data-testid="training-validity"]').text()).toBe(
        `действующая до ${until}`,
      ),
    );
    expect(wrapper.find('[data-testid="training-form"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="training-current"]').text()).toContain(until);
    expect(wrapper.find('[data-testid="training-item"]').text()).toContain(
      'удостоверение № 552400012345',
    );
    const [row] = await db().db.mentor_trainings.toArray();
    expect(row).toMatchObject({ participant_id: teacher.id, hours: 72, completed_on: completed });
  }, 20_000);

  it('marks a short course and deletes a course after asking', async () => {
    const teacher = await aTeacher();
    wrapper = (await mountApp(`/people/${teacher.id}`)).wrapper;
    await settle(() => expect(wrapper?.find('[data-testid="training-add"]').exists()).toBe(true));
    await settle(() => expect(wrapper?.find('[data-testid="training-form"]').exists()).toBe(false));
    await wrapper.find('[data-testid="training-add"]').trigger('click');
    await field(wrapper, 'training_title').setValue('Цифровые инструменты');
    await field(wrapper, 'training_hours').setValue('16,5');
    await field(wrapper, 'training_completed_on').setValue('2026-01-15');
    await wrapper.find('[data-testid="training-form"]').trigger('submit');
    await settle(() =>
      expect(wrapper?.find('[data-testid="training-validity"]').text()).toBe('менее 36 ч'),
    );
    await wrapper.find('[data-testid="training-delete"]').trigger('click');
    await wrapper.find('[data-testid="training-delete-confirm"]').trigger('click');
    await settle(() => expect(wrapper?.text()).toContain('Курсы пока не внесены.'));
    expect((await db().db.mentor_trainings.toArray())[0]?.deleted_at).toEqual(expect.any(String));
  }, 20_000);

  it('saves the staff record from the person’s form and shows it on the card', async () => {
    const teacher = await aTeacher();
    wrapper = (await mountApp(`/people/${teacher.id}`)).wrapper;
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-edit"]').exists()).toBe(true),
    );
    await wrapper.find('[data-testid="participant-edit"]').trigger('click');
    await field(wrapper, 'position').setValue('учитель русского языка');
    await field(wrapper, 'teaching_experience_years').setValue('два');
    await field(wrapper, 'qualification_category').setValue('высшая');
    await field(wrapper, 'is_manager').setValue(true);
    await field(wrapper, 'birth_date').setValue('1994-02-10');
    await wrapper.find('[data-testid="participant-form"]').trigger('submit');
    await settle(() => expect(wrapper?.text()).toContain('Стаж — целое число лет от 0 до 70'));
    expect((field(wrapper, 'teaching_experience_years').element as HTMLInputElement).value).toBe(
      'два',
    );

    await field(wrapper, 'teaching_experience_years').setValue('2');
    await wrapper.find('[data-testid="participant-form"]').trigger('submit');
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-form"]').exists()).toBe(false),
    );
    const details = wrapper.find('[data-testid="participant-details"]').text();
    for (const text of [
      'учитель русского языка',
      '2 года',
      'высшая',
      'Руководящий работник',
      '10.02.1994',
    ]) {
      expect(details).toContain(text);
    }
    expect(await db().db.participants.get(teacher.id)).toMatchObject({
      position: 'учитель русского языка',
      teaching_experience_years: 2,
      qualification_category: 'высшая',
      is_manager: true,
      birth_date: '1994-02-10',
      birth_year: 1994,
    });
  });

  it('tells a student’s courses never count', async () => {
    const student = await addParticipant(db(), {
      kind: 'student',
      full_name: 'Смирнова Анна',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    wrapper = (await mountApp(`/people/${student.id}`)).wrapper;
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-trainings"]').text()).toContain(
        'Курсы учеников хранятся, но в показателях не учитываются.',
      ),
    );
    expect(wrapper.find('[data-testid="training-current"]').exists()).toBe(false);
  });
});
