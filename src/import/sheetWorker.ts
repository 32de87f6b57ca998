// The roll import worker: reads the file (read-excel-file's worker build, papaparse), keeps its
// rows, and plans the import against the people sent with it — all off the page's main thread,
// which only receives the sheet's description and each plan. Static imports only (the worker
// is bundled as one classic script).
import { readSheet } from 'read-excel-file/web-worker';
import {
  planRoll,
  summarisePlan,
  type ExistingPerson,
  type RollPlan,
  type RollRow,
} from '@/domain/roll';
import type { FromWorker, ToWorker } from './protocol';
import { describeSheet, readRows, RollFileError, xlsxFailure, type RollSheetInfo } from './sheet';

let rows: readonly RollRow[] = [];
let info: RollSheetInfo | null = null;
let existing: readonly ExistingPerson[] = [];
let today = '';
let plan: RollPlan | null = null;

const reply = (message: FromWorker) => postMessage(message);

async function readXlsx(buffer: ArrayBuffer): Promise<RollRow[]> {
  try {
    return (await readSheet(buffer)) as RollRow[];
  } catch (e) {
    throw xlsxFailure(e);
  }
}

addEventListener('message', async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'open') {
      existing = message.existing;
      today = message.today;
      rows = await readRows(await message.file.arrayBuffer(), readXlsx);
      info = describeSheet(rows);
      reply({ type: 'opened', info });
    } else if (message.type === 'plan' && info) {
      const { id, mapping, defaultKind } = message;
      plan = planRoll(rows, info.header.dataStart, mapping, defaultKind, existing, today);
      reply({ type: 'planned', id, summary: summarisePlan(plan) });
    } else if (message.type === 'full' && plan) {
      reply({ type: 'full', id: message.id, plan });
    }
  } catch (e) {
    if (!(e instanceof RollFileError)) console.error(e);
    reply({ type: 'failed', reason: e instanceof RollFileError ? e.reason : 'unreadable' });
  }
});
