// 县定目标: the two committees' structure against the pack's targets, on a date, optionally
// compared with an earlier date (GET /vetting/targets).
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Breadcrumb, Card, Flex, Table, Tag, Typography } from 'antd';
import { api } from '../../../shared/api';
import { Chart, type ChartOption } from '../../../shared/Chart';
import { todayInShanghai } from '../../../shared/time';
import { DateField } from '../roster/DateField';

interface TargetLine {
  id: string;
  label: string;
  kind: 'share' | 'mean';
  value: { numerator: number; denominator: number };
  display: string | null;
  target: { comparison: 'atLeast' | 'atMost'; value: number; display: string } | null;
  status: 'met' | 'not_met' | 'no_target' | 'no_data';
}
interface Report {
  date: string;
  packId: string;
  secretaries: number;
  members: number;
  villages: number;
  lines: TargetLine[];
}
interface Comparison {
  before: Report;
  after: Report;
  changes: { id: string; label: string; change: string | null }[];
}

const STATUS: Record<string, { text: string; color: string }> = {
  met: { text: '达标', color: 'green' },
  not_met: { text: '未达标', color: 'red' },
  no_target: { text: '无目标', color: 'default' },
  no_data: { text: '无数据', color: 'default' },
};

/** A line's value as a number on its chart's scale: percent for shares, years for means. */
function numeric(l: TargetLine): number | null {
  if (!l.value.denominator) return null;
  const x = l.value.numerator / l.value.denominator;
  return Math.round((l.kind === 'share' ? x * 100 : x) * 10) / 10;
}
const targetNumeric = (l: TargetLine) => (l.target ? Math.round((l.kind === 'share' ? l.target.value * 100 : l.target.value) * 10) / 10 : null);

export function TargetsView() {
  const [after, setAfter] = useState(todayInShanghai());
  const [before, setBefore] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [cmp, setCmp] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api<{ report: Report } | Comparison>('/vetting/targets', { query: { after, before: before || undefined } })
      .then((r) => {
        if (!live) return;
        if ('report' in r) {
          setReport(r.report);
          setCmp(null);
        } else {
          setReport(r.after);
          setCmp(r);
        }
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [after, before]);

  const chart = useMemo<ChartOption | null>(() => {
    if (!report) return null;
    const shares = report.lines.filter((l) => l.kind === 'share');
    const series: object[] = [];
    if (cmp) series.push({ name: `${cmp.before.date} 实际`, type: 'bar', data: cmp.before.lines.filter((l) => l.kind === 'share').map(numeric) });
    series.push({ name: `${report.date} 实际`, type: 'bar', data: shares.map(numeric) });
    series.push({ name: '县定目标', type: 'line', data: shares.map(targetNumeric), symbol: 'diamond', symbolSize: 10, lineStyle: { type: 'dashed' } });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 48, bottom: 56 },
      xAxis: { type: 'category', data: shares.map((l) => l.label), axisLabel: { interval: 0, width: 150, overflow: 'break' } },
      yAxis: { type: 'value', name: '%', max: 100 },
      series,
    };
  }, [report, cmp]);

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ key: 'l', title: <Link to="/elections">换届联审</Link> }, { key: 't', title: '县定目标完成情况' }]} />
      <Card title="县定目标完成情况" data-testid="targets">
        <Flex gap={16} wrap style={{ marginBottom: 16 }} align="center">
          <span>
            统计日期 <DateField value={after} onChange={(v) => v && setAfter(v)} testId="targets-after" />
          </span>
          <span>
            对比日期（换届前） <DateField value={before} onChange={setBefore} allowClear testId="targets-before" />
          </span>
          {report && (
            <Typography.Text type="secondary">
              政策包 {report.packId} · 书记 {report.secretaries} 人 · 两委干部 {report.members} 人 · 村（社区） {report.villages} 个
            </Typography.Text>
          )}
        </Flex>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
        {chart && <Chart option={chart} height={320} testId="targets-chart" />}
        <Table<TargetLine>
          rowKey="id"
          size="small"
          loading={!report && !error}
          pagination={false}
          dataSource={report?.lines ?? []}
          data-testid="targets-table"
          columns={[
            { title: '指标', dataIndex: 'label' },
            { title: '实际', render: (_: unknown, l) => l.display ?? '—' },
            { title: '计算', render: (_: unknown, l) => (l.value.denominator ? `${l.value.numerator} / ${l.value.denominator}` : '—') },
            { title: '县定目标', render: (_: unknown, l) => (l.target ? l.target.display : '—') },
            { title: '结论', dataIndex: 'status', render: (s: string) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.text ?? s}</Tag> },
            ...(cmp
              ? [
                  { title: `${cmp.before.date}`, key: 'before', render: (_: unknown, l: TargetLine) => cmp.before.lines.find((b) => b.id === l.id)?.display ?? '—' },
                  { title: '变化', key: 'change', render: (_: unknown, l: TargetLine) => cmp.changes.find((c) => c.id === l.id)?.change ?? '—' },
                ]
              : []),
          ]}
        />
      </Card>
    </Flex>
  );
}
