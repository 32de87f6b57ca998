// Which database the screens read: on start in sync mode they wait for the saved session's
// answer, and when the app switches database (sign-in, sign-out) every live query reads again.
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { describe, expect, it, vi } from 'vitest';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { openDataContext, setAppDataContext, type DataContext } from '@/data/context';
import { observeParticipants } from '@/data/queries';
import { addParticipant } from '@/data/repos/participants';

async function contextWith(name: string): Promise<DataContext> {
  const ctx = await openDataContext(`unit-${crypto.randomUUID()}`);
  await addParticipant(ctx, {
    kind: 'teacher',
    full_name: name,
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
  });
  return ctx;
}

const Names = defineComponent({
  setup() {
    const { data } = useLiveQuery(observeParticipants);
    return () => h('p', (data.value ?? []).map((p) => p.participant.full_name).join(', '));
  },
});

async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 2000 });
}

describe('the app data context', () => {
  it('live queries read the new database after a switch', async () => {
    const device = await contextWith('Устройство Анна');
    const user = await contextWith('Сервер Борис');
    setAppDataContext(Promise.resolve(device));
    const wrapper = mount(Names);
    await until(() => wrapper.text() === 'Устройство Анна');
    setAppDataContext(Promise.resolve(user));
    await until(() => wrapper.text() === 'Сервер Борис');
    wrapper.unmount();
    device.db.close();
    user.db.close();
  });

  it('while held, screens wait for the decided database and never read another first', async () => {
    vi.resetModules();
    const fresh = await import('@/data/context');
    fresh.holdAppDataContext();
    let resolved: DataContext | null = null;
    void fresh.appDataContext().then((ctx) => (resolved = ctx));
    await flushPromises();
    expect(resolved).toBeNull();
    const user = await contextWith('Сервер Борис');
    fresh.setAppDataContext(Promise.resolve(user));
    await until(() => resolved === user);
    user.db.close();
  });
});
