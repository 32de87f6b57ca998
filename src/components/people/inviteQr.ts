// Draws a QR code as one SVG path. uqr (dependency-free, ~8 kB gzip) is imported lazily, so
// it loads only when a curator has just issued a code, never on a first visit.

/** Modules of quiet zone around the code that scanners need (the QR standard asks for 4). */
export const QUIET_ZONE = 4;

export interface QrDrawing {
  /** Width and height in modules, quiet zone included. */
  size: number;
  /** `d` of a path filling every dark module. */
  path: string;
}

/** One `M x y h w v 1 h -w z` per horizontal run of dark modules: a short path, crisp edges. */
export function qrPath(modules: readonly (readonly boolean[])[]): QrDrawing {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      const width = x - start;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${width}v1h-${width}z`);
    }
  });
  return { size: modules.length + 2 * QUIET_ZONE, path: parts.join('') };
}

/** Encodes text (the join URL) with medium error correction, as a phone camera reads best. */
export async function drawQr(text: string): Promise<QrDrawing> {
  const { encode } = await import('uqr');
  return qrPath(encode(text, { ecc: 'M', border: 0 }).data);
}
