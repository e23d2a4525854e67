// 召开会议: the kind of meeting, how many and how many took part.
import { AutoComplete, InputNumber, Space } from 'antd';
import type { Meeting } from '../campaign-api';
import { MEETING_KINDS } from '../labels';
import { ListSection } from './ListSection';
import { count, type SectionProps } from './section-props';

export function MeetingsSection({ value, set, disabled }: SectionProps<'meetings'>) {
  return (
    <ListSection<Meeting>
      rows={value}
      set={set}
      blank={() => ({ kind: MEETING_KINDS[0], count: 1, participants: 0 })}
      disabled={disabled}
      addLabel="添加会议"
      testId="meeting"
      render={(m, change, i) => (
        <>
          <AutoComplete value={m.kind} options={MEETING_KINDS.map((k) => ({ value: k }))} disabled={disabled} onChange={(v: string) => change({ kind: v })} placeholder="会议名称" style={{ width: '100%' }} />
          <Space wrap>
            <InputNumber min={0} precision={0} inputMode="numeric" value={m.count} disabled={disabled} onChange={(v) => change({ count: count(v) })} suffix="场次" style={{ width: 130 }} data-testid={`meeting-${i}-count`} />
            <InputNumber min={0} precision={0} inputMode="numeric" value={m.participants} disabled={disabled} onChange={(v) => change({ participants: count(v) })} suffix="人参加" style={{ width: 150 }} data-testid={`meeting-${i}-participants`} />
          </Space>
        </>
      )}
    />
  );
}
