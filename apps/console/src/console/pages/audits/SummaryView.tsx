import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Card, Space, Table, Typography } from 'antd';
import { Chart, type ChartOption } from '../../../shared/Chart';
import { useApi } from '../../../shared/useApi';
import { ElectionSelect } from './ElectionSelect';
import { formatYuan, type Summary } from './model';

/** Amounts by finding category (exact sums from the server), for one election or every audit in the user's subtree. */
export function SummaryView() {
  const [params, setParams] = useSearchParams();
  const electionId = params.get('electionId') ?? undefined;
  const { data, error } = useApi<Summary>('/auditing/summary', { electionId });
  const option = useMemo<ChartOption | null>(() => {
    if (!data?.rows.length) return null;
    // Bar lengths need numbers; the labels and the table show the exact decimal strings.
    const exact = new Map(data.rows.map((r) => [r.categoryName, r.amount]));
    return {
      tooltip: { trigger: 'axis', formatter: (ps: { name: string }[]) => `${ps[0].name}：${formatYuan(exact.get(ps[0].name) ?? null)} 元` },
      grid: { left: 130, right: 120, top: 20, bottom: 30 },
      xAxis: { type: 'value', name: '元' },
      yAxis: { type: 'category', data: data.rows.map((r) => r.categoryName), inverse: true },
      series: [
        {
          type: 'bar',
          barWidth: 16,
          data: data.rows.map((r) => Number(r.amount)),
          label: { show: true, position: 'right', formatter: (p: { name: string }) => formatYuan(exact.get(p.name) ?? null) },
        },
      ],
    };
  }, [data]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ElectionSelect
        value={electionId}
        onChange={(v) =>
          setParams((p) => {
            const n = new URLSearchParams(p);
            if (v) n.set('electionId', v);
            else n.delete('electionId');
            return n;
          })
        }
      />
      {error && <Alert type="error" title={error} showIcon />}
      {option && (
        <Card title="问题金额（按类别）">
          <Chart option={option} height={Math.max(200, 40 * (data?.rows.length ?? 0) + 60)} testId="summary-chart" />
        </Card>
      )}
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={data?.rows ?? []}
        data-testid="summary-table"
        columns={[
          { title: '问题类别', dataIndex: 'categoryName' },
          { title: '问题数', dataIndex: 'findings', align: 'right' },
          { title: '其中严重', dataIndex: 'serious', align: 'right' },
          { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (a: string) => formatYuan(a) },
        ]}
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {data.findings}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {data.rows.reduce((n, r) => n + r.serious, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <span data-testid="summary-total">{formatYuan(data.total)}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Space>
  );
}
