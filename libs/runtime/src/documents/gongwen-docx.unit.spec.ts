import JSZip from 'jszip';
import { gongwenDocx, type GongwenDocument } from './gongwen-docx';

const draft: GongwenDocument = {
  title: '关于2026年届中分析工作情况的报告',
  subtitle: '（草稿）',
  addressee: '【请填写：主送机关】：',
  blocks: [
    { kind: 'paragraph', text: '现将有关情况汇报如下。' },
    { kind: 'heading', text: '一、届中分析工作开展情况' },
    { kind: 'subheading', text: '（一）提前摸底谋划。' },
    { kind: 'paragraph', text: '召开党员群众代表会议3场次，谈心谈话42人次。' },
    { kind: 'table', header: ['指标', '本届'], rows: [['谈心谈话（人次）', '42']] },
    { kind: 'paragraph', text: 'A\u0000B & <c>' },
  ],
  signature: { unit: '中共某镇委员会', date: '2026年12月6日' },
};

async function parts(doc: GongwenDocument) {
  const zip = await JSZip.loadAsync(await gongwenDocx(doc));
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map(read));
  return { document: await read('word/document.xml'), settings: await read('word/settings.xml'), styles: await read('word/styles.xml'), footers };
}

/** The paragraph (<w:p>…</w:p>) holding a text. */
const paragraphWith = (xml: string, text: string) => xml.split('<w:p>').find((p) => p.includes(text)) ?? '';

describe('公文 layout (GB/T 9704-2012) of a report draft', () => {
  it('A4 with margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (in twips), 22 lines of 28.95 pt', async () => {
    const { document } = await parts(draft);
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(document).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848"\/>/);
    expect(paragraphWith(document, '谈心谈话42人次')).toContain('<w:spacing w:line="579" w:lineRule="exact"/>');
  });

  it('title 方正小标宋简体 二号 centred; body 仿宋_GB2312 三号 indented two characters; 一、 in 黑体, （一） in 楷体_GB2312', async () => {
    const { document } = await parts(draft);
    const title = paragraphWith(document, '关于2026年届中分析工作情况的报告');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    const body = paragraphWith(document, '召开党员群众代表会议3场次');
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toMatch(/<w:ind w:firstLine="640" w:firstLineChars="200"\/>/);
    expect(paragraphWith(document, '一、届中分析工作开展情况')).toContain('w:eastAsia="黑体"');
    expect(paragraphWith(document, '（一）提前摸底谋划。')).toContain('w:eastAsia="楷体_GB2312"');
  });

  it('page numbers “— n —” in 宋体 四号: odd pages right, even pages left, even/odd footers on', async () => {
    const { footers, settings, document } = await parts(draft);
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(document).toMatch(/<w:footerReference w:type="default"/);
    expect(document).toMatch(/<w:footerReference w:type="even"/);
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toContain('— ');
      expect(f).toContain(' —');
      expect(f).toMatch(/PAGE/);
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => /<w:jc w:val="(right|left)"\/>/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
  });

  it('signature and date right-aligned four characters in; the text, the table and the placeholders are there', async () => {
    const { document } = await parts(draft);
    for (const t of ['中共某镇委员会', '2026年12月6日']) {
      const p = paragraphWith(document, t);
      expect(p).toContain('<w:jc w:val="right"/>');
      expect(p).toContain('w:right="1280"');
    }
    expect(document).toContain('<w:tbl>');
    expect(document).toContain('谈心谈话（人次）');
    expect(paragraphWith(document, '【请填写：主送机关】')).toContain('<w:highlight w:val="yellow"/>');
    // XML 1.0 forbids NUL: dropped, and markup escaped, or Word refuses the file.
    expect(document).toContain('AB &amp; &lt;c&gt;');
  });

  it('weights a table’s columns across the 156 mm text width (a description column wide), equal without weights', async () => {
    const weighted = await parts({ ...draft, blocks: [{ kind: 'table', header: ['序号', '问题描述'], rows: [['1', '账目不清']], weights: [1, 3] }] });
    // 156 mm = 8844 twips: 1 : 3 → 2211 and 6633.
    expect(weighted.document).toMatch(/<w:tblGrid><w:gridCol w:w="2211"\/><w:gridCol w:w="6633"\/><\/w:tblGrid>/);
    expect(weighted.document).toContain('<w:tcW w:type="dxa" w:w="6633"/>');
    const equal = await parts(draft);
    expect(equal.document).not.toContain('w:w="6633"');
  });
});
