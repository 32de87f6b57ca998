// The home screen fits the user's roles: someone mentored in one pair and mentoring in another
// sees both, each with its own card; the mentee reads the plan and cannot change it.
import { describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { addParticipant, recordConsent } from '@/data/repos/participants';
import { createPair } from '@/data/repos/pairs';
import { requestMentorChange } from '@/data/repos/mentorChange';
import { createPlan } from '@/data/repos/plans';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

const TODAY = '2026-11-25';
const meeting = {
  type: 'organisational',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'online',
} as const;

describe('home for a mentee who also mentors', () => {
  it('shows "my mentoring" with meetings to confirm, and the mentor’s own pair apart', async () => {
    const ctx = await appDataContext();
    // Смирнова Анна is mentored by Петров and herself mentors a younger student, Вова.
    const { pair, mentee: anna } = await aPairWithPeople(ctx);
    await logMeeting(ctx, pair.id, meeting, TODAY);
    await logMeeting(ctx, pair.id, { ...meeting, type: 'trial', held_on: '2026-11-24' }, TODAY);
    const vova = await addParticipant(ctx, {
      kind: 'student',
      full_name: 'Волков Вова',
      class_label: '5А',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    await recordConsent(
      ctx,
      vova.id,
      {
        given_by: 'representative',
        representative_name: 'Волкова Ирина',
        representative_relation: 'мать',
        signed_on: '2026-09-01',
        valid_until: '2027-08-31',
      },
      TODAY,
    );
    await createPair(ctx, { form: 'uchenik_uchenik', mentorIds: [anna.id], menteeIds: [vova.id] });

    const { wrapper, router, pinia } = await mountApp('/');
    useSessionStore(pinia).memberships = [
      { school_id: ctx.schoolId, role: 'mentee', participant_id: anna.id },
      { school_id: ctx.schoolId, role: 'mentor', participant_id: anna.id },
    ];
    await router.push('/');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mentee-pair-card"]').exists()).toBe(true),
    );
    const card = wrapper.get('[data-testid="mentee-pair-card"]');
    expect(card.text()).toContain('Петров Сергей Иванович');
    expect(card.get('[data-testid="meetings-to-confirm"]').text()).toBe(
      'Ждут вашего подтверждения: 2 встречи',
    );
    // Her own pair as a mentor keeps the mentor's card, with "log a meeting".
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="pair-card"]')).toHaveLength(1));
    const mentorCard = wrapper.get('[data-testid="pair-card"]');
    expect(mentorCard.text()).toContain('Волков Вова');
    expect(mentorCard.find('[data-testid="log-meeting"]').exists()).toBe(true);
  });

  it('opens the plan read-only for the mentee, and the pair page offers no "create plan"', async () => {
    const ctx = await appDataContext();
    const { pair, mentee } = await aPairWithPeople(ctx);
    const { wrapper, router, pinia } = await mountApp('/');
    useSessionStore(pinia).memberships = [
      { school_id: ctx.schoolId, role: 'mentee', participant_id: mentee.id },
    ];
    await router.push(`/pairs/${pair.id}`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="plan-summary"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="open-plan"]').exists()).toBe(false);

    await createPlan(ctx, pair.id, {
      title: 'План Анны',
      menteeId: mentee.id,
      templateId: 'uchitel_uchenik',
      startOn: TODAY,
    });
    await router.push(`/pairs/${pair.id}/plan`);
    await vi.waitFor(() => expect(wrapper.text()).toContain('План Анны'));
    expect(wrapper.find('main form').exists()).toBe(false);
    // Her only action on the plan: «Я выполнил(а)» on each open task.
    const buttons = wrapper.findAll('main button');
    expect(buttons.length).toBeGreaterThan(0);
    expect(new Set(buttons.map((b) => b.text()))).toEqual(new Set(['Я выполнил(а)']));
  });

  it('shows the curator the open requests for another mentor, with the way to the pair', async () => {
    const ctx = await appDataContext();
    const { pair, mentee } = await aPairWithPeople(ctx);
    await requestMentorChange(ctx, pair.id, mentee.id, 'Хочу другого наставника');
    const { wrapper } = await mountApp('/');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="home-mentor-change-requests"]').exists()).toBe(true),
    );
    const section = wrapper.get('[data-testid="home-mentor-change-requests"]');
    expect(section.text()).toContain('Запросы на смену наставника: 1');
    expect(section.get('a').text()).toBe('Петров Сергей Иванович → Смирнова Анна');
    expect(section.get('a').attributes('href')).toBe(`/pairs/${pair.id}`);
  });
});
