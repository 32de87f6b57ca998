// The gateway to the spreadsheet readers: the only importer of read-excel-file and papaparse.
// This module is imported dynamically by the roll import page, so neither library is part of
// a first visit. In a browser the file is read and every plan made in a worker (the page stays
// responsive with a 2,000-row roll); where there are no workers, in line.
import type {
  ExistingPerson,
  RollDefaultKind,
  RollMapping,
  RollPlan,
  RollPlanSummary,
  RollRow,
} from '@/domain/roll';
import type { FromWorker, ToWorker } from './protocol';
import { RollFileError } from './errors';
import type { RollSheetInfo } from './sheet';

export { RollFileError, type RollFileFailure } from './errors';
export type { RollColumn, RollSheetInfo } from './sheet';

/** An opened roll file: what it holds, and plans of it for a mapping. */
export interface RollFile {
  info: RollSheetInfo;
  /** Plans the import for a mapping; what the preview shows of it. */
  plan(mapping: RollMapping, defaultKind: RollDefaultKind): Promise<RollPlanSummary>;
  /** The whole of the last plan, for the import. */
  fullPlan(): Promise<RollPlan>;
  close(): void;
}

/** Reads a file in line (Node, tests): the universal build of read-excel-file. */
export async function readRollFile(file: Blob): Promise<RollRow[]> {
  const [{ readRows, xlsxFailure }, { readSheet }] = await Promise.all([
    import('./sheet'),
    import('read-excel-file/universal'),
  ]);
  return readRows(await file.arrayBuffer(), async (buffer) => {
    try {
      return (await readSheet(buffer)) as RollRow[];
    } catch (e) {
      throw xlsxFailure(e);
    }
  });
}

async function openInLine(
  file: Blob,
  existing: readonly ExistingPerson[],
  today: string,
): Promise<RollFile> {
  const [rows, { describeSheet }, { planRoll, summarisePlan }] = await Promise.all([
    readRollFile(file),
    import('./sheet'),
    import('@/domain/roll'),
  ]);
  const info = describeSheet(rows);
  let last: RollPlan | null = null;
  return {
    info,
    plan: async (mapping, defaultKind) => {
      last = planRoll(rows, info.header.dataStart, mapping, defaultKind, existing, today);
      return summarisePlan(last);
    },
    fullPlan: async () => {
      if (!last) throw new Error('no plan yet');
      return last;
    },
    close: () => undefined,
  };
}

function openInWorker(
  file: Blob,
  existing: readonly ExistingPerson[],
  today: string,
): Promise<RollFile> {
  const worker = new Worker(new URL('./sheetWorker.ts', import.meta.url), { name: 'roll-import' });
  const waiting = new Map<number, (answer: RollPlanSummary & RollPlan) => void>();
  let nextId = 0;
  return new Promise((resolve, reject) => {
    const fail = (reason: RollFileError['reason']) => {
      worker.terminate();
      reject(new RollFileError(reason));
    };
    worker.addEventListener('error', () => fail('unreadable'));
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'failed') fail(message.reason);
      else if (message.type === 'planned' || message.type === 'full') {
        const answer = message.type === 'planned' ? message.summary : message.plan;
        waiting.get(message.id)?.(answer as RollPlanSummary & RollPlan);
        waiting.delete(message.id);
      } else {
        type Question =
          { type: 'plan'; mapping: RollMapping; defaultKind: RollDefaultKind } | { type: 'full' };
        const ask = (question: Question) =>
          new Promise<RollPlanSummary & RollPlan>((done) => {
            const id = ++nextId;
            waiting.set(id, done);
            const request: ToWorker = { ...question, id };
            worker.postMessage(request);
          });
        resolve({
          info: message.info,
          plan: (mapping, defaultKind) => ask({ type: 'plan', mapping, defaultKind }),
          fullPlan: () => ask({ type: 'full' }),
          close: () => worker.terminate(),
        });
      }
    });
    // The people go as plain data (a reactive proxy cannot be cloned).
    const request: ToWorker = { type: 'open', file, existing: [...existing], today };
    worker.postMessage(request);
  });
}

/** Opens the school's roll file against the people already there. */
export function openRollFile(
  file: Blob,
  existing: readonly ExistingPerson[],
  today: string,
): Promise<RollFile> {
  return typeof Worker === 'function'
    ? openInWorker(file, existing, today)
    : openInLine(file, existing, today);
}
