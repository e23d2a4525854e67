// The inbox: one page at a time from the server, filters in the URL (so the back button keeps them).
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { api, ApiError, download } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/time';
import { STATUS_COLORS, TIP_STATUS_LABELS, type Remaining } from './tipLabels';
import { useChildren, useOwnChildren } from './usePlaces';

export interface InboxRow {
  tipId: string;
  status: string;
  statusLabel: string;
  channelLabel: string;
  category: string;
  categoryLabel: string;
  villageCode: string | null;
  townshipCode: string | null;
  /** Null when the access policy does not show this row's subjects to the user. */
  subjects: string | null;
  anonymous: boolean;
  electionRelated: boolean;
  objection: boolean;
  /** The earlier tip on the same matter, when this one is a repeat (handled together with it). */
  repeatOf: string | null;
  repeatCount: number;
  unitName: string | null;
  finding: string | null;
  receivedAt: string;
  nextDeadline: { kind: string; label: string; due: string; endsAt: string; remaining?: Remaining } | null;
  overdue: boolean;
}

const PAGE_SIZE = 20;

export function TipInbox() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<{ total: number; rows: InboxRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [categories, setCategories] = useState<{ code: string; name: string }[]>([]);
  const own = useOwnChildren();
  const township = params.get('township') ?? undefined;
  const villages = useChildren(township && own.some((n) => n.level === 'township') ? township : null);
  const page = Number(params.get('page') ?? '1') || 1;

  const query = useMemo(
    () => ({
      status: params.get('status') ?? undefined,
      category: params.get('category') ?? undefined,
      village: params.get('village') ?? params.get('township') ?? undefined,
      overdue: params.get('overdue') ?? undefined,
    }),
    [params],
  );

  useEffect(() => {
    api<{ categories: { code: string; name: string }[] }>('/tipline/public/form').then((f) => setCategories(f.categories), () => undefined);
  }, []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api<{ total: number; rows: InboxRow[] }>('/tipline/tips', { query: { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } })
      .then((r) => live && setData(r), (e) => live && setError(e.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, page]);

  function set(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
    else next.delete(k);
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  }

  const placeName = useMemo(() => new Map([...own, ...villages].flatMap((n) => [[n.code, n.name], [n.code12, n.name]] as const)), [own, villages]);
  const ownAreTownships = own.some((n) => n.level === 'township');

  async function exportXlsx() {
    try {
      await download('/tipline/tips/export.xlsx', '信访举报台账.xlsx', { query });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败');
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          mode="multiple"
          allowClear
          placeholder="状态"
          style={{ minWidth: 200 }}
          value={query.status ? query.status.split(',') : []}
          options={Object.entries(TIP_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(v: string[]) => set({ status: v.join(',') || undefined })}
          data-testid="tips-filter-status"
        />
        <Select
          allowClear
          placeholder="举报类别"
          style={{ width: 180 }}
          value={query.category}
          options={categories.map((c) => ({ value: c.code, label: c.name }))}
          onChange={(v) => set({ category: v })}
          data-testid="tips-filter-category"
        />
        {ownAreTownships && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="乡镇（街道）"
            style={{ width: 180 }}
            value={township}
            options={own.map((n) => ({ value: n.code, label: n.name }))}
            onChange={(v) => set({ township: v, village: undefined })}
            data-testid="tips-filter-township"
          />
        )}
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="村（社区）"
          style={{ width: 200 }}
          disabled={ownAreTownships && !township}
          value={params.get('village') ?? undefined}
          options={(ownAreTownships ? villages : own.filter((n) => n.level === 'village')).map((n) => ({ value: n.code, label: n.name }))}
          onChange={(v) => set({ village: v })}
          data-testid="tips-filter-village"
        />
        <Select
          allowClear
          placeholder="是否超期"
          style={{ width: 130 }}
          value={query.overdue}
          options={[
            { value: 'true', label: '已超期' },
            { value: 'false', label: '未超期' },
          ]}
          onChange={(v) => set({ overdue: v })}
          data-testid="tips-filter-overdue"
        />
        <Button onClick={exportXlsx} data-testid="tips-export">
          导出台账（xlsx）
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<InboxRow>
        rowKey="tipId"
        size="middle"
        loading={loading}
        dataSource={data?.rows ?? []}
        data-testid="tips-table"
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 件`,
          onChange: (p) => set({ page: String(p) }),
        }}
        columns={[
          { title: '收到时间', dataIndex: 'receivedAt', width: 150, render: (v) => formatDateTime(v) },
          {
            title: '类别',
            dataIndex: 'categoryLabel',
            render: (v, r) => (
              <Space size={4} wrap>
                {v}
                {r.electionRelated && <Tag color="red">选举</Tag>}
                {r.objection && <Tag color="volcano">异议</Tag>}
                {r.anonymous && <Tag>匿名</Tag>}
                {r.repeatCount > 0 && <Tag color="gold">重复 {r.repeatCount}</Tag>}
                {r.repeatOf && (
                  <Tag color="gold" data-testid="tips-repeat-of">
                    <Link to={`/tips/${r.repeatOf}`}>重复举报 · 首次举报</Link>
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: '被举报对象', dataIndex: 'subjects', ellipsis: true, render: (v: string | null) => v ?? <Typography.Text type="secondary">（无权查看）</Typography.Text> },
          { title: '乡镇', dataIndex: 'townshipCode', width: 110, render: (v) => (v ? (placeName.get(v) ?? v) : '—') },
          { title: '状态', dataIndex: 'status', width: 110, render: (v, r) => <Tag color={STATUS_COLORS[v]}>{r.statusLabel}</Tag> },
          {
            title: '下一期限',
            key: 'deadline',
            width: 220,
            render: (_, r) =>
              r.nextDeadline ? (
                <Tooltip title={`截止 ${r.nextDeadline.remaining?.unit === 'hours' ? formatDateTime(r.nextDeadline.endsAt) : `${formatDate(r.nextDeadline.due)} 24:00`}（北京时间）`}>
                  <div>
                    {r.nextDeadline.label} · {formatDate(r.nextDeadline.due)}
                  </div>
                  {r.nextDeadline.remaining && <Tag color={r.overdue || r.nextDeadline.remaining.overdue ? 'red' : 'blue'}>{r.nextDeadline.remaining.label}</Tag>}
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          { title: '承办单位', dataIndex: 'unitName', width: 140, render: (v) => v ?? '—' },
          {
            title: '操作',
            key: 'op',
            width: 80,
            fixed: 'right',
            render: (_, r) => (
              <Link to={`/tips/${r.tipId}`} data-testid="tip-open">
                查看
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
