import { Link, useParams } from 'react-router';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag } from 'antd';
import { useApi } from '../../../shared/useApi';
import { ledgerColumns } from './LedgerList';
import type { LedgerRow } from './model';
import { useAuditCategoryNames } from './useAuditCategoryNames';

interface Plan {
  villageCode: string;
  villageName: string;
  bySource: { kind: string; label: string; open: number }[];
  items: LedgerRow[];
}

/** 一村一策: every open item of one village across sources, most urgent first. */
export function VillagePlan() {
  const { code = '' } = useParams();
  const auditNames = useAuditCategoryNames();
  const { data, error } = useApi<Plan>(`/grievance/ledger/villages/${encodeURIComponent(code)}`);
  if (!data) return error ? <Alert type="error" title={error} showIcon /> : <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="village-plan">
      <Link to="/ledger">← 返回整改台账</Link>
      <Card title={`一村一策 · ${data.villageName}`}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="村（社区）代码">{data.villageCode}</Descriptions.Item>
          <Descriptions.Item label="未销号问题">{data.items.length} 件</Descriptions.Item>
          <Descriptions.Item label="按来源">
            <Space wrap>
              {data.bySource.length
                ? data.bySource.map((s) => (
                    <Tag key={s.kind}>
                      {s.label} {s.open}
                    </Tag>
                  ))
                : '—'}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Table<LedgerRow>
        rowKey="caseId"
        size="middle"
        dataSource={data.items}
        columns={ledgerColumns(false, auditNames)}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '本村没有未销号的问题' }}
        data-testid="village-plan-table"
      />
    </Space>
  );
}
