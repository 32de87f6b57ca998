import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { routes } from '@/app/router';
import TheReminders from '@/components/app/TheReminders.vue';
import { appDataContext } from '@/data/context';
import { approvePair } from '@/data/repos/pairs';
import { addTask, createPlan } from '@/data/repos/plans';
import { localIsoDate } from '@/domain/dates';
import { addDays } from '@/domain/dates';
import { NOTIFICATIONS_STORAGE_KEY } from '@/stores/preferences';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';
import { installFakeNotification } from './notificationFake';

// The lead places <TheReminders /> on the home screen; here it gets a page of its own inside
// the real app shell, so the test does not depend on where it sits.
routes.unshift({ path: '/test/reminders', name: 'test-reminders', component: TheReminders });

let mounted: VueWrapper | undefined;
beforeEach(() => localStorage.clear());
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function open(path = '/test/reminders') {
  const app = await mountApp(path);
  mounted = app.wrapper;
  return app;
}

/** A pair approved `daysAgo` days ago that has not had its organisational meeting. */
async function anApprovedPairWithoutMeetings(daysAgo = 10) {
  const ctx = await appDataContext();
  const people = await aPairWithPeople(ctx);
  const today = localIsoDate(new Date());
  await approvePair(
    ctx,
    people.pair.id,
    { order_number: '12-о', order_date: addDays(today, -daysAgo) },
    today,
  );
  return { ctx, today, ...people };
}

const reminders = (wrapper: VueWrapper) => wrapper.findAll('[data-testid="reminder"]');

describe('the reminders block', () => {
  it('lists the organisational meeting not held a week after approval, with a way to log it', async () => {
    const { pair } = await anApprovedPairWithoutMeetings(10);
    const { wrapper, router } = await open();
    await vi.waitFor(() => expect(reminders(wrapper)).toHaveLength(1));
    const item = reminders(wrapper)[0]!;
    expect(item.attributes('data-kind')).toBe('organisationalNotHeld');
    expect(item.text()).toContain('Пара утверждена 10 дн. назад');
    expect(item.text()).toContain('Петров Сергей Иванович → Смирнова Анна');

    await item.find('[data-testid="reminder-action"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('meeting-new'));
    expect(router.currentRoute.value.params.pairId).toBe(pair.id);
  });

  it('does not remind before a week after approval has passed', async () => {
    const late = await anApprovedPairWithoutMeetings(7);
    await anApprovedPairWithoutMeetings(6);
    const { wrapper } = await open();
    await vi.waitFor(() => expect(reminders(wrapper)).toHaveLength(1));
    expect(reminders(wrapper)[0]!.attributes('data-key')).toContain(late.pair.id);
  });

  it('offers the plan for a task due tomorrow', async () => {
    const { ctx, today, pair, mentee } = await anApprovedPairWithoutMeetings(3);
    const plan = await createPlan(ctx, pair.id, {
      title: 'ИПР',
      menteeId: mentee.id,
      templateId: 'uchitel_uchenik',
    });
    await addTask(ctx, plan.id, null, { title: 'Прочитать главу', due_on: addDays(today, 1) });
    const { wrapper, router } = await open();
    await vi.waitFor(() =>
      expect(reminders(wrapper).map((r) => r.text())).toContainEqual(
        expect.stringContaining('Завтра срок задачи «Прочитать главу»'),
      ),
    );
    const item = reminders(wrapper).find((r) => r.text().includes('Прочитать главу'))!;
    expect(item.find('[data-testid="reminder-action"]').text()).toBe('Открыть план');
    await item.find('[data-testid="reminder-action"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('plan'));
  });

  it('"remind me tomorrow" hides it, and it stays hidden after the app restarts', async () => {
    const snoozed = await anApprovedPairWithoutMeetings(10);
    const other = await anApprovedPairWithoutMeetings(8);
    const first = await open();
    await vi.waitFor(() => expect(reminders(first.wrapper)).toHaveLength(2));
    const item = reminders(first.wrapper).find((r) =>
      r.attributes('data-key')?.includes(snoozed.pair.id),
    )!;
    await item.find('[data-testid="reminder-snooze"]').trigger('click');
    await vi.waitFor(() => expect(reminders(first.wrapper)).toHaveLength(1));
    first.wrapper.unmount();

    const second = await open();
    await vi.waitFor(() => expect(reminders(second.wrapper)).toHaveLength(1));
    expect(reminders(second.wrapper)[0]!.attributes('data-key')).toContain(other.pair.id);
  });
});

describe('system notifications for reminders', () => {
  function atTenInTheMorning() {
    const now = new Date();
    now.setHours(10, 30, 0, 0);
    vi.useFakeTimers({ toFake: ['Date'], now });
  }

  it('shows each new reminder once, and a tap opens the page to act on it', async () => {
    atTenInTheMorning();
    const fake = installFakeNotification('granted');
    localStorage.setItem(NOTIFICATIONS_STORAGE_KEY, 'on');
    const { pair } = await anApprovedPairWithoutMeetings(10);
    const { router } = await open('/');

    await vi.waitFor(() => expect(fake.shown).toHaveLength(1));
    expect(fake.shown[0]).toMatchObject({
      title: 'Пара утверждена 10 дн. назад, а организационной встречи ещё не было',
      options: {
        body: 'Петров Сергей Иванович → Смирнова Анна',
        data: { path: `/pairs/${pair.id}/meetings/new` },
      },
    });

    // Coming back to the app checks again, but the same reminder is not notified twice.
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.shown).toHaveLength(1);

    await vi.waitFor(() => expect(fake.shown[0]?.onclick).toBeTypeOf('function'));
    fake.shown[0]?.onclick?.();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('meeting-new'));
  });

  it('shows nothing while the switch is off, even with the browser’s permission', async () => {
    atTenInTheMorning();
    const fake = installFakeNotification('granted');
    await anApprovedPairWithoutMeetings(10);
    const { wrapper } = await open('/test/reminders');
    await vi.waitFor(() => expect(reminders(wrapper)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.shown).toHaveLength(0);
  });
});
