// A calendar date (YYYY-MM-DD) picked in the console's zh-CN date picker, whatever the browser's locale.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

export function DateField({ value, onChange, allowClear = false, testId }: { value: string; onChange(v: string): void; allowClear?: boolean; testId?: string }) {
  return (
    <DatePicker
      value={value ? dayjs(value) : null}
      format="YYYY-MM-DD"
      allowClear={allowClear}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : '')}
      style={{ width: 150 }}
      data-testid={testId}
    />
  );
}
