// One tip: where it stands, its limits (date in Asia/Shanghai and what is left, in the limit's own
// unit), the timeline, and the handling steps for the discipline role. What of it shows is the
// server's access policy (the detail comes cut to the user's view). The reporter's identity takes a
// reasoned request, a second official's approval, then a reveal by the requester, once.
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Empty, Form, Input, Modal, Radio, Result, Select, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { api, ApiError, download } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/time';
import { hasRole, useUser } from '../../auth';
import { EVENT_LABELS, FINDING_OPTIONS, PERIOD_UNITS, STATUS_COLORS, type Remaining } from './tipLabels';
import { useOwnChildren } from './usePlaces';
import { EraseReporterModal } from './EraseReporterModal';
import { useTipAccess, type TipAccess } from './useTipAccess';

interface Deadline {
  kind: string;
  label: string;
  period: { amount: number; unit: string } | null;
  due: string;
  endsAt: string;
  metAt: string | null;
  superseded: boolean;
  overdue: boolean;
  beyondCalendar: boolean;
  remaining: Remaining | null;
}

interface TipDetailView {
  tipId: string;
  /** The user's view of this tip under the access policy: `content` adds subjects, text, evidence, notes. */
  view: 'list' | 'content';
  version: number;
  status: string;
  statusLabel: string;
  channelLabel: string;
  categoryLabel: string;
  villageCode: string | null;
  receivedAt: string;
  anonymous: boolean;
  electionRelated: boolean;
  objection: { noticeId: string; endsOn: string } | null;
  repeatOf: string | null;
  repeats: string[];
  regime: string;
  unit: { code: string; name: string } | null;
  finding: { code: string; label: string } | null;
  falseAccusation: boolean;
  deadlines: Deadline[];
  subjects: { kind: string; name?: string; post?: string | null; villageCode?: string | null; citizenId?: string | null }[];
  history: { type: string; at: string; by: string | null; data?: Record<string, any> }[];
  // with the content view only
  text?: string;
  evidence?: { fileName: string; mediaType: string; sha256: string; size?: number; bytes?: number }[];
  hasReporterIdentity?: boolean;
  identityErased?: boolean;
  openTasks?: string[];
}

interface RevealRequest {
  requestId: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  decidedBy: string | null;
  decidedAt: string | null;
  validUntil: string | null;
  refusalReason: string | null;
  uses: number;
  mine: boolean;
  canDecide: boolean;
  canReveal: boolean;
}

interface Reporter {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  contact?: string | null;
}

type ActionKey = 'accept' | 'not-accept' | 'transfer' | 'assign' | 'notes' | 'tasks' | 'extend' | 'conclude' | 'messages' | 'close' | 'acknowledge';

interface ActionSpec {
  key: ActionKey;
  label: string;
  statuses: string[] | 'open';
  danger?: boolean;
  /** Sends expectedVersion (steps that change the status). */
  versioned?: boolean;
}

const ACTIONS: ActionSpec[] = [
  { key: 'acknowledge', label: '确认收悉', statuses: ['received'] },
  { key: 'accept', label: '受理', statuses: ['received'], versioned: true },
  { key: 'not-accept', label: '不予受理', statuses: ['received'], versioned: true, danger: true },
  { key: 'transfer', label: '转办', statuses: ['received'], versioned: true },
  { key: 'assign', label: '交办', statuses: ['accepted', 'assigned'], versioned: true },
  { key: 'notes', label: '核实记录', statuses: ['assigned', 'checking'] },
  { key: 'tasks', label: '核实任务', statuses: ['assigned', 'checking'] },
  { key: 'extend', label: '延期', statuses: ['accepted', 'assigned', 'checking'], versioned: true },
  { key: 'conclude', label: '办结', statuses: ['assigned', 'checking'], versioned: true },
  { key: 'messages', label: '留言 / 反馈', statuses: 'open' },
  { key: 'close', label: '结案', statuses: ['concluded', 'feedback_given', 'not_accepted', 'transferred'], versioned: true },
];

