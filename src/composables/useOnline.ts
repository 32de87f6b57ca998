import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** Whether the browser believes it has a network connection, kept current by its events. */
export function useOnline(): Ref<boolean> {
  const isOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const update = () => {
    isOnline.value = navigator.onLine;
  };
  onMounted(() => {
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update();
  });
  onBeforeUnmount(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return isOnline;
}
