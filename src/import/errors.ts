// Why a roll file could not be read (no library here: the page's side of the gateway needs it
// without loading the readers).

/** Shown as `roll.fileErrors.<reason>`. */
export type RollFileFailure = 'xls' | 'unsupported' | 'empty' | 'unreadable' | 'noHeader';

export class RollFileError extends Error {
  constructor(readonly reason: RollFileFailure) {
    super(`roll file: ${reason}`);
    this.name = 'RollFileError';
  }
}
