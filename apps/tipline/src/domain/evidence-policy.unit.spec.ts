import { createHash } from 'crypto';
import { DomainValidationError } from '@lw/domain';
import {
  DOCX_TYPE,
  EVIDENCE_POLICY,
  XLSX_TYPE,
  evidenceFileName,
  inspectEvidence,
  sniffMediaType,
  type EvidenceUpload,
} from './evidence-policy';

const MiB = 1024 * 1024;

/** Magic bytes followed by filler, as a real file of that type would start. */
function file(head: number[] | string, size = 64): Uint8Array {
  const start = typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head);
  const out = Buffer.alloc(Math.max(size, start.length), 0x41);
  start.copy(out);
  return out;
}

const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The DOS header of every Windows executable. */
const EXE = [0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff];

/** A stored (uncompressed) zip holding empty entries of these names: local headers, central directory, end record. */
function zipOf(names: string[]): Uint8Array {
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  const local: number[] = [];
  const central: number[] = [];
  for (const name of names) {
    const n = [...Buffer.from(name, 'latin1')];
    const offset = local.length;
    local.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0), ...u16(n.length), ...u16(0), ...n);
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0));
    central.push(...u16(n.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...n);
  }
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(names.length), ...u16(names.length), ...u32(central.length), ...u32(local.length), ...u16(0)];
  return Uint8Array.from([...local, ...central, ...end]);
}

const DOCX_PARTS = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'];
const XLSX_PARTS = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml'];

function ftyp(brand: string): Uint8Array {
  return file([0, 0, 0, 0x20, ...Buffer.from(`ftyp${brand}`, 'latin1')]);
}

function riff(form: string): Uint8Array {
  return file([...Buffer.from('RIFF', 'latin1'), 0x24, 0, 0, 0, ...Buffer.from(form, 'latin1')]);
}

function rejection(files: EvidenceUpload[]): DomainValidationError {
  try {
    inspectEvidence(files);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainValidationError);
    return err as DomainValidationError;
  }
  throw new Error('expected a rejection');
}

