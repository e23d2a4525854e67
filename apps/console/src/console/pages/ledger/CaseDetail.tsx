import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Space, Spin, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/time';
import { useApi } from '../../../shared/useApi';
import { hasRole, useUser, type User } from '../../auth';
import { useAuditCategoryNames } from './useAuditCategoryNames';
import { categoryText, lightColor, STATUS_COLORS, type CaseStatus, type Light } from './model';

interface CaseView {
  caseId: string;
  version: number;
  status: CaseStatus;
  statusLabel: string;
  light: Light;
  lightLabel: string;
  deadline: { startOn: string; workingDays: number | null; due: string; endsAt: string; yellowOn: string; beyondHorizon: boolean };
  villageCode: string;
  sourceLabel: string;
  source: { kind: string; ref: string | null };
  category: string;
  severityLabel: string;
  description: string;
  measures: string;
  responsibleUnit: string;
  responsiblePerson: { name: string; post: string | null } | null;
  directlyResponsible: { name: string; post: string | null }[];
  notes: { noteId: string; text: string; at: string }[];
  application: { at: string; evidence: string; applicantId: string | null } | null;
  returns: { at: string; reasons: string }[];
  closedAt: string | null;
  closeSummary: string | null;
  reopenCount: number;
  redCount: number;
  escalations: { measure: string; redCount: number; at: string }[];
  openedAt: string;
  history: { version: number; type: string; at: string; by: string | null }[];
}

type Action = 'progress' | 'apply' | 'close' | 'return' | 'reopen' | 'deadline';

const ACTION_LABELS: Record<Action, string> = {
  progress: '填报整改进展',
  apply: '申请销号',
  close: '审核通过，销号',
  return: '退回整改',
  reopen: '重新打开（反弹回潮）',
  deadline: '调整整改时限',
};

const EVENT_LABELS: Record<string, string> = {
  CaseOpened: '交办',
  CaseAmended: '问题更新',
  ResponsibleChanged: '调整责任人',
  ProgressNoted: '填报进展',
  MilestoneCompleted: '完成节点',
  ClosingApplied: '申请销号',
  CaseClosed: '销号',
  CaseReturned: '退回整改',
  CaseReopened: '重新打开',
  DeadlineChanged: '调整时限',
  CaseTurnedYellow: '黄灯预警',
  CaseOverdue: '逾期（红灯）',
  CaseEscalated: '约谈/诫勉',
};

/** The actions this user may take on this case now (the server decides; this only hides what would be refused). */
function actionsFor(user: User, c: CaseView): Action[] {
  const out: Action[] = [];
  const worker = hasRole(user, 'liaison', 'township');
  const superior = hasRole(user, 'township', 'org_dept', 'discipline');
  const open = c.status === 'assigned' || c.status === 'in_progress' || c.status === 'returned';
  if (worker && open) out.push('progress', 'apply');
  if (superior && c.status === 'closing_applied' && c.application?.applicantId !== user.id) out.push('close', 'return');
  if (superior && c.status === 'closed') out.push('reopen');
  if (hasRole(user, 'org_dept', 'discipline') && c.status !== 'closed') out.push('deadline');
  return out;
}

