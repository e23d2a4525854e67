import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Table, Tag } from 'antd';
import { formatDate, formatDateTime } from '../../../shared/time';
import { hasRole, useUser } from '../../auth';
import { listElections, type ElectionRow } from './vetting-api';

const PAGE_SIZE = 20;

export function ElectionList() {
  const user = useUser();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ elections: ElectionRow[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    listElections({ page, pageSize: PAGE_SIZE })
      .then((r) => live && setData(r))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [page]);
  return (
    <Card title="换届联审" extra={hasRole(user, 'org_dept', 'township') && <Link to="/elections/targets">县定目标完成情况</Link>}>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      <Table<ElectionRow>
        rowKey="election_id"
        loading={!data && !error}
        dataSource={data?.elections ?? []}
        data-testid="election-list"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 次换届` }}
        locale={{ emptyText: '暂无换届' }}
        columns={[
          {
            title: '换届名称',
            dataIndex: 'name',
            render: (n: string, e) => (
              <Link to={`/elections/${e.election_id}`} data-testid={`election-link-${e.election_id}`}>
                {n}
              </Link>
            ),
          },
          { title: '编号', dataIndex: 'election_id' },
          { title: '政策包', render: (_: unknown, e) => `${e.policy_id} v${e.policy_version}` },
          { title: '村（社区）数', dataIndex: 'villages' },
          { title: '闸门关闭', dataIndex: 'gates_closed', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
          { title: '已交接', dataIndex: 'handed_over' },
          { title: '投票日', dataIndex: 'voting_from', render: (d: string | null) => formatDate(d) },
          { title: '开始时间', dataIndex: 'opened_at', render: (t: string) => formatDateTime(t) },
        ]}
      />
    </Card>
  );
}
