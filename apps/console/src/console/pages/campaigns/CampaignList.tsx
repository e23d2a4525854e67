// The campaigns of the user's area, newest first as the server sends them, and the plan form.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import { formatDate } from '../../../shared/time';
import { useApi } from '../../../shared/useApi';
import { hasRole, useUser } from '../../auth';
import type { CampaignKind, CampaignRow } from './campaign-api';
import { KIND_LABELS, WRITERS } from './labels';
import { PlanForm } from './PlanForm';

export function CampaignList() {
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') ?? undefined) as CampaignKind | undefined;
  const [planning, setPlanning] = useState(false);
  const { data, error, loading } = useApi<CampaignRow[]>('/vetting/campaigns', { kind });
  return (
    <Card
      title="检查工作（回头看 · 届中分析 · 研判）"
      extra={
        hasRole(user, ...WRITERS) && (
          <Button type="primary" onClick={() => setPlanning(true)} data-testid="campaign-new">
            制定工作方案
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          allowClear
          placeholder="工作类型"
          style={{ width: 180 }}
          value={kind}
          onChange={(v?: string) => setParams(v ? { kind: v } : {})}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      <Table<CampaignRow>
        rowKey="campaignId"
        loading={loading}
        dataSource={data ?? []}
        scroll={{ x: 720 }}
        data-testid="campaign-list"
        locale={{ emptyText: '暂无检查工作' }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (n: string, c) => (
              <Link to={encodeURIComponent(c.campaignId)} data-testid={`campaign-link-${c.campaignId}`}>
                {n}
              </Link>
            ),
          },
          { title: '类型', dataIndex: 'kindLabel', render: (l: string, c) => l || KIND_LABELS[c.kind] },
          { title: '范围', dataIndex: 'scopeName', render: (n: string, c) => n || c.scope },
          { title: '时间', key: 'period', render: (_, c) => `${formatDate(c.period.from)} 至 ${formatDate(c.period.to)}` },
          { title: '工作组', dataIndex: 'groups', align: 'right' },
          { title: '审定 / 对象', key: 'progress', align: 'right', render: (_, c) => `${c.approved} / ${c.subjects}` },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={s === 'closed' || s === '已结束' ? 'default' : 'processing'}>{s === 'closed' ? '已结束' : s === 'open' ? '进行中' : s}</Tag> },
        ]}
      />
      <PlanForm open={planning} onCancel={() => setPlanning(false)} onDone={(id) => navigate(encodeURIComponent(id))} />
    </Card>
  );
}
