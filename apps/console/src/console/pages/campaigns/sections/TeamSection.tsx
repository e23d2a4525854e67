// 班子评价: the team's grade on the pack's scale (好/正常/较差 …) and why.
import { Input, Radio, Space } from 'antd';
import type { SectionProps } from './section-props';

export function TeamSection({ value, set, rules, disabled }: SectionProps<'team'>) {
  const grades = [...rules.teamScale.grades].sort((a, b) => a.rank - b.rank);
  const v = value ?? { grade: '', reasons: '' };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        value={v.grade || undefined}
        disabled={disabled}
        onChange={(e) => set({ ...v, grade: String(e.target.value) })}
        options={grades.map((g) => ({ value: g.code, label: <span data-testid={`team-grade-${g.code}`}>{g.label}</span> }))}
      />
      <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder={v.grade ? '评价理由' : '先选择等次，再填写理由'} value={v.reasons} disabled={disabled || !v.grade} onChange={(e) => set({ ...v, reasons: e.target.value })} data-testid="team-reasons" />
    </Space>
  );
}
