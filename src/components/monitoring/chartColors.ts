// The two series of every monitoring chart, the same in each (legend and tables name them).
// Both keep 3:1 contrast against the white card, and differ in lightness, not hue alone.
export const ENTRY_COLOR = '#b36200';
export const EXIT_COLOR = '#1f5f8b';
