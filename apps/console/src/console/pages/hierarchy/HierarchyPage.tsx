// 行政区划: the county → township → village tree from the user's own node down (a township user sees
// only its villages), a breadcrumb back up to that node, and search by name or pinyin initials.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useUser } from '../../auth';
import { getChildren, getNode, LEVEL_LABELS, searchNodes, type DivisionNode } from './hierarchy-api';

const PAGE_SIZE = 20;

export default function HierarchyPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const code = params.get('node') ?? user.node;
  const q = params.get('q') ?? '';
  const [node, setNode] = useState<{ node: DivisionNode; ancestors: DivisionNode[] } | null>(null);
  const [rows, setRows] = useState<DivisionNode[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    setPage(1);
    const load = q
      ? searchNodes(q).then((found) => ({ node: null, rows: found }))
      : Promise.all([getNode(code), getChildren(code)]).then(([n, children]) => ({ node: n, rows: children }));
    load
      .then((r) => {
        if (!live) return;
        setNode(r.node);
        setRows(r.rows);
      })
      .catch((err: Error) => {
        if (!live) return;
        setNode(null);
        setRows([]);
        setError(err.message);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [code, q]);

  const open = (c: string) => setParams(c === user.node ? {} : { node: c });
  // Ancestors above the user's own node are shown for orientation only, not as links.
  const trail = node ? [...node.ancestors, node.node] : [];
  const ownIndex = trail.findIndex((n) => n.code === user.node);

  return (
    <Card
      title="行政区划"
      extra={
        <Input.Search
          allowClear
          defaultValue={q}
          key={q}
          placeholder="名称或拼音首字母，如 新安 / xaz"
          onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
          style={{ width: 320 }}
          data-testid="hierarchy-search"
        />
      }
    >
      <Flex vertical gap={16}>
        {q ? (
          <Flex gap={8} align="center">
            <Typography.Text>
              “{q}”的搜索结果（本辖区内，最多 50 条）
            </Typography.Text>
            <Button size="small" onClick={() => setParams({})}>
              返回区划树
            </Button>
          </Flex>
        ) : (
          <Breadcrumb
            data-testid="hierarchy-breadcrumb"
            items={trail.map((n, i) => ({
              key: n.code,
              title:
                i >= ownIndex && ownIndex >= 0 && i < trail.length - 1 ? (
                  <a onClick={() => open(n.code)}>{n.name}</a>
                ) : (
                  n.name
                ),
            }))}
          />
        )}
        {error && <Alert type="error" title={error} data-testid="hierarchy-error" />}
        <Table<DivisionNode>
          rowKey="code"
          size="middle"
          loading={loading}
          dataSource={rows}
          data-testid="hierarchy-children"
          onRow={(r) => ({ 'data-testid': `hierarchy-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{ current: page, pageSize: PAGE_SIZE, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 个` }}
          locale={{ emptyText: q ? '本辖区内没有匹配的地区' : '没有下级区划' }}
          columns={[
            {
              title: '名称',
              dataIndex: 'name',
              render: (name: string, r) =>
                r.level === 'village' ? (
                  <Link to={`/villages/${r.code}`} data-testid="hierarchy-village-link">
                    {name}
                  </Link>
                ) : (
                  <a onClick={() => open(r.code)} data-testid="hierarchy-open">
                    {name}
                  </a>
                ),
            },
            { title: '级别', dataIndex: 'level', render: (l: string) => <Tag>{LEVEL_LABELS[l] ?? l}</Tag>, width: 140 },
            { title: '区划代码', dataIndex: 'code12', width: 160 },
            { title: '拼音首字母', dataIndex: 'initials', width: 120 },
            {
              title: '操作',
              width: 220,
              render: (_: unknown, r) =>
                r.level === 'village' ? (
                  <Flex gap={12}>
                    <Link to={`/villages/${r.code}`}>村情</Link>
                    <Link to={`/roster?village=${r.code}`}>名册</Link>
                  </Flex>
                ) : (
                  <a onClick={() => open(r.code)}>查看下级</a>
                ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
