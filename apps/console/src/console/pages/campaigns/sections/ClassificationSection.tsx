// 村级分类: the pack's classification (平稳 / 调整充实 / 难点 …) and the 软弱涣散 / 后进 flags.
import { Checkbox, Select, Space } from 'antd';
import type { SectionProps } from './section-props';

export function ClassificationSection({ value, set, rules, disabled }: SectionProps<'classification'>) {
  const v = value ?? { classification: '', weak: false, backward: false };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        value={v.classification || undefined}
        placeholder="选择分类"
        disabled={disabled}
        onChange={(c: string) => set({ ...v, classification: c })}
        options={rules.classifications.map((c) => ({ value: c }))}
        style={{ width: '100%' }}
        data-testid="classification"
      />
      <Space wrap>
        <Checkbox checked={v.weak} disabled={disabled || !v.classification} onChange={(e) => set({ ...v, weak: e.target.checked })}>
          软弱涣散
        </Checkbox>
        <Checkbox checked={v.backward} disabled={disabled || !v.classification} onChange={(e) => set({ ...v, backward: e.target.checked })}>
          后进
        </Checkbox>
      </Space>
    </Space>
  );
}
