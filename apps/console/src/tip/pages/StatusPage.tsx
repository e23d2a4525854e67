// Progress by receipt code: the code goes in a POST body (never the URL) and stays in this page's
// memory only. Shows where the matter stands, the result once told, and the two-way messages.
import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Steps, Tag, Typography } from 'antd';
import { api, ApiError } from '../../shared/api';
import { formatDateTime } from '../../shared/time';
import { Zh } from './Zh';

interface ReceiptView {
  status: string;
  statusLabel: string;
  receivedAt: string;
  finding: string | null;
  messages: { id: string; at: string; from: 'handler' | 'reporter'; kind: 'question' | 'feedback' | 'reply'; text: string }[];
}

const STEPS = [
  { title: '已接收', statuses: ['received'] },
  { title: '已受理', statuses: ['accepted', 'not_accepted', 'transferred'] },
  { title: '核实办理', statuses: ['assigned', 'checking'] },
  { title: '已办结', statuses: ['concluded'] },
  { title: '已反馈', statuses: ['feedback_given', 'closed'] },
];
const KIND_LABELS = { question: '办理人员提问', feedback: '办理结果反馈', reply: '我的回复' } as const;

export default function StatusPage() {
  return (
    <Zh>
      <Status />
    </Zh>
  );
}

function Status() {
  const [code, setCode] = useState('');
  const [view, setView] = useState<ReceiptView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [reply, setReply] = useState('');
  const [replying, setReplying] = useState(false);
  const [replied, setReplied] = useState(false);

  async function lookup(c = code) {
    setError(null);
    setLoading(true);
    try {
      setView(await api<ReceiptView>('/tipline/public/receipts/lookup', { json: { code: c.trim() }, anonymous: true }));
    } catch (e) {
      setView(null);
      setError(e instanceof ApiError ? e.message : '查询失败，请检查网络后重试');
    } finally {
      setLoading(false);
    }
  }

  async function sendReply() {
    setError(null);
    setReplying(true);
    try {
      const lastQuestion = [...(view?.messages ?? [])].reverse().find((m) => m.from === 'handler');
      await api('/tipline/public/receipts/reply', { json: { code: code.trim(), text: reply, inReplyTo: lastQuestion?.id ?? null }, anonymous: true });
      setReply('');
      setReplied(true);
      await lookup();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '发送失败，请稍后重试');
    } finally {
      setReplying(false);
    }
  }

  const stepIndex = view ? STEPS.findIndex((s) => s.statuses.includes(view.status)) : 0;
  const stopped = view && ['not_accepted', 'transferred'].includes(view.status);

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical" onFinish={() => lookup()}>
          <Form.Item label="查询码" extra="提交举报时显示的查询码，如 ABCD-EFGH-…；不区分大小写，可带或不带短横线。">
            <Input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder="请输入查询码"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={64}
              data-testid="status-code"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={loading} disabled={!code.trim()} data-testid="status-submit">
            查询
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="status-error" />}
      {view && (
        <>
          <Card size="small" title="办理进度" style={{ marginBottom: 12 }} data-testid="status-view">
            <Typography.Paragraph>
              当前状态：<Tag color={stopped ? 'orange' : 'red'} data-testid="status-label">{view.statusLabel}</Tag>
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">提交时间：{formatDateTime(view.receivedAt)}</Typography.Paragraph>
            {!stopped && <Steps orientation="vertical" size="small" current={stepIndex} items={STEPS.map((s) => ({ title: s.title }))} />}
            {view.finding && (
              <Alert type="success" showIcon title={`核实结论：${view.finding}`} data-testid="status-finding" style={{ marginTop: 8 }} />
            )}
          </Card>
          <Card size="small" title="答复与留言" style={{ marginBottom: 12 }} data-testid="status-messages">
            {view.messages.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无答复" />
            ) : (
              view.messages.map((m) => (
                <div key={m.id} className={`tip-msg ${m.from}`} data-testid={`status-message-${m.kind}`}>
                  <small>
                    {KIND_LABELS[m.kind]} · {formatDateTime(m.at)}
                  </small>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{m.text}</div>
                </div>
              ))
            )}
          </Card>
          {view.status !== 'closed' && (
            <Card size="small" title="回复或补充材料">
              <Input.TextArea rows={4} maxLength={5000} showCount value={reply} onChange={(e) => setReply(e.target.value)} placeholder="回答办理人员的提问，或补充新的情况" data-testid="reply-text" />
              <Button style={{ marginTop: 12 }} type="primary" block disabled={!reply.trim()} loading={replying} onClick={sendReply} data-testid="reply-submit">
                发送
              </Button>
              {replied && <Typography.Text type="success">已发送。</Typography.Text>}
            </Card>
          )}
        </>
      )}
    </>
  );
}
