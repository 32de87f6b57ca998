// Owns the .xlsx writing: the only importer of `write-excel-file`, loaded with import() when a
// file is asked for, so the library is a chunk of its own and never in the first visit.
// Dates are real spreadsheet dates (serial numbers shown as ДД.ММ.ГГГГ), numbers are numbers.
import type { Cell, SheetData } from 'write-excel-file/browser';
import type { LocalizedSheet, PlainCell } from './sheetText';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A calendar date as the UTC midnight the library turns into a whole serial number. */
function calendarDate(iso: string): Date {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

interface WorkbookSheet {
  sheet: string;
  data: SheetData;
  columns: { width: number }[];
  stickyRowsCount?: number;
  dateFormat: string;
}

function cellOf(cell: PlainCell): Cell {
  if (cell === null) return null;
  if (typeof cell === 'number') return { value: cell, type: Number };
  if (typeof cell === 'string') return { value: cell, type: String, wrap: cell.length > 60 };
  return { value: calendarDate(cell.date), type: Date, format: 'dd.mm.yyyy' };
}

/** The workbook: the sheet (header row frozen) and, when it has notes, a sheet of notes. */
export async function workbookBlob(sheet: LocalizedSheet): Promise<Blob> {
  const { default: writeExcelFile } = await import('write-excel-file/browser');
  const header: Cell[] = sheet.headers.map((value) => ({
    value,
    type: String,
    fontWeight: 'bold',
    wrap: true,
    alignVertical: 'top',
  }));
  const sheets: WorkbookSheet[] = [
    {
      sheet: sheet.name,
      data: [header, ...sheet.rows.map((row) => row.map(cellOf))],
      columns: sheet.widths.map((width) => ({ width })),
      stickyRowsCount: 1,
      dateFormat: 'dd.mm.yyyy',
    },
  ];
  if (sheet.notes.length > 0) {
    sheets.push({
      sheet: sheet.notesTitle.slice(0, 31),
      data: sheet.notes.map((note) => [{ value: note, type: String, wrap: true }]),
      columns: [{ width: 100 }],
      dateFormat: 'dd.mm.yyyy',
    });
  }
  return writeExcelFile(sheets).toBlob();
}
