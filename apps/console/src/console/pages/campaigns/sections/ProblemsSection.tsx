// 存在问题: category, severity and description. The server numbers them (p1, p2 …): the ids opinions
// and the 整改承诺书 point at.
import { Input, Radio, Select, Typography } from 'antd';
import type { DossierProblem, ProblemSeverity } from '../campaign-api';
import { SEVERITY_LABELS } from '../labels';
import { ListSection } from './ListSection';
import type { SectionProps } from './section-props';

export function ProblemsSection({ value, set, problemCategories, disabled }: SectionProps<'problems'>) {
  return (
    <ListSection<DossierProblem>
      rows={value}
      set={set}
      blank={() => ({ problemId: '', category: problemCategories[0] ?? '', description: '', severity: 'general' })}
      disabled={disabled}
      addLabel="添加问题"
      testId="problem"
      render={(p, change, i) => (
        <>
          <Typography.Text type="secondary">{p.problemId ? `问题 ${p.problemId}` : '新问题（保存后编号）'}</Typography.Text>
          <Select value={p.category || undefined} placeholder="问题类别" disabled={disabled} onChange={(v: string) => change({ category: v })} options={problemCategories.map((c) => ({ value: c }))} style={{ width: '100%' }} />
          <Radio.Group
            value={p.severity}
            disabled={disabled}
            onChange={(e) => change({ severity: e.target.value as ProblemSeverity })}
            options={(Object.keys(SEVERITY_LABELS) as ProblemSeverity[]).map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
          />
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder="问题描述" value={p.description} disabled={disabled} onChange={(e) => change({ description: e.target.value })} data-testid={`problem-${i}-description`} />
        </>
      )}
    />
  );
}
