// The only importer of `docx`: turns a document's content model (domain/documents) into a
// .docx file in the Russian official format — Times New Roman 14 pt (12 pt in tables), A4 with
// margins 30 / 15 / 20 / 20 mm, first-line indent 1.25 cm. Loaded on demand (./index.ts), so
// the library never reaches the first visit; works offline (nothing is fetched).
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import {
  signatureText,
  type Align,
  type DocumentBlock,
  type DocumentModel,
  type TableBlock,
} from '@/domain/documents/model';

const FONT = 'Times New Roman';
/** Half-points: 14 pt for text, 12 pt in tables. */
const BODY_SIZE = 28;
const TABLE_SIZE = 24;
const PAGE = { width: 11906, height: 16838 };
/** Millimetres to twips, rounded (docx's own helper floors 30 mm to 1700). */
const mm = (value: number) => Math.round((value * 1440) / 25.4);
const MARGIN = { left: mm(30), right: mm(15), top: mm(20), bottom: mm(20) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const INDENT = mm(12.5);
const SPACE_BEFORE = 240;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

function table(block: TableBlock): Table {
  const widths = block.columns.map((c) => Math.round((TEXT_WIDTH * c.width) / 100));
  const cell = (text: string, index: number, bold = false) =>
    new TableCell({
      width: { size: widths[index]!, type: WidthType.DXA },
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: [new TextRun({ text: line, bold, size: TABLE_SIZE, font: FONT })],
          }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: block.columns.map((c, i) => cell(c.title, i, true)),
      }),
      ...block.rows.map((row) => new TableRow({ children: row.map((text, i) => cell(text, i)) })),
    ],
  });
}

function blockToDocx(block: DocumentBlock): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'paragraph':
      return [
        new Paragraph({
          alignment: ALIGN[block.align ?? 'left'],
          indent: block.indent ? { firstLine: INDENT } : undefined,
          spacing: { before: block.spaced ? SPACE_BEFORE : 0 },
          children: [new TextRun({ text: block.text, bold: block.bold })],
        }),
      ];
    case 'splitLine':
      return [
        new Paragraph({
          spacing: { before: SPACE_BEFORE },
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
          children: [new TextRun({ text: block.left }), new TextRun({ text: `\t${block.right}` })],
        }),
      ];
    case 'table':
      // A table is followed by an empty paragraph, so text never sticks to its border.
      return [table(block), new Paragraph({ children: [] })];
    case 'signature':
      return [
        new Paragraph({
          spacing: { before: SPACE_BEFORE * 2 },
          children: [new TextRun({ text: signatureText(block) })],
        }),
      ];
  }
}

export function toDocxDocument(model: DocumentModel): Document {
  return new Document({
    creator: 'Наставничество — целевая модель',
    styles: {
      default: { document: { run: { font: FONT, size: BODY_SIZE } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: MARGIN,
          },
        },
        children: model.blocks.flatMap(blockToDocx),
      },
    ],
  });
}

/** The document as a .docx file. */
export function toDocxBlob(model: DocumentModel): Promise<Blob> {
  return Packer.toBlob(toDocxDocument(model));
}
