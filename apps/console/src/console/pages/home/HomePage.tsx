// 工作台: the user's node at a glance. Open and overdue tips, cases by light, the latest election's
// audits and stages, each with a chart and a link to its page. A card whose API refuses the role
// (403) is not shown; another failure shows its message in the card.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Col, Empty, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { api, ApiError } from '../../../shared/api';
import { Chart, type ChartOption } from '../../../shared/Chart';
import { todayInShanghai } from '../../../shared/time';
import { hasRole, useUser } from '../../auth';
import { loadTipAccess } from '../tips/useTipAccess';

type Load<T> = { state: 'loading' } | { state: 'hidden' } | { state: 'error'; message: string } | { state: 'ok'; data: T };

/**
 * Readers of each service's figures (as the services' controllers allow): a card is not even asked
 * for when the role cannot read it, and a 403 all the same hides it.
 */
const READERS = {
  tips: ['discipline', 'org_dept', 'township'],
  ledger: ['township', 'org_dept', 'discipline', 'liaison', 'auditor'],
  audits: ['auditor', 'org_dept', 'discipline', 'township'],
  elections: ['org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept'],
};

/** Runs a loader once per user when `enabled`; 403 hides the card. */
function useLoad<T>(load: () => Promise<T>, key: string, enabled: boolean): Load<T> {
  const [s, set] = useState<Load<T>>(enabled ? { state: 'loading' } : { state: 'hidden' });
  useEffect(() => {
    let live = true;
    if (!enabled) {
      set({ state: 'hidden' });
      return;
    }
    set({ state: 'loading' });
    load()
      .then((data) => live && set({ state: 'ok', data }))
      .catch((err) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 403) set({ state: 'hidden' });
        else set({ state: 'error', message: (err as Error).message });
      });
    return () => {
      live = false;
    };
  }, [key, enabled]);
  return s;
}

const total = async (path: string, query: Record<string, string | number>) => (await api<{ total: number }>(path, { query: { ...query, limit: 1 } })).total;

const OPEN_TIP_STATUSES = 'received,accepted,transferred,assigned,checking';

/** First day of the month five months back (six months with this one), Shanghai. */
function sixMonthsFrom(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 5;
  const d = new Date(Date.UTC(y, m - 1, 1));
  return d.toISOString().slice(0, 10);
}

interface TipsData {
  /** Null when the access policy gives the role figures only (no inbox to count in). */
  open: number | null;
  overdue: number | null;
  months: { key: string; received: number; concluded: number }[];
}

async function loadTips(userKey: string): Promise<TipsData> {
  const today = todayInShanghai();
  const lists = (await loadTipAccess(userKey)).list !== 'none';
  const [open, overdue, stats] = await Promise.all([
    lists ? total('/tipline/tips', { status: OPEN_TIP_STATUSES }) : null,
    lists ? total('/tipline/tips', { overdue: 'true' }) : null,
    api<{ rows: { key: string; received: number; concluded: number }[] }>('/tipline/tips/statistics', { query: { from: sixMonthsFrom(today), to: today, by: 'month' } }),
  ]);
  return { open, overdue, months: stats.rows };
}

const LIGHTS = [
  { key: 'green', label: '绿灯（正常）', color: '#52c41a' },
  { key: 'yellow', label: '黄灯（临期）', color: '#faad14' },
  { key: 'red', label: '红灯（逾期）', color: '#f5222d' },
  { key: 'none', label: '已销号', color: '#bfbfbf' },
] as const;

interface CasesData {
  lights: Record<string, number>;
  closureRate: number | null;
}

async function loadCases(): Promise<CasesData> {
  const [counts, stats] = await Promise.all([
    Promise.all(LIGHTS.map((l) => total('/grievance/ledger', { light: l.key }))),
    api<{ total: { closureRate: number | null } }>('/grievance/ledger/statistics', { query: { by: 'county' } }),
  ]);
  return { lights: Object.fromEntries(LIGHTS.map((l, i) => [l.key, counts[i]])), closureRate: stats.total.closureRate };
}

interface ElectionItem {
  election_id: string;
  name: string;
  villages: number;
  gates_closed: number;
  handed_over: number;
}

