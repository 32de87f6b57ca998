// The content model of a school document: a flat list of blocks (headings, paragraphs, tables,
// signature lines) that both the .docx writer (src/documents/docx.ts) and the on-screen preview
// render. Pure data: no Vue, no docx. Invariant: everything a document says is in its blocks,
// so what the user checks in the preview is what the file contains.

/** A line of text; a cell or paragraph may hold several (rendered as separate lines). */
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  align?: Align;
  bold?: boolean;
  /** First-line indent of body text (1.25 cm in Russian official papers). */
  indent?: boolean;
  /** Extra space above (a new section of the document). */
  spaced?: boolean;
}

/** One line with text on the left and on the right: the order's date and number. */
export interface SplitLineBlock {
  kind: 'splitLine';
  left: string;
  right: string;
}

export interface TableColumn {
  title: string;
  /** The column's share of the table width, in percent. */
  width: number;
}

export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  /** Cells as text; a '\n' starts a new line inside the cell. */
  rows: string[][];
}

/** «Директор ______________ /И.О. Фамилия/»: who signs; an unknown name leaves a blank. */
export interface SignatureBlock {
  kind: 'signature';
  role: string;
  name: string | null;
}

export type DocumentBlock = ParagraphBlock | SplitLineBlock | TableBlock | SignatureBlock;

export const DOCUMENT_KINDS = [
  'approvalOrder',
  'developmentPlan',
  'mentorReport',
  'curatorOrder',
  'mentorsOrder',
  'analyticalReport',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentModel {
  kind: DocumentKind;
  /** The file name without extension, safe on every system. */
  fileName: string;
  blocks: DocumentBlock[];
}

/** The blank a signature or a missing name leaves for a pen. */
export const SIGNATURE_BLANK = '______________';
export const NAME_BLANK = '________________';

/** The signature line's text, the same in the file and the preview. */
export function signatureText(block: SignatureBlock): string {
  return `${block.role} ${SIGNATURE_BLANK} /${block.name ?? NAME_BLANK}/`;
}

/** Every text of the document, in reading order (tests and search use it). */
export function documentText(model: DocumentModel): string {
  return model.blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return block.text;
        case 'splitLine':
          return `${block.left} ${block.right}`;
        case 'table':
          return [block.columns.map((c) => c.title), ...block.rows]
            .map((r) => r.join(' | '))
            .join('\n');
        case 'signature':
          return signatureText(block);
      }
    })
    .join('\n');
}