const REPEAT_SKIPS: ActionKey[] = ['assign', 'notes', 'tasks', 'conclude'];

/** Statuses from which the reporter can be given the result (a repeat: once accepted, in the staff's own words). */
function feedbackAllowed(tip: { status: string; repeatOf: string | null }): boolean {
  return ['concluded', 'feedback_given', 'not_accepted', 'transferred'].includes(tip.status) || (!!tip.repeatOf && tip.status === 'accepted');
}

export default function TipDetail() {
  const { id } = useParams();
  const user = useUser();
  const discipline = hasRole(user, 'discipline');
  const access = useTipAccess();
  const [tip, setTip] = useState<TipDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<ActionSpec | null>(null);
  const [revealOpen, setRevealOpen] = useState(false);
  const [eraseOpen, setEraseOpen] = useState(false);
  const [reporter, setReporter] = useState<Reporter | null>(null);
  /** Bumped after a request is sent, so the requests list reloads. */
  const [revealVersion, setRevealVersion] = useState(0);

  // Figures-only roles are not sent to a tip they would be refused.
  const opens = access !== null && access.list !== 'none';
  const load = useCallback(() => {
    if (opens) api<TipDetailView>(`/tipline/tips/${id}`).then(setTip, (e) => setError(e.message));
  }, [id, opens]);
  // Another tip (a repeat's link keeps this component mounted): nothing of the previous one may stay,
  // least of all a revealed identity, which belongs to that tip and its audited reveal alone.
  useEffect(() => {
    setReporter(null);
    setTip(null);
    setError(null);
    setAction(null);
    setRevealOpen(false);
    setEraseOpen(false);
  }, [id]);
  useEffect(load, [load]);

  if (access && access.list === 'none') {
    return (
      <div data-testid="tip-statistics-only">
        <Result status="info" title="按举报知悉范围规定，您的角色只能查看举报统计数据，不能查看举报内容。" extra={<Link to="/tips">查看统计</Link>} />
      </div>
    );
  }
  if (error) return <Result status="warning" title={error} extra={<Link to="/tips">返回收件箱</Link>} />;
  if (!tip) return <Spin />;

  const available = ACTIONS.filter((a) => (a.statuses === 'open' ? tip.status !== 'closed' : a.statuses.includes(tip.status)))
    .filter((a) => a.key !== 'acknowledge' || (tip.electionRelated && !tip.history.some((h) => h.type === 'TipAcknowledged')))
    // A repeat is checked and concluded through the earlier tip; it is accepted (并入办理), answered and closed on its own.
    .filter((a) => !tip.repeatOf || !REPEAT_SKIPS.includes(a.key));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/tips">‹ 收件箱</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {tip.categoryLabel}
        </Typography.Title>
        <Tag color={STATUS_COLORS[tip.status]} data-testid="tip-status">
          {tip.statusLabel}
        </Tag>
        {tip.electionRelated && <Tag color="red">换届选举相关</Tag>}
        {tip.objection && <Tag color="volcano">公示异议（公示截止 {formatDate(tip.objection.endsOn)}）</Tag>}
        {tip.anonymous ? <Tag>匿名</Tag> : <Tag color="blue">实名</Tag>}
      </Space>

      <Card size="small" title="基本情况">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="来源渠道">{tip.channelLabel}</Descriptions.Item>
          <Descriptions.Item label="收到时间">{formatDateTime(tip.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label="适用规则">{tip.regime}</Descriptions.Item>
          <Descriptions.Item label="村（社区）代码">{tip.villageCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="承办单位">{tip.unit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="核实结论">
            {tip.finding ? tip.finding.label : '—'}
            {tip.falseAccusation && <Tag color="red" style={{ marginLeft: 8 }}>诬告</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="被举报对象" span={3}>
            {tip.subjects
              .map((s) => (s.kind === 'person' ? `${s.name}${s.post ? `（${s.post}）` : ''}${s.citizenId ? ` ${s.citizenId}` : ''}` : `村（社区）${s.villageCode}`))
              .join('；')}
          </Descriptions.Item>
          {tip.repeatOf && (
            <Descriptions.Item label="重复举报" span={3}>
              与 <Link to={`/tips/${tip.repeatOf}`}>首次举报</Link> 为同一事项：受理即并入其办理，核实与结论在首次举报中进行；本举报按自己的期限受理，并须另向本举报人反馈结果后结案（不得转述首次举报的进展或结论）。
            </Descriptions.Item>
          )}
          {tip.repeats.length > 0 && (
            <Descriptions.Item label="重复举报" span={3}>
              <Space wrap>
                {tip.repeats.map((r, i) => (
                  <Link key={r} to={`/tips/${r}`}>
                    第 {i + 1} 件
                  </Link>
                ))}
              </Space>
              （各须单独受理并反馈其举报人）
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card size="small" title="办理期限">
        <Table<Deadline>
          size="small"
          pagination={false}
          rowKey={(d) => `${d.kind}-${d.endsAt}`}
          dataSource={tip.deadlines}
          data-testid="tip-deadlines"
          columns={[
            { title: '事项', dataIndex: 'label' },
            { title: '期限', dataIndex: 'period', render: (p) => (p ? `${p.amount}${PERIOD_UNITS[p.unit] ?? p.unit}` : '至公示期满') },
            {
              title: '截止（北京时间）',
              key: 'due',
              render: (_, d) => (
                <>
                  {formatDate(d.due)} <Typography.Text type="secondary">（{d.period?.unit === 'hours' ? formatDateTime(d.endsAt) : `${formatDate(d.due)} 24:00 止`}）</Typography.Text>
                  {d.beyondCalendar && <Tag color="warning">超出节假日数据，按周末推算</Tag>}
                </>
              ),
            },
            {
              title: '状态',
              key: 'state',
              render: (_, d) =>
                d.metAt ? (
                  <Tag color="green">已完成 {formatDateTime(d.metAt)}</Tag>
                ) : d.superseded ? (
                  <Tag>已延期</Tag>
                ) : d.remaining ? (
                  <Tag color={d.remaining.overdue || d.overdue ? 'red' : 'blue'} data-testid={`deadline-remaining-${d.kind}`}>
                    {d.remaining.label}
                  </Tag>
                ) : d.overdue ? (
                  <Tag color="red">已超期</Tag>
                ) : (
                  <Tag color="blue">进行中</Tag>
                ),
            },
          ]}
        />
      </Card>

      {tip.view === 'content' && (
        <Card size="small" title="举报内容">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="tip-text">
            {tip.text}
          </Typography.Paragraph>
          {tip.evidence && tip.evidence.length > 0 && (
            <Space wrap>
              证据材料：
              {tip.evidence.map((e) => (
                <Button key={e.sha256} size="small" onClick={() => download(`/tipline/tips/${tip.tipId}/evidence/${e.sha256}`, e.fileName)}>
                  {e.fileName}
                </Button>
              ))}
            </Space>
          )}
        </Card>
      )}

      {access?.reveal && tip.hasReporterIdentity && (
        <Card
          size="small"
          title="举报人身份"
          extra={
            discipline && (
              <Button size="small" danger type="link" onClick={() => setEraseOpen(true)} data-testid="erase-reporter">
                销毁身份信息
              </Button>
            )
          }
        >
          {reporter ? (
            <Descriptions size="small" column={1} data-testid="reporter-identity">
              <Descriptions.Item label="姓名">{reporter.name}</Descriptions.Item>
              <Descriptions.Item label="电话">{reporter.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="身份证号码">{reporter.idNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="地址">{reporter.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="其他联系方式">{reporter.contact ?? '—'}</Descriptions.Item>
            </Descriptions>
          ) : (
            <RevealPanel
              tipId={tip.tipId}
              access={access}
              version={revealVersion}
              onAsk={() => setRevealOpen(true)}
              onRevealed={(r) => {
                setReporter(r);
                load();
              }}
            />
          )}
        </Card>
      )}
      {discipline && tip.identityErased && <Alert type="info" showIcon title="举报人身份信息已依规销毁。" />}

      {discipline && (
        <Card size="small" title="办理">
          {available.length === 0 ? (
            <Typography.Text type="secondary">该举报已结案，无可办理事项。</Typography.Text>
          ) : (
            <Space wrap>
              {available.map((a) => (
                <Button key={a.key} danger={a.danger} type={a.key === 'accept' || a.key === 'conclude' ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`action-${a.key}`}>
                  {a.label}
                </Button>
              ))}
            </Space>
          )}
          {tip.openTasks && tip.openTasks.length > 0 && <OpenTasks tip={tip} onDone={load} />}
        </Card>
      )}

      <Card size="small" title="办理过程">
        {tip.history.length === 0 ? (
          <Empty />
        ) : (
          <Timeline
            data-testid="tip-timeline"
            items={tip.history.map((h, i) => ({
              key: i,
              color: h.type === 'DeadlineOverdue' ? 'red' : h.type === 'ReporterIdentityRead' ? 'orange' : 'blue',
              title: `${formatDateTime(h.at)} · ${EVENT_LABELS[h.type] ?? h.type}`,
              content: <HistoryDetail type={h.type} data={h.data} />,
            }))}
          />
        )}
      </Card>

      {action && <ActionModal tip={tip} action={action} onClose={() => setAction(null)} onDone={load} />}
      {eraseOpen && (
        <EraseReporterModal
          tipId={tip.tipId}
          onClose={() => setEraseOpen(false)}
          onErased={() => {
            setReporter(null);
            setEraseOpen(false);
            load();
          }}
        />
      )}
      {revealOpen && access?.reveal && (
        <RevealRequestModal
          tipId={tip.tipId}
          minReasonLength={access.reveal.minReasonLength}
          onClose={() => setRevealOpen(false)}
          onRequested={() => {
            setRevealOpen(false);
            setRevealVersion((v) => v + 1);
          }}
        />
      )}
    </Space>
  );
}

function HistoryDetail({ type, data }: { type: string; data?: Record<string, any> }) {
  if (!data) return null;
  const parts: string[] = [];
  if (data.reason) parts.push(`理由：${data.reason}`);
  if (data.to) parts.push(`转往：${data.to}`);
  if (data.unitName) parts.push(`承办单位：${data.unitName}`);
  if (data.title) parts.push(`任务：${data.title}${data.dueOn ? `（${data.dueOn} 前）` : ''}`);
  if (data.finding) parts.push(`结论：${FINDING_OPTIONS.find((f) => f.value === data.finding)?.label ?? data.finding}`);
  if (data.summary) parts.push(`办理结果：${data.summary}`);
  if (type === 'MessageToReporter') parts.push(`${data.kind === 'feedback' ? '结果反馈' : '提问'}：${data.text}`);
  else if (data.text) parts.push(data.text);
  if (data.deadline?.due) parts.push(`新的截止日期：${formatDate(data.deadline.due)}`);
  return parts.length ? <div style={{ whiteSpace: 'pre-wrap' }}>{parts.join('\n')}</div> : null;
}

function OpenTasks({ tip, onDone }: { tip: TipDetailView; onDone(): void }) {
  const { message } = App.useApp();
  const titles = new Map(tip.history.filter((h) => h.type === 'CheckTaskAdded').map((h) => [h.data?.taskId, h.data?.title]));
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text strong>未完成的核实任务：</Typography.Text>
      {tip.openTasks!.map((t) => (
        <div key={t} style={{ marginTop: 4 }}>
          {titles.get(t) ?? t}{' '}
          <Button
            size="small"
            onClick={async () => {
              try {
                await api(`/tipline/tips/${tip.tipId}/tasks/${t}/complete`, { method: 'POST' });
                onDone();
              } catch (e) {
                message.error(e instanceof ApiError ? e.message : '操作失败');
              }
            }}
          >
            完成
          </Button>
        </div>
      ))}
    </div>
  );
}

function ActionModal({ tip, action, onClose, onDone }: { tip: TipDetailView; action: ActionSpec; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const units = useOwnChildren().filter((n) => n.level === 'township');
  const user = useUser();

  async function submit() {
    const v = await form.validateFields();
    const body: Record<string, unknown> = {};
    switch (action.key) {
      case 'not-accept':
      case 'extend':
        body.reason = v.reason;
        break;
      case 'transfer':
        Object.assign(body, { to: v.to, reason: v.reason });
        break;
      case 'assign':
        body.unitCode = v.unitCode || null;
        break;
      case 'notes':
        body.text = v.text;
        break;
      case 'tasks':
        Object.assign(body, { title: v.title, dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null });
        break;
      case 'conclude':
        Object.assign(body, { finding: v.finding, falseAccusation: !!v.falseAccusation, summary: v.summary, needsRectification: v.needsRectification });
        break;
      case 'messages':
        Object.assign(body, { kind: v.kind, text: v.text });
        break;
    }
    if (action.versioned) body.expectedVersion = tip.version;
    setBusy(true);
    setError(null);
    try {
      await api(`/tipline/tips/${tip.tipId}/${action.key}`, { method: 'POST', json: body });
      message.success(`${action.label}：已完成`);
      onClose();
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (e.status === 409 ? `${e.message}（该举报已被他人更新，请刷新后重试）` : e.message) : '操作失败');
    } finally {
      setBusy(false);
    }
  }

  const reason = (label: string) => (
    <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
      <Input.TextArea rows={3} maxLength={1000} data-testid="action-reason" />
    </Form.Item>
  );

  return (
    <Modal open title={action.label} onCancel={onClose} onOk={submit} confirmLoading={busy} okText="确定" cancelText="取消" destroyOnHidden okButtonProps={{ 'data-testid': 'action-ok' } as any}>
      <Form form={form} layout="vertical" initialValues={{ kind: tip.status === 'concluded' || (tip.repeatOf && tip.status === 'accepted') ? 'feedback' : 'question', needsRectification: undefined }}>
        {action.key === 'accept' && <Typography.Paragraph>确认受理该举报？受理后开始计算办结期限。</Typography.Paragraph>}
        {action.key === 'acknowledge' && <Typography.Paragraph>确认已收悉该选举期间举报（第一时间确认）。</Typography.Paragraph>}
        {action.key === 'close' && <Typography.Paragraph>确认结案？结案后不能再办理或留言。</Typography.Paragraph>}
        {action.key === 'not-accept' && reason('不予受理理由')}
        {action.key === 'extend' && reason('延期理由')}
        {action.key === 'transfer' && (
          <>
            <Form.Item name="to" label="转办单位" rules={[{ required: true, whitespace: true, message: '请填写转办单位' }]}>
              <Input maxLength={100} data-testid="action-to" />
            </Form.Item>
            {reason('转办理由')}
          </>
        )}
        {action.key === 'assign' && (
          <Form.Item name="unitCode" label="承办单位" extra="不选则按被举报人层级与属地自动确定（村书记、主任由县纪委监委承办）">
            <Select
              allowClear
              placeholder="自动确定"
              options={[{ value: user.node, label: '县纪委监委（本级）' }, ...units.map((u) => ({ value: u.code, label: `${u.name}纪委` }))]}
              data-testid="action-unit"
            />
          </Form.Item>
        )}
        {action.key === 'notes' && (
          <Form.Item name="text" label="核实记录" rules={[{ required: true, whitespace: true, message: '请填写核实记录' }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="action-text" />
          </Form.Item>
        )}
        {action.key === 'tasks' && (
          <>
            <Form.Item name="title" label="任务内容" rules={[{ required: true, whitespace: true, message: '请填写任务内容' }]}>
              <Input maxLength={200} data-testid="action-title" />
            </Form.Item>
            <Form.Item name="dueOn" label="完成期限">
              <DatePicker />
            </Form.Item>
          </>
        )}
        {action.key === 'conclude' && (
          <>
            <Form.Item name="finding" label="核实结论" rules={[{ required: true, message: '请选择核实结论' }]}>
              <Radio.Group options={FINDING_OPTIONS} data-testid="action-finding" />
            </Form.Item>
            <Form.Item name="falseAccusation" valuePropName="checked">
              <Checkbox>认定为诬告（仅结论为“不属实”时）</Checkbox>
            </Form.Item>
            <Form.Item name="needsRectification" label="是否需要整改" extra="不选则属实、部分属实的需要整改">
              <Radio.Group
                options={[
                  { value: true, label: '需要整改' },
                  { value: false, label: '不需要' },
                ]}
              />
            </Form.Item>
            <Form.Item name="summary" label="办理结果" rules={[{ required: true, whitespace: true, message: '请填写办理结果' }]}>
              <Input.TextArea rows={4} maxLength={5000} data-testid="action-summary" />
            </Form.Item>
            {!tip.anonymous && <Alert type="info" showIcon title="实名举报办结后，须在规定期限内通过“留言 / 反馈”向举报人反馈结果。" />}
          </>
        )}
        {action.key === 'messages' && (
          <>
            <Form.Item name="kind" label="留言类型">
              <Radio.Group
                options={[
                  { value: 'question', label: '向举报人提问' },
                  { value: 'feedback', label: '反馈办理结果', disabled: !feedbackAllowed(tip) },
                ]}
                data-testid="action-kind"
              />
            </Form.Item>
            <Form.Item name="text" label="留言内容" extra="举报人凭查询码可见；请勿写入举报人身份信息。" rules={[{ required: true, whitespace: true, message: '请填写留言内容' }]}>
              <Input.TextArea rows={4} maxLength={5000} data-testid="action-text" />
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
      </Form>
    </Modal>
  );
}

/**
 * The reveal flow on one tip: the user's own request (pending, approved: reveal now, refused), the
 * other officials' requests waiting for a decision (approve / refuse), and the button to ask.
 */
function RevealPanel({ tipId, access, version, onAsk, onRevealed }: { tipId: string; access: TipAccess; version: number; onAsk(): void; onRevealed(r: Reporter): void }) {
  const { message } = App.useApp();
  const [requests, setRequests] = useState<RevealRequest[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    api<{ requests: RevealRequest[] }>(`/tipline/tips/${tipId}/reporter/requests`).then(
      (r) => live && setRequests(r.requests),
      (e) => live && setError(e instanceof ApiError ? e.message : '读取申请失败'),
    );
    return () => {
      live = false;
    };
  }, [tipId, version, tick]);

  async function act(key: string, fn: () => Promise<void>) {
    setBusy(key);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      setBusy(null);
      setTick((t) => t + 1);
    }
  }

  const decide = (r: RevealRequest, approve: boolean) =>
    act(`${r.requestId}-${approve}`, async () => {
      await api(`/tipline/tips/${tipId}/reporter/requests/${r.requestId}/${approve ? 'approve' : 'refuse'}`, { method: 'POST', json: {} });
      message.success(approve ? '已批准该查看申请' : '已拒绝该查看申请');
    });
  const reveal = (r: RevealRequest) =>
    act(`${r.requestId}-reveal`, async () => {
      onRevealed(await api<Reporter>(`/tipline/tips/${tipId}/reporter`, { method: 'POST', json: { requestId: r.requestId } }));
    });

  if (!requests && !error) return <Spin size="small" />;
  const list = requests ?? [];
  const mineOpen = list.some((r) => r.mine && (r.status === 'pending' || r.canReveal));
  const others = list.filter((r) => r.canDecide);
  const mine = list.filter((r) => r.mine).slice(-1);
  const STATUS: Record<RevealRequest['status'], { color: string; label: string }> = {
    pending: { color: 'gold', label: '待审批' },
    approved: { color: 'green', label: '已批准' },
    refused: { color: 'default', label: '已拒绝' },
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        举报人身份加密保存；查看须写明事由，经另一名纪检监察人员审批后由申请人本人查看（批准后 {access.reveal!.approvalValidMinutes} 分钟内、限一次），全程留痕。
      </Typography.Text>
      {mine.map((r) => (
        <Alert
          key={r.requestId}
          type={r.canReveal ? 'success' : r.status === 'pending' ? 'info' : 'warning'}
          showIcon
          data-testid={r.canReveal ? 'reveal-approved' : r.status === 'pending' ? 'reveal-pending' : 'reveal-closed'}
          title={
            r.canReveal
              ? `您的查看申请已获批准，请在 ${formatDateTime(r.validUntil!)} 前查看（限一次）。`
              : r.status === 'pending'
                ? '您的查看申请已提交，等待另一名纪检监察人员审批。'
                : r.status === 'refused'
                  ? `您的查看申请未获批准${r.refusalReason ? `：${r.refusalReason}` : '。'}`
                  : '您的审批已使用或已过期，如需再次查看请重新申请。'
          }
          description={`事由：${r.reason}`}
          action={
            r.canReveal && (
              <Button danger loading={busy === `${r.requestId}-reveal`} onClick={() => reveal(r)} data-testid="reveal-show">
                查看举报人身份
              </Button>
            )
          }
        />
      ))}
      {others.length > 0 && (
        <Table<RevealRequest>
          size="small"
          pagination={false}
          rowKey="requestId"
          dataSource={others}
          data-testid="reveal-requests"
          columns={[
            { title: '申请时间', dataIndex: 'requestedAt', width: 160, render: (v) => formatDateTime(v) },
            { title: '事由', dataIndex: 'reason' },
            { title: '状态', dataIndex: 'status', width: 90, render: (v: RevealRequest['status']) => <Tag color={STATUS[v].color}>{STATUS[v].label}</Tag> },
            {
              title: '审批',
              key: 'op',
              width: 160,
              render: (_, r) => (
                <Space>
                  <Button size="small" type="primary" loading={busy === `${r.requestId}-true`} onClick={() => decide(r, true)} data-testid="reveal-approve">
                    批准
                  </Button>
                  <Button size="small" loading={busy === `${r.requestId}-false`} onClick={() => decide(r, false)} data-testid="reveal-refuse">
                    拒绝
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {!mineOpen && (
        <Button danger onClick={onAsk} data-testid="reveal-reporter">
          申请查看举报人身份
        </Button>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="reveal-error" />}
    </Space>
  );
}

function RevealRequestModal({ tipId, minReasonLength, onClose, onRequested }: { tipId: string; minReasonLength: number; onClose(): void; onRequested(): void }) {
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const long = [...reason.trim()].length >= minReasonLength;

  async function request() {
    setBusy(true);
    setError(null);
    try {
      await api(`/tipline/tips/${tipId}/reporter/requests`, { method: 'POST', json: { reason: reason.trim() } });
      onRequested();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '申请失败');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title="申请查看举报人身份"
      onCancel={onClose}
      onOk={request}
      okText="提交申请"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ danger: true, disabled: !confirmed || !long, 'data-testid': 'reveal-confirm' } as any}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="举报人身份属于保密信息"
        description="依《纪检监察机关处理检举控告工作规则》，对举报人信息严格保密。查看须经另一名纪检监察人员审批；申请、审批和查看都将记录人员、时间和事由，仅在办理确需时申请，不得向被举报人或无关人员泄露。"
      />
      <Typography.Text>查看事由（必填，至少 {minReasonLength} 个字）：</Typography.Text>
      <Input.TextArea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} style={{ margin: '8px 0' }} data-testid="reveal-reason" />
      <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="reveal-ack">
        我确认因办理需要申请查看，并承担保密责任
      </Checkbox>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
