// Intake refusals in words: BaseField (scope="intake.errors") shows the intake's own text with
// the form's name in place of its key (useIntakeErrorText().named), and the fieldsets' text()
// says the same; an error the intake has no text for falls back to the shared errors.*.
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount } from '@vue/test-utils';
import BaseField from '@/components/base/BaseField.vue';
import { useIntakeErrorText } from '@/composables/useIntake';
import type { FieldError } from '@/domain/validation';
import { createAppI18n, loadFeatureMessages } from '@/i18n';

const notForKind: FieldError = {
  field: 'forms',
  key: 'formNotForKind',
  params: { form: 'uchitel_uchenik' },
};

function render(error: FieldError) {
  let text = '';
  const Probe = defineComponent(() => {
    const { named, text: errorText } = useIntakeErrorText();
    text = errorText(error);
    return () =>
      h(
        BaseField,
        { label: 'Поле', error: named(error), scope: 'intake.errors' },
        { default: (s: { id: string }) => h('input', { id: s.id }) },
      );
  });
  const wrapper = mount(Probe, { global: { plugins: [createAppI18n()] } });
  return { field: wrapper.get('[role="alert"]').text(), text };
}

describe('intake refusals', () => {
  it('name the form in words, in BaseField and in a fieldset alike', async () => {
    await loadFeatureMessages(['intake']);
    const shown = render(notForKind);
    expect(shown.field).toBe('Форма «учитель – ученик» не подходит для этой роли');
    expect(shown.text).toBe(shown.field);
    // The error itself keeps the key (validation's, not the screen's).
    expect(notForKind.params).toEqual({ form: 'uchitel_uchenik' });
  });

  it('fall back to the shared errors.* text', async () => {
    await loadFeatureMessages(['intake']);
    const shown = render({ field: 'request', key: 'tooLong', params: { max: 2000 } });
    expect(shown.field).toBe('Слишком длинный текст: не больше 2000 символов');
  });
});
