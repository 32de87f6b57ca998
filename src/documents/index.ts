// The way into document files: the .docx writer (and the docx library) load only when a user
// asks for a file, in a chunk of their own that the service worker precaches for offline use.
import type { DocumentModel } from '@/domain/documents/model';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The document as a .docx Blob (loads the writer on first use). */
export async function documentDocx(model: DocumentModel): Promise<Blob> {
  const { toDocxBlob } = await import('./docx');
  return toDocxBlob(model);
}
