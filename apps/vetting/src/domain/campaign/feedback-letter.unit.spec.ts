import { feedbackLetter, type FeedbackLetterInput } from './feedback-letter';
import { A, T, campaign, dossier, dossiers, lookbackPack, member, pack } from './campaign-test.fixture';

const NAMES: Record<string, string> = { [A]: '新山村', [T]: '甲镇' };
const input = (over: Partial<FeedbackLetterInput> = {}): FeedbackLetterInput => ({
  campaign: campaign(),
  pack,
  dossier: dossiers[0],
  nameOf: (code) => NAMES[code] ?? code,
  unit: '中共甲镇委员会',
  date: '2026-05-12',
  letterNo: '甲组反馈〔2026〕1号',
  ...over,
});
const text = (l: ReturnType<typeof feedbackLetter>) => l.blocks.map((b) => (b.kind === 'table' ? '' : b.text)).join('\n');

describe('反馈意见函 to the village', () => {
  it('addresses the village, gives the judgement, the problems with their categories, and the 整改承诺书 asked (seed 004: “上报整改承诺书,明确整改措施、责任人及完成时限”)', () => {
    const letter = feedbackLetter(input({ replyWithinDays: 15 }));
    expect(letter.title).toBe('关于2026年村（社区）“两委”班子届中分析情况的反馈意见');
    expect(letter.subtitle).toBe('甲组反馈〔2026〕1号');
    expect(letter.addressee).toBe('新山村党组织：');
    const t = text(letter);
    expect(t).toContain('第一工作组于2026年3月1日至2026年4月30日采取谈心谈话、查阅资料等方式，对你村（社区）进行了届中分析。');
    expect(t).toContain('你村（社区）“两委”班子总体评价为“好”。');
    expect(t).toContain('你村（社区）类别为“平稳”。');
    expect(t).toContain('发现你村（社区）存在以下2个问题：\n（一）集体经济方面（一般）：集体经济收入渠道单一。\n（二）党建工作方面（一般）：党员示范作用发挥不强。');
    expect(t).toContain('于收到本函之日起15日内向中共甲镇委员会报送整改承诺书，逐项明确整改措施、责任人及完成时限。');
    expect(letter.signature).toEqual({ unit: '中共甲镇委员会', date: '2026年5月12日' });
  });

  it('leaves what the plan does not say as placeholders and keeps members’ individual grades out', () => {
    const letter = feedbackLetter(input({ dossier: dossier(A, 'approved', { members: [member('欧阳某某', '较差')] }) }));
    const t = text(letter);
    expect(t).toContain('本函之日起【请填写：天数】日内');
    expect(t).toContain('你村（社区）“两委”班子总体评价为【请填写：评价等次】');
    expect(t).toContain('档案中未记录你村（社区）需要整改的问题。');
    expect(t).not.toContain('欧阳某某');
    expect(t).not.toContain('较差');
  });

  it('a township leadership team (seed 001) is addressed as its 党委, with its weak/backward flags only for villages', () => {
    const d = dossier(T, 'approved', { team: { grade: '一般', reasons: '年轻干部群众工作经验不足。' }, findings: [{ dimension: 'zuzhi', text: '组织运转总体规范。' }] });
    const letter = feedbackLetter(input({ pack: lookbackPack, campaign: campaign({ kind: 'lookback' }), dossier: d }));
    expect(letter.addressee).toBe('甲镇党委：');
    const t = text(letter);
    expect(t).toContain('你乡镇领导班子总体评价为“一般”。年轻干部群众工作经验不足。');
    expect(t).toContain('组织运转方面：组织运转总体规范。');
    expect(t).not.toContain('类别为');
  });
});
