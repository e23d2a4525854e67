// The board of one election, paginated and filtered on the server (village, stage, gate).
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Card, Flex, Select, Statistic, Table, Tag, Typography } from 'antd';
import { formatDate } from '../../../shared/time';
import { VillagePicker } from '../hierarchy/VillagePicker';
import { NoticeCountdown } from './Countdown';
import { STAGE_LABELS } from './labels';
import { getBoard, type Board, type BoardRow } from './vetting-api';

const TIMELINE_LABELS: Record<string, string> = {
  voterListBy: '选民名单公布',
  voterObjectionsUntil: '选民名单异议截止',
  candidatesBy: '正式候选人公布',
  votingDay: '投票日',
};

export function ElectionBoard() {
  const { eid = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const village = params.get('village') ?? undefined;
  const stage = params.get('stage') ?? undefined;
  const gate = params.get('gate') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const [board, setBoard] = useState<Board | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  useEffect(() => {
    let live = true;
    setLoading(true);
    getBoard(eid, { village, stage, gate, page, pageSize })
      .then((b) => {
        if (!live) return;
        setBoard(b);
        setError(null);
      })
      .catch((err: Error) => live && setError(err.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [eid, village, stage, gate, page, pageSize]);

  const t = board?.totals;
  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ key: 'l', title: <Link to="/elections">换届联审</Link> }, { key: 'b', title: board?.election.name ?? eid }]} />
      {error && <Alert type="error" title={error} data-testid="board-error" />}
      <Card title={<span data-testid="board-title">{board?.election.name ?? '换届看板'}</span>}>
        <Flex gap={48} wrap>
          <Statistic title="村（社区）" value={t?.villages ?? 0} />
          <Statistic title="闸门关闭" value={t?.gates_closed ?? 0} styles={{ content: { color: t?.gates_closed ? '#cf1322' : undefined } }} />
          <Statistic title="未办结异议" value={t?.open_objections ?? 0} />
          <Statistic title="联审超期" value={t?.joint_reviews_overdue ?? 0} />
          <Statistic title="已交接" value={t?.handed_over ?? 0} />
        </Flex>
        {board?.timeline && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            村委会选举时间节点：
            {Object.entries(board.timeline)
              .filter(([, v]) => typeof v === 'string')
              .map(([k, v]) => `${TIMELINE_LABELS[k] ?? k} ${formatDate(v as string)}`)
              .join('；')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <VillagePicker value={village} onChange={(code) => set({ village: code })} levels={['township', 'village']} placeholder="按乡镇或村筛选" testId="board-filter-village" />
          <Select
            allowClear
            placeholder="阶段"
            style={{ width: 180 }}
            value={stage}
            onChange={(v?: string) => set({ stage: v })}
            options={Object.entries(STAGE_LABELS).map(([value, label]) => ({ value, label }))}
            data-testid="board-filter-stage"
          />
          <Select
            allowClear
            placeholder="选举闸门"
            style={{ width: 160 }}
            value={gate}
            onChange={(v?: string) => set({ gate: v })}
            options={[
              { value: 'closed', label: '闸门关闭' },
              { value: 'open', label: '闸门开启' },
            ]}
            data-testid="board-filter-gate"
          />
        </Flex>
        <Table<BoardRow>
          rowKey="village_code"
          loading={loading}
          dataSource={board?.villages ?? []}
          data-testid="board-table"
          onRow={(r) => ({ 'data-testid': `board-row-${r.village_code}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize,
            total: board?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            onChange: (p, s) => set({ page: p, pageSize: s }),
            showTotal: (n) => `共 ${n} 个村（社区）`,
          }}
          locale={{ emptyText: '没有符合条件的村（社区）' }}
          columns={[
            {
              title: '村（社区）',
              dataIndex: 'villageName',
              render: (n: string | null, r) => (
                <Link to={`/elections/${eid}/villages/${r.village_code}`} data-testid="board-village-link">
                  {n ?? r.village_code}
                </Link>
              ),
            },
            { title: '阶段', dataIndex: 'stage', render: (s: string) => <Tag>{STAGE_LABELS[s] ?? s}</Tag> },
            { title: '提名', dataIndex: 'nominees' },
            { title: '已审查', dataIndex: 'reviewed' },
            {
              title: '受阻',
              render: (_: unknown, r) => (
                <span data-testid="board-blocked">
                  {r.blocked ? <Tag color="red">初审未通过 {r.blocked}</Tag> : 0}
                  {r.disqualified > 0 && <Tag color="volcano">取消资格 {r.disqualified}</Tag>}
                </span>
              ),
            },
            { title: '未办结异议', dataIndex: 'open_objections', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
            { title: '联审超期', dataIndex: 'joint_reviews_overdue', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
            {
              title: '公示截止',
              render: (_: unknown, r) => <NoticeCountdown endsOn={r.notice_ends_on} left={r.notice_working_days_left} beyondHorizon={r.notice_beyond_horizon} />,
            },
            {
              title: '选举闸门',
              width: 320,
              render: (_: unknown, r) =>
                r.gate_open ? (
                  <Tag color="green" data-testid="board-gate">
                    已开启
                  </Tag>
                ) : (
                  <div data-testid="board-gate">
                    <Tag color="red">关闭</Tag>
                    {r.gate_reasons.map((reason) => (
                      <div key={reason} data-testid="board-gate-reason">
                        <Typography.Text type="danger">{reason}</Typography.Text>
                      </div>
                    ))}
                  </div>
                ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
