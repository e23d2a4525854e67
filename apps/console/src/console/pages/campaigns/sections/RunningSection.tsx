// 班子运行情况: the paragraph the 届中分析 report prints for this village (seed 002).
import { Input } from 'antd';
import type { SectionProps } from './section-props';

export function RunningSection({ value, set, disabled }: SectionProps<'running'>) {
  return (
    <Input.TextArea
      autoSize={{ minRows: 4 }}
      maxLength={5000}
      showCount
      placeholder="班子团结协作、履职尽责、组织生活、服务群众等情况"
      value={value}
      disabled={disabled}
      onChange={(e) => set(e.target.value)}
      data-testid="running"
    />
  );
}
