// 走访谈话 / 谈心谈话: one count (and notes) per category of person the pack names, against its minimum.
import { Input, InputNumber, Space, Typography } from 'antd';
import type { TalkCount } from '../campaign-api';
import { count, type SectionProps } from './section-props';

export function TalksSection({ value, set, rules, disabled }: SectionProps<'talks'>) {
  const of = (id: string): TalkCount => value.find((t) => t.category === id) ?? { category: id, count: 0, notes: '' };
  const change = (id: string, patch: Partial<TalkCount>) => {
    const rows = rules.talkCategories.map((c) => (c.id === id ? { ...of(id), ...patch } : of(c.id)));
    set(rows.filter((t) => t.count > 0 || t.notes.trim() !== ''));
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {rules.talkCategories.map((c) => (
        <div key={c.id} data-testid={`talk-${c.id}`}>
          <Space wrap>
            <Typography.Text style={{ minWidth: 120, display: 'inline-block' }}>{c.label}</Typography.Text>
            <InputNumber
              min={0}
              precision={0}
              value={of(c.id).count}
              disabled={disabled}
              onChange={(v) => change(c.id, { count: count(v) })}
              suffix="人"
              style={{ width: 130 }}
              inputMode="numeric"
              data-testid={`talk-count-${c.id}`}
            />
            {c.minimum > 0 && (
              <Typography.Text type={of(c.id).count < c.minimum ? 'warning' : 'secondary'}>至少 {c.minimum} 人</Typography.Text>
            )}
          </Space>
          <Input placeholder="谈话要点（选填）" value={of(c.id).notes} disabled={disabled} maxLength={2000} onChange={(e) => change(c.id, { notes: e.target.value })} style={{ marginTop: 4 }} />
        </div>
      ))}
    </Space>
  );
}
