import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Input, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { formatDate, formatDateTime } from '../../../shared/time';
import { useApi } from '../../../shared/useApi';
import { downloadWithProgress } from './exportWithProgress';
import { useAuditCategoryNames } from './useAuditCategoryNames';
import { categoryText, countdownText, LIGHT_LABELS, lightColor, SOURCE_LABELS, STATUS_COLORS, STATUS_LABELS, type CaseStatus, type LedgerRow } from './model';

const PAGE_SIZE = 20;
const FILTERS = ['node', 'source', 'category', 'light', 'status'] as const;

/** The ledger: filters in the query string, pages from the server, the Excel export of the same filter. */
export function LedgerList() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? PAGE_SIZE) || PAGE_SIZE;
  const [node, setNode] = useState(filter.node ?? '');
  const [category, setCategory] = useState(filter.category ?? '');
  const [exporting, setExporting] = useState<{ received: number; fraction: number | null } | null>(null);
  const auditNames = useAuditCategoryNames();
  const { data, error, loading } = useApi<{ total: number; rows: LedgerRow[] }>('/grievance/ledger', { ...filter, limit: pageSize, offset: (page - 1) * pageSize });

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const exportXlsx = async () => {
    setExporting({ received: 0, fraction: null });
    try {
      await downloadWithProgress('/grievance/ledger/export.xlsx', '问题整改台账.xlsx', filter, (received, fraction) => setExporting({ received, fraction }));
      message.success('台账已导出');
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setExporting(null);
    }
  };

  const multi = (key: 'source' | 'light' | 'status', placeholder: string, options: { value: string; label: string }[], width = 180) => (
    <Select
      mode="multiple"
      allowClear
      placeholder={placeholder}
      style={{ minWidth: width }}
      value={filter[key] ? filter[key]!.split(',') : []}
      onChange={(v: string[]) => set({ [key]: v.join(',') || undefined })}
      options={options}
      data-testid={`ledger-filter-${key}`}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          placeholder="乡镇或村代码（本辖区内）"
          allowClear
          style={{ width: 230 }}
          value={node}
          onChange={(e) => setNode(e.target.value.trim())}
          onSearch={(v) => {
            const c = v.trim();
            if (c && !/^\d{6,12}$/.test(c)) {
              message.warning('区划代码应为 6 至 12 位数字');
              return;
            }
            set({ node: c || undefined });
          }}
          data-testid="ledger-filter-node"
        />
        {multi('source', '问题来源', Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label })))}
        <Input.Search placeholder="问题类别" allowClear style={{ width: 180 }} value={category} onChange={(e) => setCategory(e.target.value)} onSearch={(v) => set({ category: v.trim() || undefined })} />
        {multi('light', '预警灯', [...Object.entries(LIGHT_LABELS).map(([value, label]) => ({ value, label })), { value: 'none', label: '已销号（无灯）' }], 160)}
        {multi('status', '整改状态', (Object.keys(STATUS_LABELS) as CaseStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] })))}
        <Button type="primary" onClick={exportXlsx} loading={exporting !== null} data-testid="ledger-export">
          导出 Excel
        </Button>
        {exporting && (
          <Space data-testid="ledger-export-progress">
            <Progress type="circle" size={28} percent={exporting.fraction === null ? 0 : Math.round(exporting.fraction * 100)} status="active" />
            <Typography.Text type="secondary">正在下载… {(exporting.received / 1024).toFixed(0)} KB</Typography.Text>
          </Space>
        )}
      </Space>
      {error && <Alert type="error" title={error} showIcon />}
      <Table<LedgerRow>
        rowKey="caseId"
        size="middle"
        loading={loading}
        dataSource={data?.rows ?? []}
        data-testid="ledger-table"
        scroll={{ x: 1200 }}
        onRow={(r) => ({ 'data-testid': `ledger-row-${r.caseId}` }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 件`,
          onChange: (p, s) => set({ page: String(p), size: s === PAGE_SIZE ? undefined : String(s) }),
        }}
        columns={ledgerColumns(true, auditNames)}
      />
    </Space>
  );
}

/** The ledger's columns, shared with the one-village view. */
export function ledgerColumns(withVillage = true, auditNames?: Map<string, string>) {
  return [
    {
      title: '预警',
      key: 'light',
      width: 80,
      render: (_: unknown, r: LedgerRow) =>
        r.light === 'none' ? (
          <Tag data-testid="case-light">已销号</Tag>
        ) : (
          <Tag color={lightColor(r.light)} data-testid="case-light">
            {r.lightLabel}
          </Tag>
        ),
    },
    ...(withVillage
      ? [
          {
            title: '村（社区）',
            key: 'village',
            render: (_: unknown, r: LedgerRow) => (
              <Link to={`/ledger/villages/${r.villageCode}`} data-testid={`ledger-village-${r.caseId}`}>
                {r.villageName}
              </Link>
            ),
          },
        ]
      : []),
    { title: '来源', dataIndex: 'sourceLabel', width: 100 },
    { title: '类别', key: 'category', width: 120, render: (_: unknown, r: LedgerRow) => categoryText(r, auditNames) },
    {
      title: '问题描述',
      dataIndex: 'description',
      ellipsis: true,
      render: (d: string, r: LedgerRow) => (
        <Link to={`/ledger/cases/${encodeURIComponent(r.caseId)}`} data-testid={`ledger-case-${r.caseId}`}>
          {d}
        </Link>
      ),
    },
    { title: '程度', dataIndex: 'severityLabel', width: 70 },
    { title: '责任人', key: 'person', render: (_: unknown, r: LedgerRow) => (r.responsiblePerson ? `${r.responsiblePerson.name}${r.responsiblePerson.post ? `（${r.responsiblePerson.post}）` : ''}` : r.responsibleUnit) },
    {
      title: '整改时限',
      key: 'due',
      width: 110,
      render: (_: unknown, r: LedgerRow) => <Tooltip title={`截止 ${formatDateTime(r.deadline.endsAt)}`}>{formatDate(r.deadline.due)}</Tooltip>,
    },
    {
      title: '剩余时间',
      key: 'countdown',
      width: 150,
      render: (_: unknown, r: LedgerRow) => (
        <Typography.Text type={r.light === 'red' ? 'danger' : r.light === 'yellow' ? 'warning' : undefined} data-testid="case-countdown">
          {countdownText(r)}
        </Typography.Text>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: CaseStatus, r: LedgerRow) => (
        <Tag color={STATUS_COLORS[s]} data-testid="case-status">
          {r.statusLabel}
        </Tag>
      ),
    },
    { title: '最新进展', dataIndex: 'latestProgress', ellipsis: true, render: (p: string | null) => p ?? '—' },
  ];
}
