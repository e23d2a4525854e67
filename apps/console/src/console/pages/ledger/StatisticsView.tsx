import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Card, Col, Radio, Row, Space, Statistic, Table } from 'antd';
import { Chart, type ChartOption } from '../../../shared/Chart';
import { useApi } from '../../../shared/useApi';
import type { StatsRow } from './model';

type By = 'village' | 'township' | 'county';
const BY_LABELS: Record<By, string> = { village: '按村（社区）', township: '按乡镇', county: '全县' };

const rate = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}%`);

/** 销号率 and overdue counts per village / township / county (GET /grievance/ledger/statistics?by=). */
export function StatisticsView() {
  const [params, setParams] = useSearchParams();
  const by = (params.get('by') as By | null) ?? 'township';
  const { data, error, loading } = useApi<{ rows: StatsRow[]; total: StatsRow }>('/grievance/ledger/statistics', { by });
  const option = useMemo<ChartOption | null>(() => {
    if (!data?.rows.length) return null;
    const rows = data.rows;
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['销号率', '逾期件数'] },
      grid: { left: 50, right: 50, top: 40, bottom: rows.length > 8 ? 90 : 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: rows.length > 8 ? 40 : 0, interval: 0 } },
      yAxis: [
        { type: 'value', name: '销号率（%）', max: 100, min: 0 },
        { type: 'value', name: '逾期（件）', minInterval: 1 },
      ],
      series: [
        { name: '销号率', type: 'bar', data: rows.map((r) => r.closureRate ?? 0), itemStyle: { color: '#52c41a' }, label: { show: rows.length <= 12, position: 'top', formatter: '{c}%' } },
        { name: '逾期件数', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.overdue), itemStyle: { color: '#cf1322' } },
      ],
    };
  }, [data]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Radio.Group
        value={by}
        optionType="button"
        onChange={(e) => setParams({ tab: 'statistics', by: e.target.value })}
        options={(Object.keys(BY_LABELS) as By[]).map((b) => ({ value: b, label: BY_LABELS[b] }))}
        data-testid="stats-by"
      />
      {error && <Alert type="error" title={error} showIcon />}
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="问题总数" value={data.total.total} suffix="件" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="已销号" value={data.total.closed} suffix="件" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="销号率" value={rate(data.total.closureRate)} data-testid="stats-total-rate" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="逾期未销号" value={data.total.overdue} suffix="件" styles={{ content: data.total.overdue ? { color: '#cf1322' } : undefined }} />
            </Card>
          </Col>
        </Row>
      )}
      {option && (
        <Card title={`销号率与逾期（${BY_LABELS[by]}）`}>
          <Chart option={option} height={320} testId="stats-chart" />
        </Card>
      )}
      <Table<StatsRow>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="stats-table"
        columns={[
          { title: '地区', dataIndex: 'name' },
          { title: '问题总数', dataIndex: 'total', align: 'right' },
          { title: '已销号', dataIndex: 'closed', align: 'right' },
          { title: '未销号', dataIndex: 'open', align: 'right' },
          { title: '逾期', dataIndex: 'overdue', align: 'right' },
          { title: '约谈/诫勉', dataIndex: 'escalated', align: 'right' },
          { title: '销号率', dataIndex: 'closureRate', align: 'right', render: (r: number | null, row) => <span data-testid={`stats-rate-${row.code}`}>{rate(r)}</span> },
        ]}
      />
    </Space>
  );
}