export function CaseDetail() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const { data: c, error, reload } = useApi<CaseView>(`/grievance/cases/${encodeURIComponent(id)}`);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const auditNames = useAuditCategoryNames();
  if (!c) return error ? <Alert type="error" title={error} showIcon /> : <Spin />;

  const run = async (a: Action, body: Record<string, unknown>) => {
    setBusy(true);
    try {
      const versioned = a === 'progress' ? body : { ...body, expectedVersion: c.version };
      await api(`/grievance/cases/${encodeURIComponent(c.caseId)}/${a}`, { method: 'POST', json: versioned });
      message.success(`${ACTION_LABELS[a]}：已完成`);
      setAction(null);
      reload();
    } catch (err) {
      message.error((err as Error).message);
      if ((err as { status?: number }).status === 409) reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-detail">
      <Space>
        <Link to="/ledger">← 返回整改台账</Link>
        <Link to={`/ledger/villages/${c.villageCode}`}>本村一村一策</Link>
      </Space>
      <Card
        title={
          <Space wrap>
            <span>{categoryText(c, auditNames)}</span>
            {c.light !== 'none' && (
              <Tag color={lightColor(c.light)} data-testid="case-detail-light">
                {c.lightLabel}
              </Tag>
            )}
            <Tag color={STATUS_COLORS[c.status]} data-testid="case-detail-status">
              {c.statusLabel}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {actionsFor(user, c).map((a) => (
              <Button key={a} type={a === 'close' || a === 'apply' ? 'primary' : 'default'} danger={a === 'return'} onClick={() => setAction(a)} data-testid={`case-action-${a}`}>
                {ACTION_LABELS[a]}
              </Button>
            ))}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="问题来源">{c.sourceLabel}</Descriptions.Item>
          <Descriptions.Item label="严重程度">{c.severityLabel}</Descriptions.Item>
          <Descriptions.Item label="问题描述" span="filled">
            {c.description}
          </Descriptions.Item>
          <Descriptions.Item label="整改措施" span="filled">
            {c.measures}
          </Descriptions.Item>
          <Descriptions.Item label="责任单位">{c.responsibleUnit}</Descriptions.Item>
          <Descriptions.Item label="第一责任人">{c.responsiblePerson ? `${c.responsiblePerson.name}${c.responsiblePerson.post ? `（${c.responsiblePerson.post}）` : ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="直接责任人">{c.directlyResponsible.length ? c.directlyResponsible.map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label="交办日期">{formatDate(c.deadline.startOn)}</Descriptions.Item>
          <Descriptions.Item label="整改时限">
            {formatDate(c.deadline.due)}
            {c.deadline.workingDays ? `（${c.deadline.workingDays} 个工作日）` : ''}
            {c.deadline.beyondHorizon ? '（超出节假日数据范围，按普通工作日计算）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="黄灯预警起">{formatDate(c.deadline.yellowOn)}</Descriptions.Item>
          {c.redCount > 0 && <Descriptions.Item label="红灯次数">{c.redCount}</Descriptions.Item>}
          {c.reopenCount > 0 && <Descriptions.Item label="重新打开">{c.reopenCount} 次</Descriptions.Item>}
          {c.application && (
            <Descriptions.Item label="销号申请" span="filled">
              {formatDateTime(c.application.at)}：{c.application.evidence}
            </Descriptions.Item>
          )}
          {c.closedAt && (
            <Descriptions.Item label="销号" span="filled">
              {formatDateTime(c.closedAt)}：{c.closeSummary}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="整改记录">
        <Timeline
          items={[
            ...c.notes.map((n): { key: string; at: string; content: string; color?: string } => ({ key: n.noteId, at: n.at, content: `整改进展：${n.text}` })),
            ...c.returns.map((r, i) => ({ key: `r${i}`, at: r.at, content: `退回整改：${r.reasons}`, color: 'orange' })),
            ...c.escalations.map((e, i) => ({ key: `e${i}`, at: e.at, content: `第 ${e.redCount} 次红灯：${e.measure === 'admonishment' ? '诫勉' : '约谈'}`, color: 'red' })),
          ]
            .sort((a, b) => a.at.localeCompare(b.at))
            .map((x) => ({ key: x.key, color: x.color, content: `${formatDateTime(x.at)} ${x.content}` }))}
        />
        <Typography.Title level={5}>操作留痕</Typography.Title>
        <Timeline
          data-testid="case-history"
          items={c.history.map((h) => ({ key: h.version, color: 'gray', content: `${formatDateTime(h.at)} ${EVENT_LABELS[h.type] ?? h.type}${h.by ? ` · ${h.by}` : ''}` }))}
        />
      </Card>
      {action && <ActionModal action={action} busy={busy} onCancel={() => setAction(null)} onRun={run} />}
    </Space>
  );
}

function ActionModal({ action, busy, onCancel, onRun }: { action: Action; busy: boolean; onCancel(): void; onRun(a: Action, body: Record<string, unknown>): void }) {
  const [form] = Form.useForm();
  const [mode, setMode] = useState<'due' | 'workingDays'>('due');
  const ok = async () => {
    const v = await form.validateFields();
    switch (action) {
      case 'progress':
        return onRun(action, { text: v.text });
      case 'apply':
        return onRun(action, { evidence: v.text });
      case 'close':
        return onRun(action, { summary: v.text });
      case 'return':
        return onRun(action, { reasons: v.text });
      case 'reopen':
      case 'deadline': {
        const limit = mode === 'due' ? (v.due ? { due: (v.due as Dayjs).format('YYYY-MM-DD') } : {}) : v.workingDays ? { workingDays: v.workingDays } : {};
        return onRun(action, { reason: v.text, ...limit });
      }
    }
  };
  const textLabel: Record<Action, string> = { progress: '整改进展', apply: '整改佐证材料说明', close: '销号意见', return: '退回理由', reopen: '重新打开理由', deadline: '调整理由' };
  return (
    <Modal open title={ACTION_LABELS[action]} okText="提交" onOk={ok} confirmLoading={busy} onCancel={onCancel} destroyOnHidden okButtonProps={{ 'data-testid': 'case-action-submit' }}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="text" label={textLabel[action]} rules={[{ required: true, whitespace: true, message: `请填写${textLabel[action]}` }]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="case-action-text" />
        </Form.Item>
        {(action === 'reopen' || action === 'deadline') && (
          <>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 12 }}>
              <Radio value="due">新的截止日期</Radio>
              <Radio value="workingDays">工作日数</Radio>
            </Radio.Group>
            {mode === 'due' ? (
              <Form.Item name="due" label="截止日期" rules={action === 'deadline' ? [{ required: true, message: '请选择新的截止日期' }] : []}>
                <DatePicker style={{ width: 200 }} />
              </Form.Item>
            ) : (
              <Form.Item name="workingDays" label="自今日起的工作日数" rules={action === 'deadline' ? [{ required: true, message: '请填写工作日数' }] : []}>
                <InputNumber min={1} max={250} precision={0} style={{ width: 200 }} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