describe('sniffMediaType', () => {
  it.each<[string, Uint8Array, string]>([
    ['JPEG', file(JPEG), 'image/jpeg'],
    ['PNG', file(PNG), 'image/png'],
    ['GIF87a', file('GIF87a'), 'image/gif'],
    ['GIF89a', file('GIF89a'), 'image/gif'],
    ['WebP', riff('WEBPVP8 '), 'image/webp'],
    ['WAV', riff('WAVEfmt '), 'audio/wav'],
    ['PDF', file('%PDF-1.7\n'), 'application/pdf'],
    ['MP3 with ID3 tag', file('ID3\x04\x00'), 'audio/mpeg'],
    ['MP3 frame without tag (MPEG-1 layer III, 128 kbit/s, 44.1 kHz)', file([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['M4A', ftyp('M4A '), 'audio/mp4'],
    ['MP4 isom', ftyp('isom'), 'video/mp4'],
    ['MP4 mp42', ftyp('mp42'), 'video/mp4'],
    ['QuickTime', ftyp('qt  '), 'video/quicktime'],
    ['HEIC', ftyp('heic'), 'image/heic'],
    ['plain UTF-8 text', Buffer.from('村委会账目\r\n2024年\t补贴'), 'text/plain'],
  ])('recognises %s', (_name, bytes, type) => {
    expect(sniffMediaType(bytes, 'whatever.bin')).toBe(type);
  });

  it('recognises the type from the bytes whatever the name says', () => {
    expect(sniffMediaType(file(PNG), 'photo.jpg')).toBe('image/png');
    expect(sniffMediaType(file('%PDF-1.4'), 'notes.txt')).toBe('application/pdf');
  });

  it('takes a zip for Word or Excel only when its directory holds that format’s parts, whatever the name', () => {
    expect(sniffMediaType(zipOf(DOCX_PARTS), '账目.docx')).toBe(DOCX_TYPE);
    expect(sniffMediaType(zipOf(DOCX_PARTS), '账目.zip')).toBe(DOCX_TYPE);
    expect(sniffMediaType(zipOf(XLSX_PARTS), '账目.XLSX')).toBe(XLSX_TYPE);
    // Any zip named .docx used to pass as Word (issue 14, M6).
    expect(sniffMediaType(zipOf(['payload.exe', 'readme.txt']), '账目.docx')).toBe('application/zip');
    expect(sniffMediaType(zipOf(['word/document.xml']), '账目.docx')).toBe('application/zip');
    expect(sniffMediaType(file(ZIP), '账目.docx')).toBeNull(); // a zip signature with no directory
  });

  it('does not take a .docx name for a docx without the zip container', () => {
    expect(sniffMediaType(file(EXE), 'report.docx')).toBeNull();
  });

  it('reads a damaged zip directory without reading past the bytes', () => {
    const zip = Buffer.from(zipOf(DOCX_PARTS));
    const cut = zip.subarray(0, zip.length - 30);
    expect(sniffMediaType(cut, 'a.docx')).toBeNull();
    const lying = Buffer.from(zip);
    lying.writeUInt16LE(500, lying.length - 12); // claims 500 entries
    expect(sniffMediaType(lying, 'a.docx')).toBeNull();
  });

  it('refuses text that is not UTF-8 or holds NUL bytes', () => {
    expect(sniffMediaType(Buffer.from([0xb4, 0xe5, 0xce, 0xaf]), 'gbk.txt')).toBeNull(); // 村委 in GBK
    expect(sniffMediaType(Buffer.from('abc\u0000def'), 'a.txt')).toBeNull();
  });

  it('refuses an ftyp box with an unknown brand or an impossible size', () => {
    expect(sniffMediaType(ftyp('crx '), 'a.mp4')).toBeNull();
    expect(sniffMediaType(file([0, 0, 0, 4, ...Buffer.from('ftypisom', 'latin1')]), 'a.mp4')).toBeNull();
  });

  it('refuses AAC ADTS and reserved MPEG header fields as MP3', () => {
    expect(sniffMediaType(file([0xff, 0xf1, 0x50, 0x80, 0x00]), 'a.mp3')).toBeNull(); // layer 00 = ADTS
    expect(sniffMediaType(file([0xff, 0xfb, 0xf0, 0x64]), 'a.mp3')).toBeNull(); // bitrate index 15
    expect(sniffMediaType(file([0xff, 0xfb, 0x9c, 0x64]), 'a.mp3')).toBeNull(); // sample rate 11
  });

  it('does not read past a short file', () => {
    expect(sniffMediaType(Buffer.from([0xff, 0xd8]), 'a.jpg')).toBeNull();
    expect(sniffMediaType(Buffer.from('RIFF'), 'a.wav')).toBe('text/plain');
  });
});

describe('inspectEvidence', () => {
  it('describes each file in the order given, with size and SHA-256', () => {
    const jpeg = file(JPEG, 1000);
    const text = Buffer.from('证据说明');
    const refs = inspectEvidence([
      { fileName: 'photo.jpg', bytes: jpeg, declaredType: 'image/jpeg' },
      { fileName: '说明.txt', bytes: text },
    ]);
    expect(refs).toEqual([
      { fileName: 'photo.jpg', mediaType: 'image/jpeg', size: 1000, sha256: createHash('sha256').update(jpeg).digest('hex') },
      { fileName: '说明.txt', mediaType: 'text/plain', size: text.length, sha256: createHash('sha256').update(text).digest('hex') },
    ]);
  });

  it('accepts no files at all', () => {
    expect(inspectEvidence([])).toEqual([]);
  });

  it('ignores the declared type: the bytes decide', () => {
    const [ref] = inspectEvidence([{ fileName: 'scan.jpg', bytes: file('%PDF-1.5'), declaredType: 'image/jpeg' }]);
    expect(ref.mediaType).toBe('application/pdf');
  });

  it('refuses a Windows executable renamed to .jpg, even when the client calls it image/jpeg', () => {
    const err = rejection([{ fileName: '现场照片.jpg', bytes: file(EXE), declaredType: 'image/jpeg' }]);
    expect(err.code).toBe('tip.evidence_type_not_allowed');
    expect(err.messageZh).toBe('文件“现场照片.jpg”的类型不允许上传，只接受图片、PDF、音视频、Word/Excel 文档和文本');
  });

  it('refuses an executable named .exe with the message of the brief', () => {
    expect(rejection([{ fileName: 'x.exe', bytes: file(EXE) }]).messageZh).toBe(
      '文件“x.exe”的类型不允许上传，只接受图片、PDF、音视频、Word/Excel 文档和文本',
    );
  });

  it.each([
    ['HTML', '<!DOCTYPE html><html><body><script>fetch("/tipline/tips")</script></body></html>', 'page.txt'],
    ['HTML without a doctype, after blank lines', '\n\n  <html><body onload="x()">举报材料</body></html>', '说明.txt'],
    ['SVG', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'photo.svg'],
    ['SVG without the XML declaration', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'a.txt'],
    ['a script tag inside prose', '村委会账目有问题 <script src=//x.y/z.js></script>', '说明.txt'],
    ['a UTF-8 BOM then HTML', '\ufeff<html></html>', 'a.txt'],
  ])('refuses %s as active content with a 422 Chinese message', (_what, text, name) => {
    const err = rejection([{ fileName: name, bytes: Buffer.from(text, 'utf8'), declaredType: 'text/plain' }]);
    expect(err.code).toBe('tip.evidence_active_content');
    expect(err.messageZh).toBe(`文件“${name}”含有网页、SVG 或脚本等标记内容，可能危害查看者的电脑，不允许上传；请转换为图片或不含脚本的文档后再上传`);
  });

  it('keeps plain text that merely uses angle brackets', () => {
    const text = Buffer.from('补贴金额<500元，名单见附件 <张三> 3<4', 'utf8');
    expect(inspectEvidence([{ fileName: '说明.txt', bytes: text }])[0].mediaType).toBe('text/plain');
  });

  it('refuses Office documents with macros and PDFs with scripts or launch actions', () => {
    expect(rejection([{ fileName: '账目.docx', bytes: zipOf([...DOCX_PARTS, 'word/vbaProject.bin']) }]).code).toBe('tip.evidence_active_content');
    expect(rejection([{ fileName: '账目.xlsx', bytes: zipOf([...XLSX_PARTS, 'xl/activeX/activeX1.xml']) }]).messageZh).toContain('宏代码');
    expect(rejection([{ fileName: 'a.pdf', bytes: file('%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>') }]).messageZh).toContain('脚本');
    expect(rejection([{ fileName: 'a.pdf', bytes: file('%PDF-1.7\n1 0 obj << /S /Launch /F (cmd.exe) >>') }]).code).toBe('tip.evidence_active_content');
    expect(inspectEvidence([{ fileName: '账目.docx', bytes: zipOf(DOCX_PARTS) }])[0].mediaType).toBe(DOCX_TYPE);
    expect(inspectEvidence([{ fileName: 'a.pdf', bytes: file('%PDF-1.7\n1 0 obj << /Type /Catalog /JSON 1 >>') }])[0].mediaType).toBe('application/pdf');
  });

  it('refuses a plain zip and recognised types that the policy does not list', () => {
    expect(rejection([{ fileName: 'a.zip', bytes: file(ZIP) }]).code).toBe('tip.evidence_type_not_allowed');
    expect(rejection([{ fileName: 'IMG_0001.HEIC', bytes: ftyp('heic') }]).code).toBe('tip.evidence_type_not_allowed');
  });

  it('follows a narrower policy given by the deployment', () => {
    const noVideo = { ...EVIDENCE_POLICY, types: EVIDENCE_POLICY.types.filter((t) => !t.startsWith('video/')) };
    expect(() => inspectEvidence([{ fileName: 'a.mp4', bytes: ftyp('isom') }], noVideo)).toThrow(DomainValidationError);
    expect(inspectEvidence([{ fileName: 'a.mp4', bytes: ftyp('isom') }])[0].mediaType).toBe('video/mp4');
  });

  it('refuses a file over 20 MiB and accepts one of exactly 20 MiB', () => {
    const err = rejection([{ fileName: 'x.exe', bytes: file(JPEG, 20 * MiB + 1) }]);
    expect(err.code).toBe('tip.evidence_too_large');
    expect(err.messageZh).toBe('文件“x.exe”超过 20 MB 的上限');
    expect(inspectEvidence([{ fileName: 'big.jpg', bytes: file(JPEG, 20 * MiB) }])[0].size).toBe(20 * MiB);
  });

  it('refuses more than 10 files and accepts 10', () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => ({ fileName: `${i}.png`, bytes: file(PNG) }));
    expect(inspectEvidence(files(10))).toHaveLength(10);
    const err = rejection(files(11));
    expect(err.code).toBe('tip.evidence_too_many');
    expect(err.messageZh).toContain('10');
  });

  it('refuses files that add up to more than 50 MiB, each within its own limit', () => {
    const three = [1, 2, 3].map((i) => ({ fileName: `${i}.jpg`, bytes: file(JPEG, 17 * MiB) }));
    const err = rejection(three);
    expect(err.code).toBe('tip.evidence_total_too_large');
    expect(err.messageZh).toBe('附件总大小超过 50 MB 的上限');
    const fits = [1, 2].map((i) => ({ fileName: `${i}.jpg`, bytes: file(JPEG, 20 * MiB) }));
    expect(inspectEvidence([...fits, { fileName: '3.jpg', bytes: file(JPEG, 10 * MiB) }])).toHaveLength(3);
  });

  it('refuses an empty file, naming it', () => {
    const err = rejection([{ fileName: 'ok.png', bytes: file(PNG) }, { fileName: '空.txt', bytes: new Uint8Array(0) }]);
    expect(err.code).toBe('tip.evidence_empty');
    expect(err.messageZh).toBe('文件“空.txt”是空文件');
  });

  it('keeps only the base name of a path, Windows or POSIX', () => {
    const bytes = file(PNG);
    expect(inspectEvidence([{ fileName: 'C:\\Users\\张三\\Desktop\\收据.png', bytes }])[0].fileName).toBe('收据.png');
    expect(inspectEvidence([{ fileName: '../../etc/passwd.png', bytes }])[0].fileName).toBe('passwd.png');
  });
});

describe('evidenceFileName', () => {
  it('accepts 120 characters (counted as characters, not bytes) and refuses 121', () => {
    const name = `${'证'.repeat(116)}.png`;
    expect(evidenceFileName(name)).toBe(name);
    const err = rejection([{ fileName: `证${name}`, bytes: file(PNG) }]);
    expect(err.code).toBe('tip.evidence_bad_file_name');
    expect(err.messageZh).toContain('文件名过长');
  });

  it.each([
    ['a newline', 'a\nb.png'],
    ['a NUL', 'a\u0000.png'],
    ['DEL', 'a\u007f.png'],
    ['a C1 control', 'a\u0085.png'],
    ['a right-to-left override (gpj.exe shown as exe.jpg)', 'photo\u202egpj.exe'],
  ])('refuses a name with %s', (_what, name) => {
    expect(() => evidenceFileName(name)).toThrow(DomainValidationError);
  });

  it.each(['', '   ', 'dir/', 'a/..', 'a\\.'])('refuses a name with no base name: %j', (name) => {
    expect(() => evidenceFileName(name)).toThrow(DomainValidationError);
  });

  it('trims surrounding spaces and keeps inner ones', () => {
    expect(evidenceFileName('  会议 记录.pdf ')).toBe('会议 记录.pdf');
  });

  it('checks the name before the content, so an empty file with a bad name reports the name', () => {
    expect(rejection([{ fileName: 'a\tb.txt', bytes: new Uint8Array(0) }]).code).toBe('tip.evidence_bad_file_name');
  });
});
