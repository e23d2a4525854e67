import { createHash } from 'crypto';
import { readZipDirectory } from '@lw/domain';
import type { EvidenceRef } from './tip.events';
import { invalidTip } from './tip-errors';

const MiB = 1024 * 1024;
/** An Office document of evidence size has a few dozen parts; more is no document we take. */
const MAX_ZIP_ENTRIES = 10_000;

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What evidence one tip may carry. Data, so a deployment can narrow it; the sniffing itself is code. */
export interface EvidencePolicy {
  maxFileBytes: number;
  maxFiles: number;
  maxTotalBytes: number;
  /** Media types accepted, as recognised from the bytes by `sniffMediaType`. */
  types: readonly string[];
  /** Longest base file name kept, in characters. */
  maxFileNameLength: number;
}

export const EVIDENCE_POLICY: EvidencePolicy = {
  maxFileBytes: 20 * MiB,
  maxFiles: 10,
  maxTotalBytes: 50 * MiB,
  types: [
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/webp',
    'application/pdf',
    'audio/mpeg',
    'audio/mp4',
    'audio/wav',
    'video/mp4',
    // Phone cameras (iPhone) record .mov; without it most phone videos would be refused.
    'video/quicktime',
    DOCX_TYPE,
    XLSX_TYPE,
    'text/plain',
  ],
  maxFileNameLength: 120,
};

export interface EvidenceUpload {
  fileName: string;
  bytes: Uint8Array;
  /** The client's claim (multipart Content-Type). Ignored on purpose: the bytes decide. */
  declaredType?: string;
}

/**
 * Checks the files of one submission and describes each, in the order given (callers pair the
 * result with the input by index). Throws `DomainValidationError` naming the first offending file.
 */
export function inspectEvidence(files: readonly EvidenceUpload[], policy: EvidencePolicy = EVIDENCE_POLICY): EvidenceRef[] {
  if (files.length > policy.maxFiles) {
    throw invalidTip(
      'evidence_too_many',
      `附件最多 ${policy.maxFiles} 个，本次提交了 ${files.length} 个`,
      `${files.length} evidence files, at most ${policy.maxFiles}`,
    );
  }
  let total = 0;
  const refs = files.map((f): EvidenceRef => {
    const fileName = evidenceFileName(f.fileName, policy.maxFileNameLength);
    const size = f.bytes.byteLength;
    if (size === 0) {
      throw invalidTip('evidence_empty', `文件“${fileName}”是空文件`, `evidence file ${JSON.stringify(fileName)} is empty`);
    }
    if (size > policy.maxFileBytes) {
      throw invalidTip(
        'evidence_too_large',
        `文件“${fileName}”超过 ${megabytes(policy.maxFileBytes)} MB 的上限`,
        `evidence file ${JSON.stringify(fileName)} has ${size} bytes, at most ${policy.maxFileBytes}`,
      );
    }
    total += size;
    const mediaType = sniffMediaType(f.bytes, fileName);
    const active = mediaType ? activeContent(f.bytes, mediaType) : null;
    if (active) {
      throw invalidTip(
        'evidence_active_content',
        `文件“${fileName}”含有${ACTIVE_LABELS[active]}，可能危害查看者的电脑，不允许上传；请转换为图片或不含脚本的文档后再上传`,
        `evidence file ${JSON.stringify(fileName)} carries active content (${active})`,
      );
    }
    if (!mediaType || !policy.types.includes(mediaType)) {
      throw invalidTip(
        'evidence_type_not_allowed',
        `文件“${fileName}”的类型不允许上传，只接受图片、PDF、音视频、Word/Excel 文档和文本`,
        `evidence file ${JSON.stringify(fileName)} is ${mediaType ?? 'of an unknown type'}`,
      );
    }
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    return { fileName, mediaType, size, sha256 };
  });
  if (total > policy.maxTotalBytes) {
    throw invalidTip(
      'evidence_total_too_large',
      `附件总大小超过 ${megabytes(policy.maxTotalBytes)} MB 的上限`,
      `evidence files total ${total} bytes, at most ${policy.maxTotalBytes}`,
    );
  }
  return refs;
}

/**
 * The base name of an uploaded file. Directories are dropped (old browsers send `C:\…\photo.jpg`);
 * control characters, including the bidi overrides that make `exe.jpg` read as `gpj.exe`, are refused
 * rather than stripped, so the name shown to staff is exactly the one the reporter sent.
 */
