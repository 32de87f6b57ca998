// Russian alphabetical order. One collator for every comparison: `localeCompare(b, 'ru')`
// builds a collator per call, seconds over a school's 2,000 names on a throttled tablet.
export const byRussianName = new Intl.Collator('ru').compare;
