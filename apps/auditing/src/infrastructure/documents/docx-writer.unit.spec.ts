import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { writeDocx } from './docx-writer';

/** The XML problems a strict parser (as Word's) finds in a part of the package. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (e) => errors.push(e.message));
  parser.write(xml).close();
  return errors;
}

describe('writeDocx', () => {
  it('writes well-formed XML even when stored text holds control characters (a finding with \\u0001 once made the report unreadable)', async () => {
    const dirty = '挪用\u0000集体\u0001资金\u000b\u001f\ufffe\uffff\ud800 <b>&"';
    const docx = await writeDocx(
      [
        { kind: 'title', text: `报告${dirty}` },
        { kind: 'paragraph', text: dirty },
        { kind: 'table', header: ['问题描述'], rows: [[dirty]] },
      ],
      { title: dirty, creator: dirty },
    );
    const zip = await JSZip.loadAsync(docx);
    for (const part of ['word/document.xml', 'docProps/core.xml']) {
      const xml = await zip.file(part)!.async('string');
      expect(xmlErrors(xml)).toEqual([]);
    }
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toContain('挪用集体资金 &lt;b&gt;&amp;&quot;');
    expect(document).toContain('报告挪用集体资金');
  });

  it('keeps tabs and line breaks', async () => {
    const zip = await JSZip.loadAsync(await writeDocx([{ kind: 'paragraph', text: '第一行\n第二行\t完' }], { title: 't', creator: 'c' }));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('第一行\n第二行\t完');
  });
});
