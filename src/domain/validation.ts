// Validation results carry i18n keys, never text: the UI translates them, and the user's
// input stays in the form.

export interface FieldError {
  field: string;
  /** i18n key under `errors.` */
  key: string;
  params?: Record<string, string | number>;
}

export class ValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`validation failed: ${errors.map((e) => `${e.field}:${e.key}`).join(', ')}`);
    this.name = 'ValidationError';
  }
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Trims; an empty string becomes null. */
export function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Throws a ValidationError when there are errors. */
export function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}
