// 村情: one village's current two committees (roster holdings), its elections and the ways into the
// other modules. A village outside the user's node answers 403/404: the page shows 无权访问 and
// nothing of the village (no other request is made before the node check passes).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Card, Descriptions, Flex, Result, Spin, Table, Tag } from 'antd';
import { ApiError, api } from '../../../shared/api';
import { formatDateTime, todayInShanghai } from '../../../shared/time';
import { hasRole, useUser } from '../../auth';
import { ELECTION_READERS, ROSTER_READERS, STAGE_LABELS } from '../elections/labels';
import { listElections, type ElectionRow } from '../elections/vetting-api';
import { getNode, LEVEL_LABELS, type DivisionNode } from './hierarchy-api';
import { MemberTable, type Member } from '../roster/MemberTable';

type NodeState = { kind: 'loading' } | { kind: 'forbidden'; message: string } | { kind: 'error'; message: string } | { kind: 'ok'; node: DivisionNode; ancestors: DivisionNode[] };

export default function VillagePage() {
  const { code = '' } = useParams();
  const user = useUser();
  const [state, setState] = useState<NodeState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    getNode(code)
      .then((r) => {
        if (!live) return;
        if (r.node.level !== 'village') setState({ kind: 'error', message: `${r.node.name}不是村（社区）` });
        else setState({ kind: 'ok', node: r.node, ancestors: r.ancestors });
      })
      .catch((err: Error) => {
        if (!live) return;
        const denied = err instanceof ApiError && (err.status === 403 || err.status === 404);
        setState(denied ? { kind: 'forbidden', message: err.message } : { kind: 'error', message: err.message });
      });
    return () => {
      live = false;
    };
  }, [code]);

  if (state.kind === 'loading') return <Spin />;
  if (state.kind === 'forbidden') {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="该村（社区）不存在或不在您的管辖范围内。"
        extra={<Link to="/hierarchy">返回行政区划</Link>}
        data-testid="village-forbidden"
      />
    );
  }
  if (state.kind === 'error') return <Result status="error" title="无法打开该村（社区）" subTitle={state.message} data-testid="village-error" />;

  const { node, ancestors } = state;
  return (
    <Flex vertical gap={16} data-testid="village-page">
      <Breadcrumb items={[...ancestors, node].map((n) => ({ key: n.code, title: n.name }))} />
      <Card title={<span data-testid="village-name">{node.name}</span>}>
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'code', label: '区划代码', children: node.code12 },
            { key: 'level', label: '级别', children: LEVEL_LABELS[node.level] },
            { key: 'kind', label: '类别', children: node.villageKind === 'community' ? '社区' : '村' },
          ]}
        />
        <Flex gap={16} wrap style={{ marginTop: 12 }} data-testid="village-links">
          {hasRole(user, ...ROSTER_READERS) && <Link to={`/roster?village=${node.code}`}>班子名册</Link>}
          {hasRole(user, ...ELECTION_READERS) && <Link to="/elections">换届联审</Link>}
          {hasRole(user, 'discipline', 'org_dept', 'township', 'admin') && <Link to={`/tips?village=${node.code}`}>举报受理</Link>}
          {hasRole(user, 'auditor', 'org_dept', 'discipline', 'township', 'admin') && <Link to={`/audits?village=${node.code}`}>离任审计</Link>}
          <Link to={`/ledger?village=${node.code}`}>整改销号</Link>
        </Flex>
      </Card>
      {hasRole(user, ...ROSTER_READERS) && <Members code={node.code} />}
      {hasRole(user, ...ELECTION_READERS) && <Elections code={node.code} />}
    </Flex>
  );
}

function Members({ code }: { code: string }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ members: Member[] }>(`/vetting/roster/villages/${code}`)
      .then((r) => live && setMembers(r.members))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [code]);
  // Reserve cadres (后备干部) are on the roster but not in the committees.
  const current = members?.map((m) => ({ ...m, posts: m.posts.filter((p) => p.body !== 'reserve') })).filter((m) => m.posts.length > 0) ?? null;
  return (
    <Card title={`现任两委班子（${todayInShanghai()}）`} extra={<Link to={`/roster?village=${code}`}>导入 / 管理名册</Link>}>
      {error && <Alert type="error" title={error} />}
      <MemberTable members={current ?? []} loading={!members && !error} testId="village-members" emptyText="名册中暂无现任两委成员" />
    </Card>
  );
}

function Elections({ code }: { code: string }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ elections: ElectionRow[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    listElections({ village: code, page, pageSize: 10 })
      .then((r) => live && setData(r))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [code, page]);
  return (
    <Card title="换届">
      {error && <Alert type="error" title={error} />}
      <Table<ElectionRow>
        rowKey="election_id"
        size="small"
        loading={!data && !error}
        dataSource={data?.elections ?? []}
        data-testid="village-elections"
        pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        locale={{ emptyText: '本村暂无换届' }}
        columns={[
          { title: '换届', dataIndex: 'name', render: (n: string, e) => <Link to={`/elections/${e.election_id}/villages/${code}`}>{n}</Link> },
          { title: '本村阶段', dataIndex: 'village_stage', render: (s?: string) => (s ? STAGE_LABELS[s] ?? s : '—') },
          {
            title: '选举闸门',
            dataIndex: 'village_gate_open',
            render: (open?: boolean) => (open === undefined ? '—' : open ? <Tag color="green">已开启</Tag> : <Tag color="red">关闭</Tag>),
          },
          { title: '开始时间', dataIndex: 'opened_at', render: (t: string) => formatDateTime(t) },
        ]}
      />
    </Card>
  );
}
