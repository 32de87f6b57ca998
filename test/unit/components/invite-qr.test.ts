import { describe, expect, it } from 'vitest';
import { drawQr, qrPath, QUIET_ZONE } from '@/components/people/inviteQr';

/** The dark modules a path fills, read back from its `M x y h w v 1 h -w z` runs. */
function filled(path: string): Set<string> {
  const cells = new Set<string>();
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(w); i++) cells.add(`${Number(x) + i},${y}`);
  }
  return cells;
}

describe('drawing a QR code', () => {
  it('fills exactly the dark modules, inside a quiet zone', () => {
    const modules = [
      [true, true, false],
      [false, true, true],
      [true, false, true],
    ];
    const drawing = qrPath(modules);
    expect(drawing.size).toBe(3 + 2 * QUIET_ZONE);
    const q = QUIET_ZONE;
    expect(filled(drawing.path)).toEqual(
      new Set([
        `${q},${q}`,
        `${q + 1},${q}`,
        `${q + 1},${q + 1}`,
        `${q + 2},${q + 1}`,
        `${q},${q + 2}`,
        `${q + 2},${q + 2}`,
      ]),
    );
  });

  it('encodes a join link as a standard QR symbol with its finder patterns', async () => {
    const drawing = await drawQr('https://nastavnik.example/join?code=ALSA-5K7M');
    const side = drawing.size - 2 * QUIET_ZONE;
    // QR symbols are 21, 25, 29, … modules wide (version 1, 2, 3, …).
    expect((side - 17) % 4).toBe(0);
    const cells = filled(drawing.path);
    // The top-left finder: a 7×7 dark ring around a 3×3 dark centre.
    const q = QUIET_ZONE;
    for (let i = 0; i < 7; i++) {
      expect(cells.has(`${q + i},${q}`)).toBe(true);
      expect(cells.has(`${q},${q + i}`)).toBe(true);
    }
    expect(cells.has(`${q + 1},${q + 1}`)).toBe(false);
    expect(cells.has(`${q + 3},${q + 3}`)).toBe(true);
  });
});
