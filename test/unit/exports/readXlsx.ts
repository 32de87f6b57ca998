// Reads an .xlsx back the way a spreadsheet would: unzip it (fflate), take the shared strings,
// and turn each sheet's cells into text, numbers and dates (a number under a date format).
import { strFromU8, unzipSync } from 'fflate';
import type { PlainCell } from '@/exports/sheetText';

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const column = (letters: string) =>
  [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** Excel's serial day number as an ISO date (1900 date system, as the writer uses). */
const serialToIso = (serial: number) =>
  new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);

export interface ReadWorkbook {
  files: Record<string, string>;
  sheetNames: string[];
  sharedStrings: string[];
  /** Each sheet's rows, cells as text, number, { date } or null. */
  sheets: PlainCell[][][];
}

export async function readXlsx(blob: Blob): Promise<ReadWorkbook> {
  const zipped = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  const files = Object.fromEntries(Object.entries(zipped).map(([k, v]) => [k, strFromU8(v)]));
  const sharedStrings = [
    ...(files['xl/sharedStrings.xml'] ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g),
  ].map((m) => decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const styles = files['xl/styles.xml'] ?? '';
  const dateFormats = new Set(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)]
      .filter((m) => /d/.test(m[2]!) && /y/.test(m[2]!))
      .map((m) => m[1]),
  );
  const xfs = [
    ...(styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1] ?? '').matchAll(/<xf\b([^>]*)>/g),
  ];
  const isDateStyle = (s: number) => {
    const id = xfs[s]?.[1]?.match(/numFmtId="(\d+)"/)?.[1];
    return id !== undefined && dateFormats.has(id);
  };
  const sheetNames = [
    ...(files['xl/workbook.xml'] ?? '').matchAll(/<sheet [^>]*name="([^"]*)"/g),
  ].map((m) => decode(m[1]!));
  const sheets = sheetNames.map((_, index) => {
    const xml = files[`xl/worksheets/sheet${index + 1}.xml`] ?? '';
    const rows: PlainCell[][] = [];
    for (const row of xml.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
      const cells: PlainCell[] = [];
      for (const c of row[2]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = c[2]!;
        const raw = c[3]?.match(/<v>([\s\S]*?)<\/v>/)?.[1];
        const at = column(c[1]!);
        while (cells.length < at) cells.push(null);
        if (raw === undefined) cells.push(null);
        else if (/t="s"/.test(attrs)) cells.push(sharedStrings[Number(raw)] ?? null);
        else if (/t="(str|inlineStr)"/.test(attrs)) cells.push(decode(raw));
        else {
          const style = Number(attrs.match(/s="(\d+)"/)?.[1] ?? 0);
          cells.push(isDateStyle(style) ? { date: serialToIso(Number(raw)) } : Number(raw));
        }
      }
      rows[Number(row[1]) - 1] = cells;
    }
    return rows;
  });
  return { files, sheetNames, sharedStrings, sheets };
}

/** Rows padded with nulls to `width` (a writer leaves trailing empty cells out). */
export const padded = (rows: PlainCell[][], width: number) =>
  rows.map((row) => [...row, ...Array<PlainCell>(Math.max(0, width - row.length)).fill(null)]);
