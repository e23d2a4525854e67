// 分析研判: a paragraph per dimension of the pack (研判内容 / 五查五看), the dimension's hint as the prompt.
import { Input, Space, Typography } from 'antd';
import type { SectionProps } from './section-props';

export function FindingsSection({ value, set, rules, disabled }: SectionProps<'findings'>) {
  const textOf = (id: string) => value.find((f) => f.dimension === id)?.text ?? '';
  const change = (id: string, text: string) =>
    set(rules.dimensions.map((d) => ({ dimension: d.id, text: d.id === id ? text : textOf(d.id) })).filter((f) => f.text.trim() !== ''));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {rules.dimensions.map((d) => (
        <div key={d.id}>
          <Typography.Text strong>{d.label}</Typography.Text>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder={d.hint} value={textOf(d.id)} disabled={disabled} onChange={(e) => change(d.id, e.target.value)} data-testid={`finding-${d.id}`} />
        </div>
      ))}
    </Space>
  );
}
