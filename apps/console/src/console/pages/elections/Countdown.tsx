// A notice's end with its countdown in working days (counted by the server on the official calendar).
import { Tag, Tooltip } from 'antd';
import { formatDate, todayInShanghai } from '../../../shared/time';

export function NoticeCountdown({ endsOn, left, beyondHorizon, testId }: { endsOn: string | null; left: number | null; beyondHorizon?: boolean | null; testId?: string }) {
  if (!endsOn) return <span>—</span>;
  // A notice runs to 24:00 of its last day, even when that day is a rest day (0 working days left).
  const ended = todayInShanghai() > endsOn;
  const color = left === null ? 'default' : ended ? 'default' : left <= 2 ? 'red' : left <= 5 ? 'orange' : 'blue';
  const text = left === null ? '' : ended ? '已届满' : left <= 0 ? '今日截止' : `剩 ${left} 个工作日`;
  return (
    <span data-testid={testId}>
      {formatDate(endsOn)}{' '}
      {text && (
        <Tooltip title={beyondHorizon ? '部分日期超出官方节假日数据，按周一至周五计算' : '按法定节假日和调休安排计算，含今日'}>
          <Tag color={color}>
            {text}
            {beyondHorizon ? '（估算）' : ''}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
