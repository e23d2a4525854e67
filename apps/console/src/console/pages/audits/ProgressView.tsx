import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Chart, type ChartOption } from '../../../shared/Chart';
import { useApi } from '../../../shared/useApi';
import { ElectionSelect } from './ElectionSelect';
import { STATUS_COLORS, STATUS_LABELS, type Progress } from './model';

/** Before an election: audited and published vs planned, and the villages whose election the audits still hold back, with why. */
export function ProgressView() {
  const [params, setParams] = useSearchParams();
  const electionId = params.get('electionId') ?? undefined;
  const { data, error, loading } = useApi<Progress>(electionId ? `/auditing/elections/${encodeURIComponent(electionId)}/progress` : null);
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const notStarted = data.planned - data.inFieldwork - data.concluded;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 100, right: 40, top: 20, bottom: 30 },
      xAxis: { type: 'value', max: Math.max(data.planned, 1), minInterval: 1 },
      yAxis: { type: 'category', data: ['已公示', '已出结论', '审计中', '未开始', '计划审计'], inverse: true },
      series: [
        {
          type: 'bar',
          barWidth: 18,
          label: { show: true, position: 'right', formatter: '{c} 个村' },
          data: [
            { value: data.published, itemStyle: { color: '#52c41a' } },
            { value: data.concluded, itemStyle: { color: '#13c2c2' } },
            { value: data.inFieldwork, itemStyle: { color: '#1677ff' } },
            { value: notStarted, itemStyle: { color: '#bfbfbf' } },
            { value: data.planned, itemStyle: { color: '#595959' } },
          ],
        },
      ],
    };
  }, [data]);
  const pct = (n: number) => (data && data.planned ? `${Math.round((n / data.planned) * 1000) / 10}%` : '—');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ElectionSelect
        value={electionId}
        allowClear={false}
        onChange={(v) => setParams((p) => {
          const n = new URLSearchParams(p);
          if (v) n.set('electionId', v);
          else n.delete('electionId');
          return n;
        })}
        testId="progress-election"
      />
      {!electionId && <Empty description="请选择一次换届，查看其离任审计进度" />}
      {error && <Alert type="error" title={error} showIcon />}
      {data && (
        <div data-testid="audit-progress">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={4}>
              <Card loading={loading && !data}>
                <Statistic title="计划审计" value={data.planned} suffix="个村" />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card>
                <Statistic title="审计中" value={data.inFieldwork} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card>
                <Statistic title={`已出结论（${pct(data.concluded)}）`} value={data.concluded} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card>
                <Statistic title={`已公示（${pct(data.published)}）`} value={data.published} data-testid="progress-published" />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card>
                <Statistic title="严重问题未整改" value={data.seriousOpen} styles={{ content: data.seriousOpen ? { color: '#cf1322' } : undefined }} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card>
                <Statistic title="影响换届的村" value={data.blockingVillages} styles={{ content: data.blockingVillages ? { color: '#cf1322' } : undefined }} data-testid="progress-blocking" />
              </Card>
            </Col>
          </Row>
          <Card title="审计进度" style={{ marginTop: 16 }}>
            {option && <Chart option={option} height={240} testId="progress-chart" />}
          </Card>
          <Card title="暂不能进入投票环节的村" style={{ marginTop: 16 }}>
            <Table
              rowKey="villageCode"
              size="small"
              dataSource={data.blocking}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="progress-blocking-table"
              locale={{ emptyText: '没有因审计而暂停换届的村' }}
              columns={[
                {
                  title: '村（社区）',
                  dataIndex: 'villageName',
                  render: (n: string, r) => <Link to={`/audits/engagements/${encodeURIComponent(r.engagementId)}`}>{n}</Link>,
                },
                { title: '审计状态', dataIndex: 'status', render: (s: Progress['blocking'][number]['status']) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag> },
                { title: '严重问题未整改', dataIndex: 'seriousOpen', align: 'right' },
                {
                  title: '原因',
                  dataIndex: 'reasons',
                  render: (rs: string[]) => (
                    <Space orientation="vertical" size={0}>
                      {rs.map((r) => (
                        <Typography.Text key={r} type="danger">
                          {r}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </div>
      )}
    </Space>
  );
}
