// Figures per township, month or category for a period, drawn with ECharts, with the sentence a
// report can quote (the server's), and the same rows as a table.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Radio, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../shared/api';
import { Chart, type ChartOption } from '../../../shared/Chart';
import { todayInShanghai } from '../../../shared/time';
import { useOwnChildren } from './usePlaces';

interface StatsRow {
  key: string;
  label: string;
  received: number;
  repeats: number;
  accepted: number;
  concluded: number;
  concludedWithinLimit: number;
  concludedWithinLimitPct: number | null;
  substantiated: number;
  substantiatedPct: number | null;
  electionRelated: number;
  falseAccusations: number;
}

type By = 'township' | 'month' | 'category';

export default function TipStats() {
  const today = todayInShanghai();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)]);
  const [by, setBy] = useState<By>('township');
  const [data, setData] = useState<{ rows: StatsRow[]; total: StatsRow; sentence: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const own = useOwnChildren();
  const names = useMemo(() => new Map(own.flatMap((n) => [[n.code, n.name], [n.code12, n.name]] as const)), [own]);

  useEffect(() => {
    setError(null);
    api<{ rows: StatsRow[]; total: StatsRow; sentence: string }>('/tipline/tips/statistics', {
      query: { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), by },
    }).then(setData, (e) => setError(e.message));
  }, [range, by]);

  const rows = useMemo(
    () => (data?.rows ?? []).map((r) => ({ ...r, label: by === 'township' ? (r.key ? (names.get(r.key) ?? r.key) : '县本级/未关联村') : r.label })),
    [data, by, names],
  );

  const option: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['收到', '已办结', '属实或部分属实'] },
      grid: { left: 40, right: 16, bottom: 60, top: 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '收到', type: 'bar', data: rows.map((r) => r.received) },
        { name: '已办结', type: 'bar', data: rows.map((r) => r.concluded) },
        { name: '属实或部分属实', type: 'bar', data: rows.map((r) => r.substantiated) },
      ],
    }),
    [rows],
  );

  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <Radio.Group
          optionType="button"
          value={by}
          onChange={(e) => setBy(e.target.value)}
          options={[
            { value: 'township', label: '按乡镇' },
            { value: 'month', label: '按月份' },
            { value: 'category', label: '按类别' },
          ]}
          data-testid="stats-by"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <Alert type="info" title={data.sentence} data-testid="stats-sentence" />
      )}
      <Card size="small">
        <Chart option={option} height={320} testId="stats-chart" />
      </Card>
      <Table<StatsRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{data.total.received}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{data.total.repeats}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{data.total.accepted}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{data.total.concluded}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{pct(data.total.concludedWithinLimitPct)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{data.total.substantiated}</Table.Summary.Cell>
              <Table.Summary.Cell index={7}>{data.total.electionRelated}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          { title: by === 'township' ? '乡镇' : by === 'month' ? '月份' : '类别', dataIndex: 'label' },
          { title: '收到', dataIndex: 'received' },
          { title: '重复', dataIndex: 'repeats' },
          { title: '受理', dataIndex: 'accepted' },
          { title: '办结', dataIndex: 'concluded' },
          { title: '按期办结率', dataIndex: 'concludedWithinLimitPct', render: pct },
          { title: '属实/部分属实', dataIndex: 'substantiated' },
          { title: '选举相关', dataIndex: 'electionRelated' },
        ]}
      />
    </Space>
  );
}
