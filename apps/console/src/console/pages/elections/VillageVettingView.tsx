// A village's vetting in one election: gate with its reasons, notice countdown, nominees with the
// rules' verdicts (reason and evidence), approvals, the slate's verdicts and the joint-review matrix.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Card, Descriptions, Flex, Result, Spin, Table, Tag, Typography } from 'antd';
import { ApiError } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/time';
import { NoticeCountdown } from './Countdown';
import { ANSWER_LABELS, BODY_LABELS, DEPT_LABELS, EVIDENCE_LABELS, NOMINEE_STATUS_LABELS, STAGE_LABELS, VERDICT_LABELS } from './labels';
import { getVillageVetting, type Nominee, type Verdict, type VillageVetting } from './vetting-api';

export function VillageVettingView() {
  const { eid = '', code = '' } = useParams();
  const [v, setV] = useState<VillageVetting | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  useEffect(() => {
    let live = true;
    setV(null);
    setError(null);
    getVillageVetting(eid, code)
      .then((r) => live && setV(r))
      .catch((err: Error) => live && setError(err));
    return () => {
      live = false;
    };
  }, [eid, code]);

  if (error) {
    const denied = error instanceof ApiError && (error.status === 403 || error.status === 404);
    return denied ? (
      <Result status="403" title="无权访问" subTitle="本村换届不存在或不在您的管辖范围内。" data-testid="vetting-forbidden" />
    ) : (
      <Result status="error" title="无法读取本村换届" subTitle={error.message} />
    );
  }
  if (!v) return <Spin />;
  const name = v.villageName ?? v.villageCode;
  return (
    <Flex vertical gap={16} data-testid="village-vetting">
      <Breadcrumb
        items={[
          { key: 'l', title: <Link to="/elections">换届联审</Link> },
          { key: 'b', title: <Link to={`/elections/${eid}`}>{eid}</Link> },
          { key: 'v', title: name },
        ]}
      />
      <Card title={`${name} · 资格审查`} extra={<Link to={`/villages/${v.villageCode}`}>村情</Link>}>
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'stage', label: '阶段', children: STAGE_LABELS[v.stage] ?? v.stage },
            { key: 'policy', label: '政策包', children: `${v.policy.id} v${v.policy.version}` },
            { key: 'seats', label: '职数', children: Object.entries(v.seats).map(([b, n]) => `${BODY_LABELS[b] ?? b} ${n}`).join('；') },
            { key: 'objections', label: '未办结异议', children: v.openObjections ? <Tag color="orange">{v.openObjections}</Tag> : '无' },
            {
              key: 'gate',
              label: '选举闸门',
              children: v.gate.open ? (
                <Tag color="green">已开启</Tag>
              ) : (
                <div data-testid="vetting-gate">
                  <Tag color="red">关闭</Tag>
                  {v.gate.reasons.map((r) => (
                    <Typography.Text type="danger" key={r} style={{ marginRight: 8 }}>
                      {r}
                    </Typography.Text>
                  ))}
                </div>
              ),
            },
            {
              key: 'notice',
              label: '公示',
              children: v.notice ? (
                v.notice.ended ? (
                  `已于 ${formatDate(v.notice.endsOn)} 届满`
                ) : (
                  <NoticeCountdown endsOn={v.notice.endsOn} left={v.notice.countdown?.workingDaysLeft ?? null} beyondHorizon={v.notice.countdown?.beyondHorizon} testId="vetting-notice" />
                )
              ) : (
                '未开始'
              ),
            },
            ...(v.handOverDue ? [{ key: 'ho', label: '交接期限', children: formatDate(v.handOverDue.dueOn) }] : []),
            ...(v.filingNotice ? [{ key: 'fn', label: '备案公示截止', children: formatDate(v.filingNotice.endsOn) }] : []),
          ]}
        />
      </Card>
      <Card title="人选及审查结论">
        <Table<Nominee>
          rowKey="nomineeId"
          size="small"
          dataSource={v.nominees}
          pagination={v.nominees.length > 20 ? { pageSize: 20 } : false}
          data-testid="vetting-nominees"
          locale={{ emptyText: '尚未提名' }}
          expandable={{ expandedRowRender: (n) => <Verdicts verdicts={n.verdicts} />, rowExpandable: (n) => n.verdicts.length > 0 }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '拟任', width: 160, render: (_: unknown, n) => `${BODY_LABELS[n.body] ?? n.body}${n.post}` },
            {
              title: '状态',
              dataIndex: 'status',
              width: 120,
              render: (s: string) => <Tag color={['first_review_failed', 'joint_review_failed', 'disqualified'].includes(s) ? 'red' : undefined}>{NOMINEE_STATUS_LABELS[s] ?? s}</Tag>,
            },
            {
              title: '未通过的规则（理由）',
              render: (_: unknown, n) => {
                const failing = n.verdicts.filter((x) => x.kind !== 'pass');
                return failing.length === 0 ? (
                  <Typography.Text type="secondary">{n.verdicts.length ? '全部通过' : '尚未审查'}</Typography.Text>
                ) : (
                  <Flex vertical gap={4}>
                    {failing.map((x) => (
                      <span key={x.ruleId} data-testid="vetting-verdict">
                        <Tag color={VERDICT_LABELS[x.kind]?.color}>{VERDICT_LABELS[x.kind]?.text ?? x.kind}</Tag>
                        {x.message}
                      </span>
                    ))}
                  </Flex>
                );
              },
            },
          ]}
        />
      </Card>
      <Card title="班子结构审查">
        {v.slate.stale && <Alert type="warning" title="提名已变动，需重新审查班子结构后方可公示" style={{ marginBottom: 12 }} />}
        <Verdicts verdicts={v.slate.verdicts} empty="尚未审查班子结构" />
      </Card>
      <Card title="审批例外">
        <Table
          rowKey={(a) => `${a.ruleId}-${a.at}`}
          size="small"
          pagination={false}
          dataSource={v.approvals}
          locale={{ emptyText: '无' }}
          columns={[
            { title: '规则', dataIndex: 'ruleId' },
            { title: '对象', render: (_: unknown, a) => v.nominees.find((n) => n.personId === a.personId)?.name ?? (a.villageCode ? '班子' : '—') },
            { title: '理由', dataIndex: 'reason' },
            { title: '批准时间', dataIndex: 'at', render: (t: string) => formatDateTime(t) },
          ]}
        />
      </Card>
      <JointMatrix nominees={v.nominees} />
    </Flex>
  );
}

