// 进度看板: villages covered, talks against the required coverage, forms returned and the 群众代表
// share, grades so far, problems found / accepted / closed — for the campaign, per work group and
// per township. Drafts count here (the report counts approved dossiers only).
import { useMemo } from 'react';
import { Alert, Card, Col, Progress, Row, Spin, Statistic, Table } from 'antd';
import { Chart, type ChartOption } from '../../../shared/Chart';
import { useApi } from '../../../shared/useApi';
import { campaignPath, type CampaignDetail } from './campaign-api';
import { percent, type CampaignFigures, type Figures } from './board-figures';
import { useScopeSubjects } from './useScopeSubjects';

type Row_ = Figures & { key: string; name: string };

export function BoardView({ campaign }: { campaign: CampaignDetail }) {
  const { data: f, error } = useApi<CampaignFigures>(`${campaignPath(campaign.campaignId)}/board`);
  const subjects = useScopeSubjects(campaign.scope);
  const names = new Map(subjects.townships.map((t) => [t.code, t.name]));
  const grades = useMemo<ChartOption | null>(() => {
    if (!f) return null;
    const team = f.villageTeams.teamGrades;
    return {
      tooltip: {},
      grid: { left: 40, right: 16, top: 30, bottom: 30 },
      title: { text: '村班子评价', textStyle: { fontSize: 14 } },
      xAxis: { type: 'category', data: team.map((g) => g.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: team.map((g) => g.count), label: { show: true, position: 'top' } }],
    };
  }, [f]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!f) return <Spin />;

  const rows = (list: Row_[]) => (
    <Table<Row_>
      size="small"
      pagination={false}
      scroll={{ x: 640 }}
      dataSource={list}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '审定 / 对象', key: 'cov', render: (_, r) => `${r.subjects.approved} / ${r.subjects.assigned}` },
        { title: '已建档', key: 'opened', render: (_, r) => r.subjects.opened },
        { title: '谈话（应谈）', key: 'talks', render: (_, r) => `${r.talks.total}（${r.talks.required}）` },
        { title: '问卷收回', key: 'q', render: (_, r) => `${r.questionnaires.returned} / ${r.questionnaires.issued}` },
        { title: '群众代表占比', key: 'share', render: (_, r) => percent(r.questionnaires.share) },
        { title: '问题 发现/整改/销号', key: 'p', render: (_, r) => `${r.problems.found} / ${r.problems.accepted} / ${r.problems.closed}` },
      ]}
    />
  );
  const share = f.questionnaires.share;
  return (
    <div data-testid="campaign-board">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已审定 / 检查对象" value={f.subjects.approved} suffix={`/ ${f.subjects.assigned}`} />
            <Progress percent={f.subjects.assigned ? Math.round((f.subjects.opened / f.subjects.assigned) * 100) : 0} size="small" format={() => `建档 ${f.subjects.opened}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="谈心谈话（人次）" value={f.talks.total} suffix={`/ 应谈 ${f.talks.required}`} data-testid="board-talks" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="问卷收回（份）" value={f.questionnaires.returned} suffix={`/ ${f.questionnaires.issued}`} />
            <span style={{ color: share !== null && share < f.representatives.shareMin ? '#d46b08' : undefined }}>
              群众代表 {percent(share)}（不少于 {Math.round(f.representatives.shareMin * 100)}%）
            </span>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="问题 发现 / 销号" value={f.problems.found} suffix={`/ ${f.problems.closed}`} data-testid="board-problems" />
            <span>纳入整改 {f.problems.accepted}；意见建议 {f.opinions.total} 条</span>
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} md={12}>
          <Card size="small">{grades && <Chart option={grades} height={240} testId="board-grades-chart" />}</Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title="评价与分类">
            <p>村班子：{f.villageTeams.teamGrades.map((g) => `${g.label} ${g.count}`).join('，') || '—'}</p>
            <p>
              村干部（{f.villageTeams.members} 名）：{f.villageTeams.memberGrades.map((g) => `${g.label} ${g.count}`).join('，') || '—'}
            </p>
            {f.townshipTeams && (
              <p>
                乡镇班子：{f.townshipTeams.teamGrades.map((g) => `${g.label} ${g.count}`).join('，') || '—'}；班子成员 {f.townshipTeams.members} 名
              </p>
            )}
            <p>分类：{f.classifications.counts.map((c) => `${c.label} ${c.count}`).join('，') || '—'}；软弱涣散 {f.classifications.weak.length}，后进 {f.classifications.backward.length}</p>
          </Card>
        </Col>
      </Row>
      <Card size="small" title="按工作组" style={{ marginTop: 12 }}>
        {rows(f.byGroup.map((g) => ({ ...g, key: g.groupId, name: g.name })))}
      </Card>
      <Card size="small" title="按乡镇" style={{ marginTop: 12 }}>
        {rows(f.byTownship.map((t) => ({ ...t, key: t.code, name: names.get(t.code) ?? t.code })))}
      </Card>
    </div>
  );
}
