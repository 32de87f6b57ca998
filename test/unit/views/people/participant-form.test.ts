import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { mountApp, settle, useFreshDatabase } from './support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

const field = (w: VueWrapper, name: string) => w.find(`[name="${name}"]`);

describe('adding a participant', () => {
  const db = useFreshDatabase();

  it('keeps the typed text and shows the translated error, then saves and opens the person', async () => {
    const app = await mountApp('/people/new');
    wrapper = app.wrapper;
    await field(wrapper, 'full_name').setValue('Петров Сергей Иванович');
    await field(wrapper, 'kind').setValue('teacher');
    await field(wrapper, 'subject').setValue('Физика');
    await field(wrapper, 'email').setValue('petrov@school');
    await field(wrapper, 'is_mentor').setValue(true);
    await wrapper.find('[data-testid="participant-form"]').trigger('submit');

    await settle(() => expect(wrapper?.text()).toContain('Проверьте адрес электронной почты'));
    expect((field(wrapper, 'full_name').element as HTMLInputElement).value).toBe(
      'Петров Сергей Иванович',
    );
    expect((field(wrapper, 'subject').element as HTMLInputElement).value).toBe('Физика');
    expect((field(wrapper, 'email').element as HTMLInputElement).value).toBe('petrov@school');
    expect(field(wrapper, 'email').attributes('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field(wrapper, 'email').element);
    expect(await db().db.participants.count()).toBe(0);

    await field(wrapper, 'email').setValue('petrov@school.ru');
    await wrapper.find('[data-testid="participant-form"]').trigger('submit');
    await settle(() => expect(app.router.currentRoute.value.name).toBe('participant'));
    const [saved] = await db().db.participants.toArray();
    expect(saved).toMatchObject({ kind: 'teacher', subject: 'Физика', is_minor: false });
    expect(app.router.currentRoute.value.params.participantId).toBe(saved?.id);
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-name"]').text()).toBe(
        'Петров Сергей Иванович',
      ),
    );
  });

  it('asks for a base when neither is ticked', async () => {
    wrapper = (await mountApp('/people/new')).wrapper;
    await field(wrapper, 'full_name').setValue('Смирнова Анна');
    await wrapper.find('[data-testid="participant-form"]').trigger('submit');
    await settle(() =>
      expect(wrapper?.text()).toContain('Отметьте хотя бы одну базу: наставников или наставляемых'),
    );
  });

  it('marks a student as a minor by default and offers the class', async () => {
    wrapper = (await mountApp('/people/new')).wrapper;
    expect((field(wrapper, 'is_minor').element as HTMLInputElement).checked).toBe(true);
    expect(field(wrapper, 'class_label').exists()).toBe(true);
    await field(wrapper, 'kind').setValue('teacher');
    expect(field(wrapper, 'is_minor').exists()).toBe(false);
    expect(field(wrapper, 'class_label').exists()).toBe(false);
  });
});
