// Types only at the top: the docx package (large) loads on the first Word file, not when a service
// that never writes one starts. The build's closure still sees require("docx") and packages it.
import type { IParagraphOptions, Paragraph as DocxParagraph, Table as DocxTable, TextRun as DocxTextRun, Footer as DocxFooter } from 'docx';
import { stripForbiddenCharacters } from '@lw/domain';

/**
 * A 公文 as plain data: what a service drafts (a campaign report, a feedback letter) and this file
 * lays out. Structurally the vetting domain's ReportDraft, so libs need not import an app.
 */
export interface GongwenDocument {
  title: string;
  /** A line under the title (发文字号 or “（草稿）”), centred in body type. */
  subtitle?: string;
  /** 主送机关, flush left under the title. */
  addressee?: string;
  blocks: readonly GongwenBlock[];
  signature: { unit: string; date: string };
}

export type GongwenBlock =
  | { kind: 'heading' | 'subheading' | 'paragraph'; text: string }
  /** `weights`: each column's share of the text width (a long description column wide); equal when absent. */
  | { kind: 'table'; header: readonly string[]; rows: readonly (readonly string[])[]; weights?: readonly number[] };

/** Millimetres → twips (1/1440 inch). */
const mm = (x: number) => Math.round((x / 25.4) * 1440);

/** GB/T 9704-2012 §5.2 (A4) and §5.2.1 (版心 156 × 225 mm: top 37, bottom 35, left 28, right 26). */
export const GONGWEN_PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const;

/** 22 lines a page: 225 mm ÷ 22 ≈ 28.95 pt, as an exact line height in twips. */
export const GONGWEN_LINE = 579;

const FONTS = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', subheading: '楷体_GB2312', pageNumber: '宋体' } as const;
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28 } as const;
/** One character of 三号 type in twips: indents are counted in characters. */
const CHAR = 320;
/** 28 characters a line: the character pitch the grid adds to 16 pt, in 1/4096 pt (w:charSpace). */
const CHAR_SPACE = Math.round((mm(156) / 28 / 20 - 16) * 4096);

const clean = (s: string) => stripForbiddenCharacters(s);

type Docx = typeof import('docx');

/** Text runs, with each 【请填写：…】 highlighted so the author sees what is left to write. */
function runs(d: Docx, text: string, font: string, size: number, bold = false): DocxTextRun[] {
  return clean(text)
    .split(/(【请填写：[^】]*】)/u)
    .filter((part) => part.length > 0)
    .map((part) => new d.TextRun({ text: part, font, size, bold, highlight: part.startsWith('【请填写：') ? 'yellow' : undefined }));
}

const exact = { line: GONGWEN_LINE, lineRule: 'exact' } as const;

function para(d: Docx, text: string, font: string, opts: Omit<IParagraphOptions, 'children'> = {}, size: number = SIZE.sanhao): DocxParagraph {
  return new d.Paragraph({ spacing: exact, ...opts, children: runs(d, text, font, size) });
}

/** Body, 一、 and （一） levels all start two characters in (GB/T 9704 §7.3.3). */
const indented = { indent: { firstLine: 2 * CHAR, firstLineChars: 200 } };

function table(d: Docx, b: Extract<GongwenBlock, { kind: 'table' }>): DocxTable {
  // Column widths in twips across the 156 mm 版心, from the weights when given.
  const text = mm(156);
  const total = b.weights?.reduce((a, w) => a + w, 0) ?? 0;
  const widths = b.weights && total > 0 ? b.weights.map((w) => Math.round((w / total) * text)) : undefined;
  const cell = (t: string, bold: boolean, i: number) =>
    new d.TableCell({
      ...(widths ? { width: { size: widths[i] ?? 0, type: d.WidthType.DXA } } : {}),
      children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: runs(d, t, FONTS.body, SIZE.sihao, bold) })],
    });
  return new d.Table({
    width: { size: 100, type: d.WidthType.PERCENTAGE },
    ...(widths ? { columnWidths: widths } : {}),
    rows: [
      new d.TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, true, i)) }),
      ...b.rows.map((r) => new d.TableRow({ children: r.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

function block(d: Docx, b: GongwenBlock): (DocxParagraph | DocxTable)[] {
  switch (b.kind) {
    case 'heading':
      return [para(d, b.text, FONTS.heading, indented)];
    case 'subheading':
      return [para(d, b.text, FONTS.subheading, indented)];
    case 'paragraph':
      return [para(d, b.text, FONTS.body, indented)];
    case 'table':
      return [table(d, b), para(d, '', FONTS.body)];
  }
}

/**
 * Page number “— 1 —” in 宋体 四号: odd pages right, even pages left, one character in
 * (GB/T 9704 §7.5), with the even/odd footers switched on in the settings.
 */
function pageNumber(d: Docx, alignment: 'right' | 'left'): DocxFooter {
  const dash = (t: string) => new d.TextRun({ text: t, font: FONTS.pageNumber, size: SIZE.sihao });
  return new d.Footer({
    children: [
      new d.Paragraph({
        alignment: alignment === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
        indent: alignment === 'right' ? { right: 280 } : { left: 280 },
        children: [dash('— '), new d.TextRun({ children: [d.PageNumber.CURRENT], font: FONTS.pageNumber, size: SIZE.sihao }), dash(' —')],
      }),
    ],
  });
}

/**
 * A .docx in 公文 layout (GB/T 9704-2012): A4, the standard margins, 22 lines of 28 characters,
 * title in 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号, 一、 headings in 黑体, （一） in
 * 楷体_GB2312, page numbers in the footer, the signing unit and date right-aligned four characters
 * in (§7.3.5.1 simplified: the unit is right-aligned too rather than centred over the date).
 */
export async function gongwenDocx(draft: GongwenDocument): Promise<Buffer> {
  const d: Docx = await import('docx');
  const p = (text: string, font: string, opts: Omit<IParagraphOptions, 'children'> = {}, size?: number) => para(d, text, font, opts, size);
  const head = [p(draft.title, FONTS.title, { alignment: d.AlignmentType.CENTER }, SIZE.erhao)];
  if (draft.subtitle) head.push(p(draft.subtitle, FONTS.body, { alignment: d.AlignmentType.CENTER }));
  head.push(p('', FONTS.body));
  if (draft.addressee) head.push(p(draft.addressee, FONTS.body));
  const signed = { alignment: d.AlignmentType.RIGHT, indent: { right: 4 * CHAR } };
  const tail = [p('', FONTS.body), p('', FONTS.body), p(draft.signature.unit, FONTS.body, signed), p(draft.signature.date, FONTS.body, signed)];
  const doc = new d.Document({
    title: clean(draft.title),
    creator: clean(draft.signature.unit),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.sanhao } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: GONGWEN_PAGE.width, height: GONGWEN_PAGE.height },
            // Footer distance: the number's top edge about 7 mm under the 版心 (35 mm − 7 mm − its own height).
            margin: { ...GONGWEN_PAGE.margin, header: mm(15), footer: mm(23) },
          },
          grid: { type: d.DocumentGridType.LINES_AND_CHARS, linePitch: GONGWEN_LINE, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumber(d, 'right'), even: pageNumber(d, 'left') },
        children: [...head, ...draft.blocks.flatMap((b) => block(d, b)), ...tail],
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}
