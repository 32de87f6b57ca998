// Reading a roll file into rows and describing it (header, guessed columns, samples): the part
// of the gateway that runs where the file is parsed — in the import worker in a browser, in
// line where there are no workers (Node, the unit tests).
import {
  findHeader,
  guessDefaultKind,
  guessMapping,
  type RollDefaultKind,
  type RollHeader,
  type RollMapping,
  type RollRow,
} from '@/domain/roll';
import { decodeCsvBytes, parseCsvText } from './csv';
import { RollFileError } from './errors';

export { RollFileError, type RollFileFailure } from './errors';

export type XlsxReader = (buffer: ArrayBuffer) => Promise<RollRow[]>;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** The legacy binary .xls (OLE2 compound file). */
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** read-excel-file's failures as ours. */
export function xlsxFailure(error: unknown): RollFileError {
  const code = (error as { code?: unknown })?.code;
  if (code === 'XLS_FILE_NOT_SUPPORTED') return new RollFileError('xls');
  if (code === 'NO_DATA') return new RollFileError('empty');
  return new RollFileError('unreadable');
}

/**
 * The first sheet of an .xlsx file, or the rows of a .csv file, as arrays of cells (text,
 * numbers, Date for the sheet's date cells, null for empty cells). Told apart by their bytes,
 * not the name: a school's «.xls» that is really CSV still reads.
 */
export async function readRows(buffer: ArrayBuffer, readXlsx: XlsxReader): Promise<RollRow[]> {
  const bytes = new Uint8Array(buffer);
  if (bytes.length === 0) throw new RollFileError('empty');
  if (isOle(bytes)) throw new RollFileError('xls');
  let rows: RollRow[];
  if (isZip(bytes)) {
    rows = await readXlsx(buffer);
  } else {
    // A binary file that is no spreadsheet (a picture, a PDF): NUL bytes never occur in a CSV.
    if (bytes.subarray(0, 4096).includes(0)) throw new RollFileError('unsupported');
    rows = parseCsvText(decodeCsvBytes(bytes));
  }
  if (rows.length === 0) throw new RollFileError('empty');
  return rows;
}

export interface RollColumn {
  index: number;
  title: string;
  /** The column's first value, as text (for the mapping select). */
  example: string;
}

export interface RollSheetInfo {
  header: RollHeader;
  mapping: RollMapping;
  defaultKind: RollDefaultKind;
  columns: RollColumn[];
  rowCount: number;
}

/** The header, the guessed columns and an example of each; `noHeader` when none names people. */
export function describeSheet(rows: readonly RollRow[]): RollSheetInfo {
  const header = findHeader(rows);
  if (!header) throw new RollFileError('noHeader');
  const mapping = guessMapping(header.headers);
  const sample = rows.slice(header.dataStart, header.dataStart + 50);
  const columns = header.headers.map((title, index) => {
    const value = sample.map((row) => row[index]).find((cell) => cell != null && cell !== '');
    const example =
      value instanceof Date
        ? value.toISOString().slice(0, 10)
        : value == null
          ? ''
          : String(value).slice(0, 40);
    return { index, title, example };
  });
  return {
    header,
    mapping,
    defaultKind: guessDefaultKind(mapping),
    columns,
    rowCount: rows.length,
  };
}
