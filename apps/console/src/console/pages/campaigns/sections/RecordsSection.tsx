// 查阅资料: what was read, picked from the usual records or typed.
import { Select } from 'antd';
import { RECORD_KINDS } from '../labels';
import type { SectionProps } from './section-props';

export function RecordsSection({ value, set, disabled }: SectionProps<'records'>) {
  return (
    <Select
      mode="tags"
      style={{ width: '100%' }}
      placeholder="选择或输入查阅的资料"
      value={value}
      disabled={disabled}
      onChange={(v: string[]) => set(v.map((s) => s.trim()).filter(Boolean))}
      options={RECORD_KINDS.map((r) => ({ value: r }))}
      data-testid="records"
    />
  );
}
