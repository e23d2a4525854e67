import { describe, expect, it } from '@jest/globals';
import type { DossierProblem } from './campaign-api';
import { adoptProblemIds, toWire } from './problem-ids';

// Seed 000: "建立以联系村社领导为第一责任人的问题销号机制" — a problem keeps one id from the form to its case.
describe('problem ids in the dossier form', () => {
  const p = (problemId: string, description: string): DossierProblem => ({ problemId, category: '后备干部', description, severity: 'general' });

  it('sends a new problem without an id, so the server numbers it', () => {
    expect(toWire('problems', [p('p1', '甲'), p('', '乙')])).toEqual([p('p1', '甲'), { category: '后备干部', description: '乙', severity: 'general' }]);
    expect(toWire('running', '文字')).toBe('文字');
  });

  it('takes the id the server gave the same problem, once each', () => {
    const local = [p('p1', '甲'), p('', '后备干部储备不足'), p('', '后备干部储备不足 ')];
    const server = [p('p1', '甲'), p('p2', '后备干部储备不足'), p('p3', '后备干部储备不足')];
    expect(adoptProblemIds(local, server)!.map((x) => x.problemId)).toEqual(['p1', 'p2', 'p3']);
    expect(adoptProblemIds([p('p1', '甲')], server)).toBeNull();
    expect(adoptProblemIds([p('', '另一个问题')], server)).toBeNull();
  });
});