/** The latest election the user can see: vetting's list, or (auditors, who cannot read it) auditing's. */
async function latestElection(readsVetting: boolean): Promise<{ id: string; name: string } | null> {
  if (readsVetting) {
    const { elections } = await api<{ elections: ElectionItem[] }>('/vetting/elections', { query: { pageSize: 1 } });
    return elections[0] ? { id: elections[0].election_id, name: elections[0].name } : null;
  }
  const { rows } = await api<{ rows: { electionId: string }[] }>('/auditing/elections');
  return rows[0] ? { id: rows[0].electionId, name: rows[0].electionId } : null;
}

interface AuditsData {
  election: { id: string; name: string } | null;
  progress?: { planned: number; inFieldwork: number; concluded: number; published: number; seriousOpen: number; blockingVillages: number };
}

async function loadAudits(readsVetting: boolean): Promise<AuditsData> {
  const election = await latestElection(readsVetting);
  if (!election) return { election };
  const progress = await api<NonNullable<AuditsData['progress']>>(`/auditing/elections/${encodeURIComponent(election.id)}/progress`);
  return { election, progress };
}

const STAGES = [
  { key: 'nominating', label: '提名审查' },
  { key: 'notice', label: '公示' },
  { key: 'confirmed', label: '确定候选人' },
  { key: 'result', label: '选举结果' },
  { key: 'filing', label: '备案公示' },
  { key: 'filed', label: '已备案' },
  { key: 'handed_over', label: '已交接' },
] as const;

interface ElectionsData {
  election: ElectionItem | null;
  stages: Record<string, number>;
}

async function loadElections(): Promise<ElectionsData> {
  const { elections } = await api<{ elections: ElectionItem[] }>('/vetting/elections', { query: { pageSize: 1 } });
  const election = elections[0] ?? null;
  if (!election) return { election, stages: {} };
  const counts = await Promise.all(
    STAGES.map(async (s) => (await api<{ totals: { villages: number } }>(`/vetting/elections/${encodeURIComponent(election.election_id)}`, { query: { stage: s.key, pageSize: 1 } })).totals.villages),
  );
  return { election, stages: Object.fromEntries(STAGES.map((s, i) => [s.key, counts[i]])) };
}

function DashCard<T>({ title, to, load, testId, children }: { title: string; to: string; load: Load<T>; testId: string; children: (data: T) => ReactNode }) {
  if (load.state === 'hidden') return null;
  return (
    <Col xs={24} lg={12}>
      <Card title={title} extra={<Link to={to}>查看详情</Link>} data-testid={testId} style={{ height: '100%' }}>
        {load.state === 'loading' && <Skeleton active />}
        {load.state === 'error' && <Alert type="warning" showIcon message={load.message} />}
        {load.state === 'ok' && children(load.data)}
      </Card>
    </Col>
  );
}

export default function HomePage() {
  const user = useUser();
  const key = `${user.id}:${user.node}`;
  const reads = (service: keyof typeof READERS) => hasRole(user, ...READERS[service]);
  const readsVetting = reads('elections');
  const tips = useLoad(() => loadTips(`${user.id}:${user.node}:${user.roles.join(',')}`), key, reads('tips'));
  const cases = useLoad(loadCases, key, reads('ledger'));
  const audits = useLoad(() => loadAudits(readsVetting), key, reads('audits'));
  const elections = useLoad(loadElections, key, readsVetting);
  const none = [tips, cases, audits, elections].every((l) => l.state === 'hidden');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        工作台
      </Typography.Title>
      {none && <Empty description="当前角色没有可显示的统计" data-testid="home-empty" />}
      <Row gutter={[16, 16]}>
        <DashCard title="信访举报" to="/tips" load={tips} testId="home-tips">
          {(d) => <TipsCard d={d} />}
        </DashCard>
        <DashCard title="问题整改销号" to="/ledger" load={cases} testId="home-ledger">
          {(d) => <CasesCard d={d} />}
        </DashCard>
        <DashCard title="离任经济责任审计" to="/audits" load={audits} testId="home-audits">
          {(d) => <AuditsCard d={d} />}
        </DashCard>
        <DashCard title="换届进度" to="/elections" load={elections} testId="home-elections">
          {(d) => <ElectionsCard d={d} />}
        </DashCard>
      </Row>
    </Space>
  );
}