function Verdicts({ verdicts, empty = '无' }: { verdicts: Verdict[]; empty?: string }) {
  return (
    <Table<Verdict>
      rowKey={(x) => `${x.ruleId}-${x.message}`}
      size="small"
      pagination={false}
      dataSource={verdicts}
      locale={{ emptyText: empty }}
      columns={[
        { title: '结论', dataIndex: 'kind', width: 90, render: (k: string) => <Tag color={VERDICT_LABELS[k]?.color}>{VERDICT_LABELS[k]?.text ?? k}</Tag> },
        { title: '理由', dataIndex: 'message' },
        { title: '规则', dataIndex: 'ruleId', width: 220, render: (r: string) => <Typography.Text type="secondary">{r}</Typography.Text> },
        { title: '依据', dataIndex: 'evidence', render: (e: unknown) => <Evidence value={e} /> },
      ]}
    />
  );
}

function Evidence({ value }: { value: unknown }) {
  if (value === undefined || value === null) return <span>—</span>;
  if (typeof value !== 'object') return <span>{String(value)}</span>;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <span>—</span>;
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      {entries.map(([k, v]) => (
        <div key={k}>
          <Typography.Text type="secondary">{EVIDENCE_LABELS[k] ?? k}：</Typography.Text>
          {evidenceText(v)}
        </div>
      ))}
    </Typography.Text>
  );
}

/** A fact as a clerk reads it: lists joined, empty as 无, body codes named, objects as compact JSON. */
function evidenceText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return BODY_LABELS[v] ?? v;
  if (Array.isArray(v)) return v.length === 0 ? '无' : v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function JointMatrix({ nominees }: { nominees: Nominee[] }) {
  const inJoint = nominees.filter((n) => Object.keys(n.jointReview).length > 0);
  const depts = [...new Set(inJoint.flatMap((n) => Object.keys(n.jointReview)))];
  return (
    <Card title="联审矩阵（人选 × 部门）">
      <Table<Nominee>
        rowKey="nomineeId"
        size="small"
        scroll={{ x: true }}
        pagination={false}
        dataSource={inJoint}
        data-testid="vetting-joint-matrix"
        locale={{ emptyText: '尚未发起联审' }}
        columns={[
          { title: '人选', fixed: 'left', render: (_: unknown, n) => `${n.name}（${BODY_LABELS[n.body] ?? n.body}${n.post}）` },
          { title: '答复期限', render: (_: unknown, n) => formatDate(n.jointReviewDue?.dueOn) },
          ...depts.map((d) => ({
            title: DEPT_LABELS[d] ?? d,
            key: d,
            render: (_: unknown, n: Nominee) => {
              if (!(d in n.jointReview)) return '—';
              const answer = n.jointReview[d];
              if (answer) return <Tag color={ANSWER_LABELS[answer]?.color}>{ANSWER_LABELS[answer]?.text ?? answer}</Tag>;
              return n.jointReviewOverdue.includes(d) ? (
                <Tag color="red" data-testid="joint-overdue">
                  超期未复
                </Tag>
              ) : (
                <Tag>待答复</Tag>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
