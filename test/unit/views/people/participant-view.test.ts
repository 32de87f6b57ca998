import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { addParticipant, recordConsent } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { endOfAcademicYear } from '@/composables/useParticipantConsent';
import { mountApp, settle, useFreshDatabase } from './support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());
const today = localIsoDate(new Date());

describe('the participant page', () => {
  const db = useFreshDatabase();
  const aMinor = () =>
    addParticipant(db(), {
      kind: 'student',
      full_name: 'Смирнова Анна',
      class_label: '6Б',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });

  it('records a parent’s consent for a minor, offering only a representative', async () => {
    const child = await aMinor();
    wrapper = (await mountApp(`/people/${child.id}`)).wrapper;
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-name"]').text()).toBe('Смирнова Анна'),
    );
    expect(wrapper.find('[data-status]').text()).toBe('Нет согласия');
    const form = wrapper.find('[data-testid="consent-form"]');
    expect(form.find('input[value="self"]').exists()).toBe(false);
    expect((form.find('input[value="representative"]').element as HTMLInputElement).checked).toBe(
      true,
    );
    expect((form.find('[name="signed_on"]').element as HTMLInputElement).value).toBe(today);
    expect((form.find('[name="valid_until"]').element as HTMLInputElement).value).toBe(
      endOfAcademicYear(today),
    );

    await form.find('[name="representative_name"]').setValue('Смирнова Елена Викторовна');
    await form.find('[name="relation"]').setValue('мать');
    await form.trigger('submit');

    await settle(() =>
      expect(wrapper?.find('[data-testid="consent-item"]').text()).toContain(
        'Смирнова Елена Викторовна, мать',
      ),
    );
    expect(wrapper.find('[data-testid="participant-details"] [data-status]').text()).toBe(
      'Согласие действует',
    );
    const [consent] = await db().db.consents.toArray();
    expect(consent).toMatchObject({
      participant_id: child.id,
      given_by: 'representative',
      representative_relation: 'мать',
      signed_on: today,
    });
  });

  it('asks for the representative’s name and keeps the rest of the form', async () => {
    const child = await aMinor();
    wrapper = (await mountApp(`/people/${child.id}`)).wrapper;
    await settle(() => expect(wrapper?.find('[data-testid="consent-form"]').exists()).toBe(true));
    const form = wrapper.find('[data-testid="consent-form"]');
    await form.find('[name="relation"]').setValue('опекун');
    await form.trigger('submit');
    await settle(() => expect(form.text()).toContain('Заполните это поле'));
    expect((form.find('[name="relation"]').element as HTMLSelectElement).value).toBe('опекун');
    expect(await db().db.consents.count()).toBe(0);
  });

  it('revokes a consent after a second tap, and the person has none in force', async () => {
    const teacher = await addParticipant(db(), {
      kind: 'teacher',
      full_name: 'Орлова Ирина',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    await recordConsent(db(), teacher.id, { given_by: 'self', signed_on: today }, today);
    wrapper = (await mountApp(`/people/${teacher.id}`)).wrapper;
    const item = () => wrapper!.find('[data-testid="consent-item"]');
    await settle(() => expect(item().find('[data-testid="consent-revoke"]').exists()).toBe(true));
    await item().find('[data-testid="consent-revoke"]').trigger('click');
    expect(item().text()).toContain('Отозвать согласие?');
    expect((await db().db.consents.toArray())[0]?.revoked_on).toBeNull();

    const confirm = item()
      .findAll('button')
      .find((b) => b.text() === 'Да, отозвать');
    await confirm?.trigger('click');
    await settle(() => expect(item().text()).toContain('Отозвано'));
    expect(wrapper.find('[data-testid="participant-details"] [data-status]').text()).toBe(
      'Нет согласия',
    );
    expect((await db().db.consents.toArray())[0]?.revoked_on).toBe(today);
  });

  it('edits the person in place', async () => {
    const child = await aMinor();
    wrapper = (await mountApp(`/people/${child.id}`)).wrapper;
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-name"]').exists()).toBe(true),
    );
    await wrapper.find('.page-header button').trigger('click');
    await wrapper.find('[name="class_label"]').setValue('7Б');
    await wrapper.find('[data-testid="participant-form"]').trigger('submit');
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-details"]').text()).toContain('7Б'),
    );
    expect((await db().db.participants.get(child.id))?.class_label).toBe('7Б');
  });
});
