// The pull applied in a Web Worker: the real applyPullPage on the worker's own connection to
// the bench's database. The main thread only hands over each page's JSON text (a string is
// copied, not walked row by row), so IndexedDB's per-row cost (a structured clone per put)
// and the garbage it leaves are off the UI's thread. Measured by bench/pull-throughput.mjs
// beside the main-thread pull, as the evidence for moving the app's pull into a worker.
import { AppDatabase } from '@/data/db';
import { applyPullPage } from '@/data/syncStore';
import type { PullResponse } from '@/domain/syncProtocol';

export type PullWorkerRequest =
  { type: 'open'; name: string } | { type: 'page'; text: string } | { type: 'close' };
export type PullWorkerReply = { ok: true; applied: number } | { ok: false; message: string };

const scope = self as unknown as {
  postMessage(reply: PullWorkerReply): void;
  onmessage: ((event: MessageEvent<PullWorkerRequest>) => void) | null;
};
let db: AppDatabase | null = null;

async function handle(request: PullWorkerRequest): Promise<number> {
  if (request.type === 'open') {
    db = new AppDatabase(request.name);
    await db.open();
    return 0;
  }
  if (request.type === 'close') {
    db?.close();
    db = null;
    return 0;
  }
  if (!db) throw new Error('open first');
  return applyPullPage(db, JSON.parse(request.text) as PullResponse);
}

scope.onmessage = (event) => {
  handle(event.data).then(
    (applied) => scope.postMessage({ ok: true, applied }),
    (error: unknown) => scope.postMessage({ ok: false, message: String(error) }),
  );
};
