import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { download } from '../../../shared/api';
import { formatDate } from '../../../shared/time';
import { useApi } from '../../../shared/useApi';
import { ElectionSelect } from './ElectionSelect';
import { formatYuan, KIND_LABELS, personsText, STATUS_COLORS, STATUS_LABELS, type EngagementRow, type EngagementStatus } from './model';

const PAGE_SIZE = 20;

/** Engagements: filters in the query string (shareable), paginated on the server. */
export function EngagementList() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const electionId = params.get('electionId') ?? undefined;
  const status = params.get('status') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const village = params.get('village') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? PAGE_SIZE) || PAGE_SIZE;
  const [code, setCode] = useState(village ?? '');
  const [busy, setBusy] = useState(false);
  const { data, error, loading } = useApi<{ total: number; rows: EngagementRow[] }>('/auditing/engagements', {
    electionId,
    status,
    kind,
    village,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const exportFindings = async () => {
    setBusy(true);
    try {
      await download('/auditing/findings.xlsx', '审计发现问题汇总表.xlsx', { query: { electionId } });
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <ElectionSelect value={electionId} onChange={(v) => set({ electionId: v })} testId="audits-filter-election" />
        <Select
          mode="multiple"
          allowClear
          placeholder="审计状态"
          style={{ minWidth: 200 }}
          value={status ? status.split(',') : []}
          onChange={(v: string[]) => set({ status: v.join(',') || undefined })}
          options={(Object.keys(STATUS_LABELS) as EngagementStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <Select
          allowClear
          placeholder="审计类型"
          style={{ minWidth: 160 }}
          value={kind}
          onChange={(v) => set({ kind: v ?? undefined })}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Input.Search
          placeholder="乡镇或村代码"
          allowClear
          style={{ width: 220 }}
          value={code}
          onChange={(e) => setCode(e.target.value.trim())}
          onSearch={(v) => {
            const c = v.trim();
            if (c && !/^\d{6,12}$/.test(c)) {
              message.warning('区划代码应为 6 至 12 位数字');
              return;
            }
            set({ village: c || undefined });
          }}
          data-testid="audits-filter-village"
        />
        <Button onClick={exportFindings} loading={busy} data-testid="audits-export-findings">
          下载问题汇总表（Excel）
        </Button>
      </Space>
      {error && <Alert type="error" title={error} showIcon />}
      <Table<EngagementRow>
        rowKey="engagementId"
        size="middle"
        loading={loading}
        dataSource={data?.rows ?? []}
        data-testid="engagements-table"
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 项`,
          onChange: (p, s) => set({ page: String(p), size: s === PAGE_SIZE ? undefined : String(s) }),
        }}
        onRow={(r) => ({ 'data-testid': `engagement-row-${r.villageCode}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '村（社区）',
            key: 'village',
            render: (_, r) => (
              <Link to={`engagements/${encodeURIComponent(r.engagementId)}`} data-testid={`engagement-link-${r.villageCode}`}>
                {r.villageName}
              </Link>
            ),
          },
          { title: '类型', dataIndex: 'kind', render: (k: EngagementRow['kind']) => KIND_LABELS[k] },
          { title: '被审计人', key: 'persons', render: (_, r) => personsText(r.persons) },
          { title: '审计期间', key: 'period', render: (_, r) => `${formatDate(r.periodFrom)} 至 ${formatDate(r.periodTo)}` },
          { title: '状态', dataIndex: 'status', render: (s: EngagementStatus, r) => <Tag color={STATUS_COLORS[s]}>{r.statusLabel ?? STATUS_LABELS[s]}</Tag> },
          { title: '问题数', dataIndex: 'findings', align: 'right' },
          {
            title: '严重问题未整改',
            dataIndex: 'seriousOpen',
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
          { title: '问题金额（元）', dataIndex: 'amount', align: 'right', render: (a: string | null) => formatYuan(a) },
          { title: '公示截止', dataIndex: 'noticeEndsOn', render: (d: string | null) => formatDate(d) },
        ]}
      />
    </Space>
  );
}
