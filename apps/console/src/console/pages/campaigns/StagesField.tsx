// The plan's stages (动员部署、走访调研、分析研判、反馈整改、总结提升 …), each with its dates.
import { Button, Input, Space } from 'antd';
import { DateField } from '../roster/DateField';
import type { Stage } from './campaign-api';

export const DEFAULT_STAGES = ['动员部署', '走访调研', '分析研判', '反馈整改', '总结提升'];

export function StagesField({ value = [], onChange, disabled }: { value?: Stage[]; onChange?(v: Stage[]): void; disabled?: boolean }) {
  const set = (i: number, patch: Partial<Stage>) => onChange?.(value.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {value.map((s, i) => (
        <Space key={i} wrap data-testid={`stage-${i}`}>
          <Input value={s.name} placeholder="阶段" disabled={disabled} onChange={(e) => set(i, { name: e.target.value })} style={{ width: 120 }} />
          <DateField value={s.from} onChange={(v) => set(i, { from: v })} />
          <span>至</span>
          <DateField value={s.to} onChange={(v) => set(i, { to: v })} />
          {!disabled && (
            <Button type="link" danger onClick={() => onChange?.(value.filter((_, j) => j !== i))}>
              删除
            </Button>
          )}
        </Space>
      ))}
      {!disabled && (
        <Button onClick={() => onChange?.([...value, { name: DEFAULT_STAGES[value.length] ?? '', from: '', to: '' }])} data-testid="stage-add">
          添加阶段
        </Button>
      )}
    </Space>
  );
}
