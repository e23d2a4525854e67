import type { StatsRow } from './ports/tip-read-model.port';

/** A sentence a report can quote: "共接到各类信访举报 12 件，比上届减少 3 件". */
export function reportSentence(current: StatsRow, previous: StatsRow | null): string {
  let s = `共接到各类信访举报 ${current.received} 件`;
  if (previous) {
    const diff = current.received - previous.received;
    s += diff === 0 ? '，与上届持平' : diff < 0 ? `，比上届减少 ${-diff} 件` : `，比上届增加 ${diff} 件`;
  }
  if (current.concluded > 0) {
    s += `；已办结 ${current.concluded} 件，按期办结率 ${current.concludedWithinLimitPct}%，属实或部分属实 ${current.substantiated} 件`;
  }
  return `${s}。`;
}
