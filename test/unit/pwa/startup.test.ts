// The start-up schedule (src/pwa/startup.ts) and the app taking over index.html's shell: the
// first page replaces the shell's page area, which stays inside the app's frame until then, and
// what the first screen does not need waits until the first page is there.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import App from '@/app/App.vue';
import { routes } from '@/app/router';
import { createAppI18n } from '@/i18n';
import { afterFirstScreen, yieldToMain } from '@/pwa/startup';

describe('yieldToMain', () => {
  it('ends the task: a timer already due runs before what follows', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await yieldToMain();
    order.push('after yield');
    expect(order).toEqual(['timer', 'after yield']);
  });
});

describe('afterFirstScreen', () => {
  it('waits for the first page', async () => {
    let drawn!: () => void;
    const firstPage = new Promise<void>((resolve) => (drawn = resolve));
    let isSettled = false;
    void afterFirstScreen(firstPage).then(() => (isSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isSettled).toBe(false);
    drawn();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isSettled).toBe(true);
  });

  it('does not wait forever when the first page failed to load', async () => {
    await expect(afterFirstScreen(Promise.reject(new Error('chunk')))).resolves.toBeUndefined();
  });
});

describe('the app over index.html’s shell', () => {
  it('keeps the shell’s page area until the first page is there, then shows the page', async () => {
    const shell = document.createElement('div');
    shell.className = 'boot__main';
    shell.textContent = 'Наставнические пары, встречи и планы развития';
    const router = createRouter({ history: createMemoryHistory(), routes });
    const wrapper = mount(App, {
      props: { shell },
      global: { plugins: [createPinia(), createAppI18n(), router] },
      attachTo: document.body,
    });
    // The frame is up, the first navigation has not finished: the shell is in the page area.
    expect(wrapper.find('header').exists()).toBe(true);
    expect(wrapper.find('main .boot__main').element).toBe(shell);

    await router.push('/');
    await router.isReady();
    await flushPromises();
    expect(wrapper.find('main h1').text()).toBe('Добро пожаловать!');
    expect(shell.isConnected).toBe(false);
  });
});
