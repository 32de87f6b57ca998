// Mounts the whole app at a path with the real router, i18n and Pinia.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import App from '@/app/App.vue';
import { routes } from '@/app/router';
import { createAppI18n } from '@/i18n';

export async function mountApp(path = '/') {
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push(path);
  await router.isReady();
  const pinia = createPinia();
  const wrapper = mount(App, {
    global: { plugins: [pinia, createAppI18n(), router] },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, router, pinia };
}
