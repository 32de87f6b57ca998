// Mounts the whole app at a path with the real router (and its access guard), i18n and Pinia.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import App from '@/app/App.vue';
import { installAccessGuard, routes } from '@/app/router';
import { createAppI18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';

export async function mountApp(path = '/') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore(pinia);
  const router = createRouter({ history: createMemoryHistory(), routes });
  installAccessGuard(router, () => session.workspace);
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, {
    global: { plugins: [pinia, createAppI18n(), router] },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, router, pinia };
}
