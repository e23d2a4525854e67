// 一村一档: every subject of the campaign's groups with its dossier's status; a work group opens its
// village's dossier from here (a subject not yet written shows as an empty draft).
import { Link } from 'react-router';
import { Alert, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../../../shared/useApi';
import { campaignPath, type CampaignDetail, type DossierRow } from './campaign-api';
import { DOSSIER_STATUS_COLORS } from './labels';

export function DossierList({ campaign }: { campaign: CampaignDetail }) {
  const [group, setGroup] = useState<string | undefined>();
  const { data, error, loading } = useApi<DossierRow[]>(`${campaignPath(campaign.campaignId)}/dossiers`);
  const rows = (data ?? []).filter((d) => !group || d.groupId === group);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select allowClear placeholder="全部工作组" style={{ width: 200 }} value={group} onChange={setGroup} options={campaign.groups.map((g) => ({ value: g.groupId, label: g.name }))} />
      {error && <Alert type="error" title={error} />}
      <Table<DossierRow>
        rowKey="subjectCode"
        size="small"
        loading={loading}
        dataSource={rows}
        scroll={{ x: 600 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '尚未给工作组分配村（社区）' }}
        data-testid="dossier-list"
        columns={[
          {
            title: '对象',
            dataIndex: 'subjectName',
            render: (n: string, d) => (
              <Link to={`dossiers/${encodeURIComponent(d.subjectCode)}`} data-testid={`dossier-link-${d.subjectCode}`}>
                {d.subjectKind === 'township' ? `${n}领导班子` : n}
              </Link>
            ),
          },
          { title: '工作组', dataIndex: 'groupName' },
          { title: '状态', dataIndex: 'status', render: (s: DossierRow['status'], d) => <Tag color={DOSSIER_STATUS_COLORS[s]}>{d.statusLabel}</Tag> },
          { title: '班子评价', dataIndex: 'teamGrade', render: (g: string | null) => g ?? '—' },
          { title: '问题 / 整改 / 销号', key: 'p', render: (_, d) => `${d.problems} / ${d.accepted} / ${d.closed}` },
        ]}
      />
    </Space>
  );
}