export function evidenceFileName(raw: string, maxLength = EVIDENCE_POLICY.maxFileNameLength): string {
  const base = raw.split(/[/\\]/).pop()!.normalize('NFC').trim();
  if (!base || base === '.' || base === '..') {
    throw invalidTip('evidence_bad_file_name', '附件缺少文件名', `evidence file name ${JSON.stringify(raw)} has no base name`);
  }
  if (CONTROL.test(base)) {
    const shown = base.replace(new RegExp(CONTROL.source, 'gu'), '?');
    throw invalidTip(
      'evidence_bad_file_name',
      `文件“${shown}”的文件名含有不可见的控制字符，请重命名后再上传`,
      `evidence file name ${JSON.stringify(raw)} has control characters`,
    );
  }
  const length = [...base].length;
  if (length > maxLength) {
    throw invalidTip(
      'evidence_bad_file_name',
      `文件“${[...base].slice(0, 20).join('')}…”的文件名过长（最多 ${maxLength} 个字），请重命名后再上传`,
      `evidence file name has ${length} characters, at most ${maxLength}`,
    );
  }
  return base;
}

// C0, DEL, C1, and the Unicode format characters that reorder or hide text (LRM/RLM, embeddings,
// overrides, isolates, BOM).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/**
 * The media type the bytes show, or null. Only the content counts, never the name or the client's
 * claim: a zip is a Word or Excel document only when its directory holds that format's parts.
 */
export function sniffMediaType(bytes: Uint8Array, _fileName?: string): string | null {
  const b = bytes;
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'audio/wav';
  if (ascii(b, 0, '%PDF-')) return 'application/pdf';
  if (ascii(b, 4, 'ftyp')) return isoMediaType(b);
  if (ascii(b, 0, 'ID3') || isMpegAudioFrame(b)) return 'audio/mpeg';
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(b);
    if (!names) return null;
    if (names.includes('[Content_Types].xml') && names.includes('word/document.xml')) return DOCX_TYPE;
    if (names.includes('[Content_Types].xml') && names.includes('xl/workbook.xml')) return XLSX_TYPE;
    return 'application/zip';
  }
  if (isUtf8Text(b)) return 'text/plain';
  return null;
}

/** The entry names of a zip, from its directory alone; null when the directory is refused. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const read = readZipDirectory(bytes, { maxEntries: MAX_ZIP_ENTRIES });
  return read.ok ? read.directory.entries.map((e) => e.name) : null;
}

/** Kinds of active content refused whatever the policy lists. */
export type ActiveContent = 'markup' | 'macros' | 'pdf_script';

const ACTIVE_LABELS: Record<ActiveContent, string> = {
  markup: '网页、SVG 或脚本等标记内容',
  macros: '宏代码',
  pdf_script: '脚本或自动执行的动作',
};

/**
 * Content a viewer could execute when staff open the file: text that reads as markup (HTML, SVG,
 * XML, script tags), Office documents carrying macros, PDFs with JavaScript or launch actions.
 * Null when none is seen. The PDF check reads only uncompressed names, so it narrows the risk, it
 * does not remove it: downloads are served as attachments with nosniff besides.
 */
export function activeContent(bytes: Uint8Array, mediaType: string): ActiveContent | null {
  if (mediaType === 'text/plain') return looksLikeMarkup(bytes) ? 'markup' : null;
  if (mediaType === DOCX_TYPE || mediaType === XLSX_TYPE) {
    return (zipEntryNames(bytes) ?? []).some((n) => /(^|\/)vbaProject\.bin$|(^|\/)activeX\//i.test(n)) ? 'macros' : null;
  }
  if (mediaType === 'application/pdf') return /\/(JavaScript|JS|Launch)\b/.test(latin1.decode(bytes)) ? 'pdf_script' : null;
  return null;
}

/** A tag opener anywhere: `<` then a letter, `/`, `!` or `?` (`<html`, `</p`, `<!DOCTYPE`, `<?xml`, `<svg`, `<script`). */
function looksLikeMarkup(b: Uint8Array): boolean {
  return /<[!?/]?[A-Za-z]/.test(utf8.decode(b));
}

/** ISO base media files (MP4 family): the major brand after `ftyp` tells audio, video or image. */
function isoMediaType(b: Uint8Array): string | null {
  const boxSize = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  if (boxSize < 16 || b.length < 12) return null;
  const brand = String.fromCharCode(b[8], b[9], b[10], b[11]);
  if (['M4A ', 'M4B '].includes(brand)) return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  if (['heic', 'heix', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  if (['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'mmp4', 'MSNV', 'dash'].includes(brand)) return 'video/mp4';
  return null;
}

/** An MPEG-1/2 audio frame header (MP3 without an ID3 tag): sync bits, then no reserved field values. */
function isMpegAudioFrame(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1] & 0xe0) !== 0xe0) return false;
  const version = (b[1] >> 3) & 3;
  const layer = (b[1] >> 1) & 3;
  const bitrate = b[2] >> 4;
  const sampleRate = (b[2] >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0xf && sampleRate !== 3;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function isUtf8Text(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
  }
}

function starts(b: Uint8Array, sig: readonly number[]): boolean {
  return b.length >= sig.length && sig.every((x, i) => b[i] === x);
}

function ascii(b: Uint8Array, at: number, text: string): boolean {
  if (b.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function megabytes(bytes: number): string {
  return String(Math.round((bytes / MiB) * 10) / 10);
}
