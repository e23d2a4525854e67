// 两委基本情况: the figures a report opens with, as charts, and the same as Excel.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Descriptions, Flex, Row, Statistic } from 'antd';
import { api, download, withQuery } from '../../../shared/api';
import { Chart, type ChartOption } from '../../../shared/Chart';
import { todayInShanghai } from '../../../shared/time';
import { useUser } from '../../auth';
import { VillagePicker } from '../hierarchy/VillagePicker';
import { DateField } from './DateField';

interface Figures {
  date: string;
  scopeName: string;
  lastElectionDate: string;
  cadres: number;
  partyCommittee: number;
  villagersCommittee: number;
  crossAppointed: number;
  oneShoulder: number;
  partyStatus: Record<string, number>;
  women: number;
  ageBands: { under45: number; from45to54: number; from55: number };
  averageAge: number;
  education: Record<string, number>;
  disciplinedSinceElection: number;
  disciplinedInEffect: number;
  reserve: number;
}

const pie = (title: string, data: { name: string; value: number }[]): ChartOption => ({
  title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
  tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
  legend: { bottom: 0 },
  series: [{ type: 'pie', radius: ['35%', '65%'], data, label: { formatter: '{b}\n{c}' } }],
});

export function BasicSituationView() {
  const user = useUser();
  const { message } = App.useApp();
  const [scope, setScope] = useState<string | undefined>(undefined);
  const [date, setDate] = useState(todayInShanghai());
  const [lastElectionDate, setLast] = useState('2021-01-15');
  const [figures, setFigures] = useState<Figures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = { scope: scope ?? user.node, date, lastElectionDate };

  useEffect(() => {
    let live = true;
    setError(null);
    api<Figures>('/vetting/roster/basic-situation', { query: { scope: scope ?? user.node, date, lastElectionDate } })
      .then((f) => live && setFigures(f))
      .catch((err: Error) => {
        if (!live) return;
        setFigures(null);
        setError(err.message);
      });
    return () => {
      live = false;
    };
  }, [scope, user.node, date, lastElectionDate]);

  const charts = useMemo(() => {
    if (!figures) return null;
    const f = figures;
    return {
      age: pie('年龄结构', [
        { name: '44 周岁及以下', value: f.ageBands.under45 },
        { name: '45—54 周岁', value: f.ageBands.from45to54 },
        { name: '55 周岁及以上', value: f.ageBands.from55 },
      ]),
      education: pie('学历结构', Object.entries(f.education).map(([name, value]) => ({ name, value }))),
      party: pie('政治面貌', Object.entries(f.partyStatus).map(([name, value]) => ({ name, value }))),
      structure: {
        title: { text: '班子结构', left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, bottom: 40 },
        xAxis: { type: 'category', data: ['两委干部', '村党组织', '村委会', '交叉任职', '一肩挑', '女性', '后备干部', '换届后受处分'], axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', name: '人' },
        series: [{ type: 'bar', data: [f.cadres, f.partyCommittee, f.villagersCommittee, f.crossAppointed, f.oneShoulder, f.women, f.reserve, f.disciplinedSinceElection], label: { show: true, position: 'top' } }],
      } as ChartOption,
    };
  }, [figures]);

  const exportXlsx = () =>
    download(withQuery('/vetting/roster/basic-situation.xlsx', query), 'basic-situation.xlsx').catch((err: Error) => message.error(err.message));

  return (
    <Flex vertical gap={16} data-testid="basic-situation">
      <Flex gap={16} wrap align="center">
        <VillagePicker value={scope} onChange={(c) => setScope(c)} levels={['township', 'village']} placeholder="统计范围（默认本辖区）" />
        <span>
          统计日期 <DateField value={date} onChange={(v) => v && setDate(v)} />
        </span>
        <span>
          上次换届日期 <DateField value={lastElectionDate} onChange={(v) => v && setLast(v)} />
        </span>
        <Button onClick={exportXlsx} disabled={!figures} data-testid="basic-situation-export">
          导出 Excel
        </Button>
      </Flex>
      {error && <Alert type="error" title={error} />}
      {figures && charts && (
        <>
          <Descriptions size="small" column={4} items={[{ key: 's', label: '范围', children: figures.scopeName }, { key: 'd', label: '统计日期', children: figures.date }, { key: 'l', label: '上次换届', children: figures.lastElectionDate }, { key: 'a', label: '平均年龄', children: `${figures.averageAge} 岁` }]} />
          <Flex gap={48} wrap>
            <Statistic title="两委干部" value={figures.cadres} suffix="人" />
            <Statistic title="一肩挑" value={figures.oneShoulder} suffix="人" />
            <Statistic title="女性" value={figures.women} suffix="人" />
            <Statistic title="换届后受处分" value={figures.disciplinedSinceElection} suffix="人" />
            <Statistic title="处分影响期内" value={figures.disciplinedInEffect} suffix="人" />
          </Flex>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Chart option={charts.structure} testId="chart-structure" />
            </Col>
            <Col xs={24} lg={12}>
              <Chart option={charts.age} testId="chart-age" />
            </Col>
            <Col xs={24} lg={12}>
              <Chart option={charts.education} testId="chart-education" />
            </Col>
            <Col xs={24} lg={12}>
              <Chart option={charts.party} testId="chart-party" />
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
}
