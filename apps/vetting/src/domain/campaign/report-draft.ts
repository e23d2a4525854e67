/**
 * A report or letter as a draft: the 公文 blocks (headings 一、, subheadings （一）, paragraphs,
 * tables) and its signature, before any Word layout. Kept as a version and turned into .docx by
 * the runtime's gongwenDocx, so the text is pinned in tests and the layout in one place.
 */
export type ReportBlock = { kind: 'heading' | 'subheading' | 'paragraph'; text: string } | { kind: 'table'; header: string[]; rows: string[][] };

export interface ReportDraft {
  title: string;
  /** 发文字号 or a line under the title, e.g. “（草稿）”. */
  subtitle?: string;
  /** 主送机关, e.g. “××村党组织：”. */
  addressee?: string;
  blocks: ReportBlock[];
  signature: { unit: string; date: string };
}

/** What the data cannot say: left for the author, and highlighted in Word. */
export const placeholder = (what: string): string => `【请填写：${what}】`;

export const heading = (text: string): ReportBlock => ({ kind: 'heading', text });
export const subheading = (text: string): ReportBlock => ({ kind: 'subheading', text });
export const paragraph = (text: string): ReportBlock => ({ kind: 'paragraph', text });

/** 2026-12-06 → 2026年12月6日 (成文日期 in Arabic numerals, GB/T 9704-2012 7.3.5.1). */
export function chineseDate(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 21 → 二十一: numbering of （一） subheadings past ten villages. */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return ORDINALS[n - 1];
  if (n < 20) return `十${ORDINALS[n - 11]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${ORDINALS[tens - 1]}十${ones ? ORDINALS[ones - 1] : ''}`;
}

/** 0.625 → 62.5%; null (nobody answered) → “—”, never a made-up 0%. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 1000) / 10}%`;
}

/**
 * “比上届增加3个” / “减少2个” / “持平”; empty when there is no previous campaign to compare with
 * (the report then simply states the figure).
 */
export function comparedWith(current: number, previous: number | undefined, unit: string): string {
  if (previous === undefined) return '';
  if (current === previous) return '，与上届持平';
  return current > previous ? `，比上届增加${current - previous}${unit}` : `，比上届减少${previous - current}${unit}`;
}
