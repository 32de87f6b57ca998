export type Messages = { [key: string]: string | Messages };

/** Merges per-feature message files, keyed by their file name, into one message tree. */
export function mergeFeatureFiles(files: Record<string, { default: Messages }>): Messages {
  const out: Messages = {};
  for (const [path, module] of Object.entries(files)) {
    const feature = path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');
    out[feature] = module.default;
  }
  return out;
}
