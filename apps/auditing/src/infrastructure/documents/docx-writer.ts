import JSZip from 'jszip';
import { stripForbiddenCharacters } from '@lw/domain';

/**
 * A small WordprocessingML writer: headings, paragraphs and tables, enough for an audit report that
 * Word, WPS and LibreOffice open. Built on JSZip (already in the tree under exceljs) rather than a
 * Word library, because the report needs nothing more.
 */
export type DocBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] };

/** XML text: markup escaped, and characters XML 1.0 forbids (NUL and other controls) dropped, or Word refuses the file. */
const esc = (s: string) => stripForbiddenCharacters(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const FONT = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="宋体"/>';

function run(text: string, opts: { bold?: boolean; size?: number } = {}): string {
  const props = `${FONT}${opts.bold ? '<w:b/>' : ''}${opts.size ? `<w:sz w:val="${opts.size}"/>` : ''}`;
  return `<w:r><w:rPr>${props}</w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function para(text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}): string {
  return `<w:p>${opts.center ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : ''}${run(text, opts)}</w:p>`;
}

function table(b: Extract<DocBlock, { kind: 'table' }>): string {
  const border = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('');
  const cell = (t: string, i: number, bold: boolean) =>
    `<w:tc><w:tcPr>${b.widths ? `<w:tcW w:w="${b.widths[i] ?? 1200}" w:type="dxa"/>` : ''}</w:tcPr>${para(t, { bold, size: 21 })}</w:tc>`;
  const row = (cells: string[], bold = false) => `<w:tr>${cells.map((c, i) => cell(c, i, bold)).join('')}</w:tr>`;
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>${border}</w:tblBorders></w:tblPr>${row(b.header, true)}${b.rows.map((r) => row(r)).join('')}</w:tbl>${para('')}`;
}

function body(blocks: DocBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return para(b.text, { bold: true, size: 36, center: true });
        case 'heading':
          return para(b.text, { bold: true, size: 28 });
        case 'paragraph':
          return para(b.text, { size: 24 });
        case 'table':
          return table(b);
      }
    })
    .join('');
}

export async function writeDocx(blocks: DocBlock[], meta: { title: string; creator: string }): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
  );
  zip.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${esc(meta.title)}</dc:title><dc:creator>${esc(meta.creator)}</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${new Date().toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`,
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `<w:body>${body(blocks)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
