// 意见建议: each with its category and the problem it became (if any).
import { Input, Select } from 'antd';
import type { Opinion } from '../campaign-api';
import { ListSection } from './ListSection';
import { nextId, type SectionProps } from './section-props';

export function OpinionsSection({ value, set, problemCategories, problems, disabled }: SectionProps<'opinions'>) {
  return (
    <ListSection<Opinion>
      rows={value}
      set={set}
      blank={() => ({ opinionId: nextId('o', value.map((o) => o.opinionId)), category: problemCategories[0] ?? '', text: '', problemId: null })}
      disabled={disabled}
      addLabel="添加意见建议"
      testId="opinion"
      render={(o, change, i) => (
        <>
          <Select value={o.category || undefined} placeholder="类别" disabled={disabled} onChange={(v: string) => change({ category: v })} options={problemCategories.map((c) => ({ value: c }))} style={{ width: '100%' }} />
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder="意见建议内容" value={o.text} disabled={disabled} onChange={(e) => change({ text: e.target.value })} data-testid={`opinion-${i}-text`} />
          <Select
            allowClear
            placeholder="形成的问题（选填）"
            value={o.problemId ?? undefined}
            disabled={disabled}
            onChange={(v?: string) => change({ problemId: v ?? null })}
            options={problems.map((p) => ({ value: p.problemId, label: `${p.problemId} ${p.description.slice(0, 20)}` }))}
            style={{ width: '100%' }}
          />
        </>
      )}
    />
  );
}
