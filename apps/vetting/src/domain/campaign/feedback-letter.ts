import { CAMPAIGN_KIND_LABELS, type CampaignPack } from './campaign-pack';
import type { CampaignState } from './campaign.state';
import type { ProblemSeverity } from './dossier.events';
import type { DossierState } from './dossier.state';
import { chineseDate, chineseOrdinal, heading, paragraph, placeholder, type ReportBlock, type ReportDraft } from './report-draft';

export interface FeedbackLetterInput {
  campaign: CampaignState;
  pack: CampaignPack;
  dossier: DossierState;
  nameOf: (code: string) => string;
  unit: string;
  /** Letter date, YYYY-MM-DD. */
  date: string;
  /** 发文字号, e.g. “×组反馈〔2026〕3号”. */
  letterNo: string;
  /** Days the village has to send its 整改承诺书; a placeholder when the plan does not say. */
  replyWithinDays?: number;
}

const SEVERITY_LABELS: Readonly<Record<ProblemSeverity, string>> = { general: '一般', major: '较重', serious: '严重' };

/**
 * The 反馈意见函 to the village (or township team) after its dossier is approved: the overall
 * judgement, the problems found with their categories, and what is asked — the 整改承诺书 with
 * measures, responsible person and deadline per problem (seed 004 report 3: “上报整改承诺书,
 * 明确整改措施、责任人及完成时限”). Members' individual grades stay out of a letter the village reads.
 */
export function feedbackLetter(input: FeedbackLetterInput): ReportDraft {
  const { campaign, pack, dossier, nameOf, unit } = input;
  const village = dossier.subject.kind === 'village';
  const you = village ? '你村（社区）' : '你乡镇领导班子';
  const team = village ? '你村（社区）“两委”班子' : '你乡镇领导班子';
  const rules = village ? pack.village : (pack.township ?? pack.village);
  const group = campaign.groups.find((g) => g.groupId === dossier.groupId);
  const methods = campaign.methods.map((id) => pack.methods.find((m) => m.id === id)?.label ?? id).join('、');
  const s = dossier.sections;
  const { from, to } = campaign.period;

  const judgement: ReportBlock[] = [];
  if (s.team) {
    const grade = rules.teamScale.grades.find((g) => g.code === s.team?.grade)?.label ?? s.team.grade;
    judgement.push(paragraph(`经综合分析研判，${team}总体评价为“${grade}”。${s.team.reasons.trim()}`));
  } else {
    judgement.push(paragraph(`经综合分析研判，${team}总体评价为${placeholder('评价等次')}。`));
  }
  if (village && s.classification) {
    const flags = [s.classification.weak ? '软弱涣散' : '', s.classification.backward ? '后进' : ''].filter(Boolean);
    judgement.push(paragraph(`${you}类别为“${s.classification.classification}”${flags.length ? `，列为${flags.join('、')}村（社区）` : ''}。`));
  }
  for (const f of s.findings) {
    const label = rules.dimensions.find((d) => d.id === f.dimension || d.label === f.dimension)?.label ?? f.dimension;
    if (f.text.trim()) judgement.push(paragraph(`${label}方面：${f.text.trim()}`));
  }

  const problems: ReportBlock[] = s.problems.length
    ? [
        paragraph(`经检查，发现${you}存在以下${s.problems.length}个问题：`),
        ...s.problems.map((p, i) =>
          paragraph(`（${chineseOrdinal(i + 1)}）${p.category}方面（${SEVERITY_LABELS[p.severity]}）：${p.description.trim().replace(/[。；;\s]+$/u, '')}。`),
        ),
      ]
    : [paragraph(`经检查，档案中未记录${you}需要整改的问题。`)];

  const days = input.replyWithinDays ? `${input.replyWithinDays}` : placeholder('天数');
  return {
    title: `关于${campaign.name}情况的反馈意见`,
    subtitle: input.letterNo,
    addressee: `${nameOf(dossier.subject.code)}${village ? '党组织' : '党委'}：`,
    blocks: [
      paragraph(
        `根据${campaign.name}工作安排，${group ? group.name : placeholder('工作组')}于${chineseDate(from)}至${chineseDate(to)}` +
          `${methods ? `采取${methods}等方式，` : ''}对${you}进行了${CAMPAIGN_KIND_LABELS[campaign.kind]}。经审定，现将有关情况反馈如下：`,
      ),
      heading('一、总体评价'),
      ...judgement,
      heading('二、存在的问题'),
      ...problems,
      heading('三、整改要求'),
      paragraph(
        `请${you}对照上述问题认真研究，于收到本函之日起${days}日内向${unit}报送整改承诺书，逐项明确整改措施、责任人及完成时限。` +
          `${unit}将对整改落实情况进行跟踪督促，实行问题销号管理，做到事事有反馈、件件有结果。`,
      ),
      paragraph(`联系人：${placeholder('联系人及联系电话')}`),
    ],
    signature: { unit, date: chineseDate(input.date) },
  };
}
