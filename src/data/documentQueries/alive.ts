// Owns the filter every document read shares: only live rows (deleted_at unset) reach a
// document.
export const alive = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);
