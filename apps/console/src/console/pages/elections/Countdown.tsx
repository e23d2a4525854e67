// A notice's end with its countdown in working days (counted by the server on the official calendar).
import { Tag, Tooltip } from 'antd';
import { formatDate } from '../../../shared/time';

export function NoticeCountdown({ endsOn, left, beyondHorizon, testId }: { endsOn: string | null; left: number | null; beyondHorizon?: boolean | null; testId?: string }) {
  if (!endsOn) return <span>—</span>;
  const color = left === null ? 'default' : left <= 0 ? 'default' : left <= 2 ? 'red' : left <= 5 ? 'orange' : 'blue';
  const text = left === null ? '' : left <= 0 ? '已届满' : `剩 ${left} 个工作日`;
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
