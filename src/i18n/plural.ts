/**
 * Russian plural forms for vue-i18n (it ships none): messages give "one | few | many"
 * (1 / 2–4 / 5–20 …), optionally preceded by a zero form, or just "one | other".
 */
export function russianPlural(choice: number, choicesLength: number): number {
  const n = Math.abs(choice);
  if (choicesLength === 2) return n === 1 ? 0 : 1;
  const offset = choicesLength >= 4 ? 1 : 0;
  if (offset === 1 && n === 0) return 0;
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return offset;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return offset + 1;
  return offset + 2;
}
