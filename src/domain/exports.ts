// Spreadsheet exports (issue 13): the bases of mentors and mentees, pairs, meetings, plans,
// questionnaire results and the municipal «информационная карта наставника» (seed 004) as
// sheets of typed cells. Pure: rows in, a header and rows of cells out; src/exports/xlsx.ts
// writes the file. Keys under `exports.` are the spreadsheet's own vocabulary (headers, notes,
// yes/no), which loads with the writer (src/exports/sheetMessages.ts); other label keys are the
// app's (forms, statuses, kinds).
// Invariants (DOMAIN.md, who may read what): the facts carry no mentor's private note and no
// participant_sensitive row, and every column is picked by name, so neither can reach a
// sheet; a sheet notes what it leaves out or blank. Deleted rows never appear.
// This entry keeps the choice of builder and the row counts; the parts live in exports/.
import { alive } from './exports/cells';
import { kpiOfFacts } from './exports/kpi';
import { meetingsSheet, pairsSheet, plansSheet } from './exports/pairWork';
import { baseOf, mentorCardSheet } from './exports/people';
import { questionnairesSheet } from './exports/questionnaires';
import type { ExportFacts, ExportKind, ExportSheet } from './exports/types';
import { listedMeetings } from './exports/world';

export { label, num, text, yesNo } from './exports/cells';
export { KPI_VALUE_COLUMNS, kpiFileName, kpiSheet } from './exports/kpi';
export {
  EXPORT_FILE_STEMS,
  EXPORT_KINDS,
  exportFileName,
  type ExportCell,
  type ExportColumn,
  type ExportFacts,
  type ExportKind,
  type ExportSheet,
} from './exports/types';

const BUILDERS: Record<ExportKind, (facts: ExportFacts) => ExportSheet> = {
  mentors: (facts) => baseOf('mentors', facts),
  mentees: (facts) => baseOf('mentees', facts),
  pairs: pairsSheet,
  meetings: meetingsSheet,
  plans: plansSheet,
  questionnaires: questionnairesSheet,
  mentorCard: mentorCardSheet,
  kpi: kpiOfFacts,
};

export function buildExport(kind: ExportKind, facts: ExportFacts): ExportSheet {
  return BUILDERS[kind](facts);
}

/**
 * How many rows the sheet will have, without building it where that is costly (the meeting
 * log of a large school): what the exports page shows beside each download.
 */
export function exportRowCount(kind: ExportKind, facts: ExportFacts): number {
  if (kind === 'meetings') {
    return listedMeetings(facts, new Map(alive(facts.pairs).map((p) => [p.id, p]))).length;
  }
  return buildExport(kind, facts).rows.length;
}
