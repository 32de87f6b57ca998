// Decoding a CSV file the way schools save them: Excel's «CSV UTF-8» (with a byte-order mark),
// plain UTF-8, or the Windows «CSV (разделители — точки с запятой)» in Windows-1251.
import Papa from 'papaparse';
import type { RollRow } from '@/domain/roll';

/** Text of the bytes: UTF-8 (BOM dropped) when they are valid UTF-8, else Windows-1251. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  const withoutBom =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(withoutBom);
  } catch {
    // Not UTF-8: a Russian Windows export, whose letters are single bytes above 0x7F.
    return new TextDecoder('windows-1251').decode(withoutBom);
  }
}

/** The delimiter of the first non-blank lines: the one splitting them most evenly. */
export function guessDelimiter(text: string): ';' | ',' | '\t' {
  const lines = text
    .split(/\r?\n/, 40)
    .filter((line) => line.trim() !== '')
    .slice(0, 20);
  let best: ';' | ',' | '\t' = ';';
  let bestScore = 0;
  for (const delimiter of [';', '\t', ','] as const) {
    const counts = lines.map((line) => line.split(delimiter).length - 1);
    const most = Math.max(...counts);
    const score = counts.filter((count) => count > 0 && count === most).length;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** The rows of a CSV text (papaparse handles the quoting; every cell stays text). */
export function parseCsvText(text: string): RollRow[] {
  const result = Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
  });
  // A file ending with a newline gives one empty last row: not part of the sheet.
  const rows = result.data;
  if (rows.length > 0 && rows.at(-1)!.every((cell) => cell === '')) rows.pop();
  return rows.map((row) => row.map((cell) => (cell.trim() === '' ? null : cell)));
}
