import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { api, download } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/time';
import { useApi } from '../../../shared/useApi';
import { hasRole, useUser } from '../../auth';
import { FindingForm, type FindingFormValues } from './FindingForm';
import { formatYuan, KIND_LABELS, personsText, SEVERITY_COLORS, STATUS_COLORS, type Engagement, type Finding } from './model';

type Step = 'fieldwork' | 'draft' | 'conclude' | 'publish';

const STEP_LABELS: Record<Step, string> = { fieldwork: '进场审计', draft: '提交报告征求意见', conclude: '出具审计结论', publish: '公示审计结果' };
const NEXT_STEP: Partial<Record<Engagement['status'], Step>> = { planned: 'fieldwork', fieldwork: 'draft', draft: 'conclude', concluded: 'publish' };

/** One engagement: its scope, status and lifecycle (auditors), findings with their history, documents. */
export function EngagementDetail() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const { data: e, error, loading, reload } = useApi<Engagement>(`/auditing/engagements/${encodeURIComponent(id)}`);
  const [stepOpen, setStepOpen] = useState<Step | null>(null);
  const [recording, setRecording] = useState(false);
  const [amending, setAmending] = useState<Finding | null>(null);
  const [busy, setBusy] = useState(false);
  const auditor = hasRole(user, 'auditor');

  if (!e) return error ? <Alert type="error" title={error} showIcon data-testid="engagement-error" /> : <Spin />;
  const base = `/auditing/engagements/${encodeURIComponent(e.engagementId)}`;
  const next = NEXT_STEP[e.status];
  const canRecord = auditor && (e.status === 'fieldwork' || e.status === 'draft');

  const runStep = async (step: Step, body: object) => {
    setBusy(true);
    try {
      await api(`${base}/${step}`, { method: 'POST', json: body });
      message.success(`${STEP_LABELS[step]}：已完成`);
      setStepOpen(null);
      reload();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const saveFinding = async (v: FindingFormValues, finding: Finding | null) => {
    try {
      if (finding) await api(`${base}/findings/${encodeURIComponent(finding.findingId)}/amendments`, { method: 'POST', json: v });
      else await api(`${base}/findings`, { method: 'POST', json: v });
    } catch (err) {
      message.error((err as Error).message);
      throw err;
    }
    message.success(finding ? '更正已记录，原记录保留' : '问题已记录');
    setRecording(false);
    setAmending(null);
    reload();
  };

  const report = async () => {
    try {
      await download(`${base}/report.docx`, `${e.villageName}审计报告.docx`);
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="engagement-detail">
      <Space>
        <Link to="..">← 返回审计项目</Link>
      </Space>
      <Card
        title={
          <Space>
            <span>
              {e.villageName} · {KIND_LABELS[e.kind]}
            </span>
            <Tag color={STATUS_COLORS[e.status]} data-testid="engagement-status">
              {e.statusLabel}
            </Tag>
            {loading && <Spin size="small" />}
          </Space>
        }
        extra={
          <Space wrap>
            {auditor && next && (
              <Button type="primary" onClick={() => setStepOpen(next)} data-testid={`engagement-step-${next}`}>
                {STEP_LABELS[next]}
              </Button>
            )}
            {canRecord && (
              <Button onClick={() => setRecording(true)} data-testid="finding-record">
                记录问题
              </Button>
            )}
            <Button onClick={report} data-testid="engagement-report">
              下载审计报告（Word）
            </Button>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="村（社区）">
            {e.villageName}（{e.villageCode}）
          </Descriptions.Item>
          <Descriptions.Item label="换届">{e.electionId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="被审计人">{personsText(e.persons)}</Descriptions.Item>
          <Descriptions.Item label="审计期间">
            {formatDate(e.periodFrom)} 至 {formatDate(e.periodTo)}
          </Descriptions.Item>
          <Descriptions.Item label="审计人员">{e.auditors.length ? e.auditors.join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label="公示">
            {e.notice ? `${e.notice.period}，至 ${formatDate(e.notice.endsOn)}${e.notice.beyondHorizon ? '（超出节假日数据范围，按普通工作日计算）' : ''}` : '未公示'}
          </Descriptions.Item>
          <Descriptions.Item label="问题金额合计（元）">
            <span data-testid="engagement-total">{formatYuan(e.totals.total)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="严重问题未整改">
            <Typography.Text type={e.seriousOpen ? 'danger' : undefined}>{e.seriousOpen}</Typography.Text>
          </Descriptions.Item>
          {e.summary && (
            <Descriptions.Item label="审计结论" span="filled">
              {e.summary}
            </Descriptions.Item>
          )}
        </Descriptions>
        {e.gateReasons.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title="本村换届选举暂不能进入投票环节"
            description={e.gateReasons.join('；')}
            data-testid="engagement-gate"
          />
        )}
        <Timeline
          style={{ marginTop: 16 }}
          items={[
            { content: `计划：${formatDateTime(e.dates.plannedAt)}` },
            e.dates.fieldworkAt && { content: `进场审计：${formatDateTime(e.dates.fieldworkAt)}` },
            e.dates.draftAt && { content: `报告征求意见：${formatDateTime(e.dates.draftAt)}` },
            e.dates.concludedAt && { content: `出具结论：${formatDateTime(e.dates.concludedAt)}` },
            e.dates.publishedAt && { content: `公示：${formatDateTime(e.dates.publishedAt)}`, color: 'green' },
          ].filter((x): x is { content: string; color?: string } => Boolean(x))}
        />
      </Card>

      <Card title={`审计发现问题（${e.findings.length}）`}>
        <FindingsTable findings={e.findings} canAmend={auditor && e.status === 'published'} onAmend={setAmending} />
        {e.totals.rows.length > 0 && (
          <Descriptions title="按类别合计" size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }}>
            {e.totals.rows.map((r) => (
              <Descriptions.Item key={r.category} label={r.categoryName}>
                {r.findings} 个，{formatYuan(r.amount)} 元
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>

      {stepOpen && <StepModal step={stepOpen} busy={busy} onCancel={() => setStepOpen(null)} onRun={runStep} findings={e.findings.length} />}
      {recording && <FindingForm open onCancel={() => setRecording(false)} onSubmit={(v) => saveFinding(v, null)} />}
      {amending && <FindingForm open amend initial={amending} onCancel={() => setAmending(null)} onSubmit={(v) => saveFinding(v, amending)} />}
    </Space>
  );
}

function rectificationTag(f: Finding) {
  if (!f.rectificationRequired) return <Tag>无需整改</Tag>;
  if (f.rectified) return <Tag color="success">已整改销号（{formatDate(f.rectified.at)}）</Tag>;
  return <Tag color="processing">整改中</Tag>;
}

function FindingsTable({ findings, canAmend, onAmend }: { findings: Finding[]; canAmend: boolean; onAmend(f: Finding): void }) {
  if (!findings.length) return <Empty description="尚未记录问题" />;
  return (
    <Table<Finding>
      rowKey="findingId"
      size="small"
      dataSource={findings}
      pagination={false}
      data-testid="findings-table"
      onRow={(f) => ({ 'data-testid': `finding-${f.findingId}` }) as object}
      expandable={{
        rowExpandable: (f) => f.revisions.length > 1 || f.evidence.length > 0,
        expandedRowRender: (f) => <FindingHistory finding={f} />,
      }}
      columns={[
        { title: '编号', dataIndex: 'findingId', render: (id: string) => id.replace(/^.*-(F\d+)$/, '$1') },
        { title: '类别', dataIndex: 'categoryName' },
        { title: '性质', dataIndex: 'severity', render: (s: Finding['severity'], f) => <Tag color={SEVERITY_COLORS[s]}>{f.severityLabel}</Tag> },
        {
          title: '金额（元）',
          dataIndex: 'amount',
          align: 'right',
          render: (a: string | null) => (
            <span data-testid="finding-amount-cell" style={{ whiteSpace: 'nowrap' }}>
              {formatYuan(a)}
            </span>
          ),
        },
        { title: '问题描述', dataIndex: 'description', ellipsis: true },
        { title: '责任人', key: 'persons', render: (_, f) => personsText(f.responsiblePersons) },
        { title: '整改', key: 'rect', render: (_, f) => rectificationTag(f) },
        { title: '移送', dataIndex: 'transferred', render: (t: boolean) => (t ? <Tag color="volcano">已移送举报受理</Tag> : '—') },
        { title: '更正', key: 'rev', render: (_, f) => (f.revisions.length > 1 ? `${f.revisions.length - 1} 次` : '—') },
        ...(canAmend
          ? [
              {
                title: '操作',
                key: 'op',
                render: (_: unknown, f: Finding) => (
                  <Button size="small" onClick={() => onAmend(f)} data-testid={`finding-amend-${f.findingId}`}>
                    更正
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** Every version of a finding, the original first, each with its author, time and reason. */
function FindingHistory({ finding }: { finding: Finding }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`finding-history-${finding.findingId}`}>
      {finding.evidence.length > 0 && (
        <Typography.Text>
          证据材料：
          {finding.evidence.map((ev) => `${ev.fileName}${ev.sha256 ? `（SHA-256 ${ev.sha256.slice(0, 12)}…）` : ''}`).join('；')}
        </Typography.Text>
      )}
      {finding.revisions.length > 1 && (
        <Timeline
          items={finding.revisions.map((r, i) => ({
            color: i === 0 ? 'gray' : 'blue',
            content: (
              <div>
                <Typography.Text strong>{i === 0 ? '原始记录' : `第 ${i} 次更正`}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  {formatDateTime(r.at)} · {r.by ?? '系统'}
                </Typography.Text>
                {r.reason && <div>更正理由：{r.reason}</div>}
                <div>
                  {r.content.category} · {r.content.severity === 'serious' ? '严重' : r.content.severity === 'major' ? '较重' : '一般'} · 金额 {formatYuan(r.content.amount)} 元 · {r.content.description}
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Space>
  );
}

function StepModal({ step, busy, findings, onCancel, onRun }: { step: Step; busy: boolean; findings: number; onCancel(): void; onRun(step: Step, body: object): void }) {
  const [form] = Form.useForm();
  const ok = async () => {
    const v = await form.validateFields();
    if (step === 'fieldwork') onRun(step, v.auditors?.trim() ? { auditors: v.auditors.split(/[,，、\s]+/).filter(Boolean) } : {});
    else if (step === 'conclude') onRun(step, { summary: v.summary?.trim() || null });
    else onRun(step, {});
  };
  return (
    <Modal open title={STEP_LABELS[step]} onOk={ok} okText="确定" confirmLoading={busy} onCancel={onCancel} destroyOnHidden okButtonProps={{ 'data-testid': 'step-confirm' }}>
      <Form form={form} layout="vertical" preserve={false}>
        {step === 'fieldwork' && (
          <Form.Item name="auditors" label="审计人员" extra="多人以顿号或逗号分隔；不填则沿用计划中的人员">
            <Input placeholder="如 县审计局 王审计" data-testid="step-auditors" />
          </Form.Item>
        )}
        {step === 'draft' && <Typography.Paragraph>提交审计报告征求意见稿。已记录问题 {findings} 个；出具结论后不能再登记新问题。</Typography.Paragraph>}
        {step === 'conclude' && (
          <Form.Item name="summary" label="审计结论">
            <Input.TextArea rows={4} maxLength={5000} data-testid="step-summary" />
          </Form.Item>
        )}
        {step === 'publish' && <Typography.Paragraph>向村（社区）公示审计结果。公示后问题只能经授权更正，并保留原记录。</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}