function TipsCard({ d }: { d: TipsData }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['收到', '已办结'] },
      grid: { left: 40, right: 16, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: d.months.map((m) => m.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '收到', type: 'bar', data: d.months.map((m) => m.received) },
        { name: '已办结', type: 'bar', data: d.months.map((m) => m.concluded) },
      ],
    }),
    [d],
  );
  return (
    <>
      {d.open !== null && d.overdue !== null && (
        <Row gutter={16}>
          <Col span={12}>
            <Statistic title="在办举报（件）" value={d.open} data-testid="home-tips-open" />
          </Col>
          <Col span={12}>
            <Statistic title="逾期（件）" value={d.overdue} styles={{ content: d.overdue ? { color: '#cf1322' } : undefined }} data-testid="home-tips-overdue" />
          </Col>
        </Row>
      )}
      <Typography.Text type="secondary">近六个月收到与办结（按收到月份）</Typography.Text>
      {d.months.length ? <Chart option={option} height={220} testId="home-tips-chart" /> : <Empty description="近六个月没有举报" />}
    </>
  );
}

function CasesCard({ d }: { d: CasesData }) {
  const sum = LIGHTS.reduce((n, l) => n + d.lights[l.key], 0);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: LIGHTS.filter((l) => d.lights[l.key] > 0).map((l) => ({ name: l.label, value: d.lights[l.key], itemStyle: { color: l.color } })),
        },
      ],
    }),
    [d],
  );
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title="在办问题（个）" value={sum - d.lights.none} data-testid="home-ledger-open" />
        </Col>
        <Col span={8}>
          <Statistic title="红灯逾期（个）" value={d.lights.red} styles={{ content: d.lights.red ? { color: '#cf1322' } : undefined }} data-testid="home-ledger-red" />
        </Col>
        <Col span={8}>
          <Statistic title="销号率" value={d.closureRate ?? '—'} suffix={d.closureRate === null ? undefined : '%'} />
        </Col>
      </Row>
      {sum ? <Chart option={option} height={240} testId="home-ledger-chart" /> : <Empty description="暂无整改问题" />}
    </>
  );
}

function AuditsCard({ d }: { d: AuditsData }) {
  const p = d.progress;
  const option = useMemo<ChartOption | null>(
    () =>
      p
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 16, top: 20, bottom: 30 },
            xAxis: { type: 'category', data: ['应审计', '审计中', '已办结', '已公示'] },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data: [p.planned, p.inFieldwork, p.concluded, p.published], itemStyle: { color: '#1677ff' } }],
          }
        : null,
    [p],
  );
  if (!d.election || !p) return <Empty description="暂无换届离任审计" />;
  return (
    <>
      <Typography.Text type="secondary">换届：{d.election.name}</Typography.Text>
      <Row gutter={16} style={{ marginTop: 8 }}>
        <Col span={8}>
          <Statistic title="已公示 / 应审计" value={`${p.published} / ${p.planned}`} data-testid="home-audits-published" />
        </Col>
        <Col span={8}>
          <Statistic title="严重问题未整改" value={p.seriousOpen} styles={{ content: p.seriousOpen ? { color: '#cf1322' } : undefined }} />
        </Col>
        <Col span={8}>
          <Statistic title="因审计暂缓选举的村" value={p.blockingVillages} />
        </Col>
      </Row>
      {option && <Chart option={option} height={220} testId="home-audits-chart" />}
    </>
  );
}

function ElectionsCard({ d }: { d: ElectionsData }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: STAGES.map((s) => s.label), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: STAGES.map((s) => d.stages[s.key] ?? 0), itemStyle: { color: '#722ed1' } }],
    }),
    [d],
  );
  if (!d.election) return <Empty description="暂无换届" />;
  const e = d.election;
  return (
    <>
      <Typography.Text type="secondary">最近一次换届：{e.name}</Typography.Text>
      <Row gutter={16} style={{ marginTop: 8 }}>
        <Col span={8}>
          <Statistic title="参加换届的村（社区）" value={e.villages} data-testid="home-elections-villages" />
        </Col>
        <Col span={8}>
          <Statistic title="闸门未开" value={e.gates_closed} />
        </Col>
        <Col span={8}>
          <Statistic title="已完成交接" value={e.handed_over} />
        </Col>
      </Row>
      <Chart option={option} height={220} testId="home-elections-chart" />
    </>
  );
}
