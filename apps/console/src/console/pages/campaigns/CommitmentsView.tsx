// 整改承诺书 and 问题销号: per problem the measures, the responsible person and the deadline; the
// problems accepted go to grievance as rectification cases, and their closing shows here.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { formatDate, todayInShanghai } from '../../../shared/time';
import { hasRole, useUser } from '../../auth';
import { DateField } from '../roster/DateField';
import { dossierStep, putCommitments, type Commitment, type DossierView, type ProblemView } from './campaign-api';
import { SEVERITY_LABELS, WRITERS } from './labels';

const blank = (problemId: string): Commitment => ({ problemId, measures: '', responsible: { name: '', post: '' }, deadline: '' });

export function CommitmentsView({ campaignId, dossier, onDone }: { campaignId: string; dossier: DossierView; onDone(): void }) {
  const user = useUser();
  const { message } = App.useApp();
  const [edits, setEdits] = useState<Record<string, Commitment>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const writer = hasRole(user, ...WRITERS);
  const of = (p: ProblemView) => edits[p.problemId] ?? p.commitment ?? blank(p.problemId);
  const edit = (p: ProblemView, patch: Partial<Commitment>) => setEdits((e) => ({ ...e, [p.problemId]: { ...of(p), ...patch } }));
  const complete = (c: Commitment) => c.measures.trim() && c.responsible.name.trim() && c.responsible.post.trim() && c.deadline;

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      setEdits({});
      setSelected([]);
      onDone();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const changed = Object.values(edits);
  const acceptable = dossier.problems.filter((p) => p.commitment && !p.accepted).map((p) => p.problemId);

  return (
    <Card title="整改承诺与问题销号" size="small" data-testid="commitments">
      <Table<ProblemView>
        rowKey="problemId"
        size="small"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={dossier.problems}
        rowSelection={writer ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (p) => ({ disabled: !acceptable.includes(p.problemId) }) } : undefined}
        onRow={(p) => ({ 'data-testid': `commitment-row-${p.problemId}` }) as object}
        columns={[
          { title: '问题', key: 'p', width: 200, render: (_, p) => `${p.problemId} ${p.category}（${SEVERITY_LABELS[p.severity]}）：${p.description}` },
          {
            title: '整改措施',
            key: 'measures',
            render: (_, p) => (p.accepted || !writer ? of(p).measures : <Input.TextArea autoSize value={of(p).measures} maxLength={2000} onChange={(e) => edit(p, { measures: e.target.value })} data-testid={`commitment-${p.problemId}-measures`} />),
          },
          {
            title: '责任人',
            key: 'responsible',
            width: 170,
            render: (_, p) =>
              p.accepted || !writer ? (
                `${of(p).responsible.name} ${of(p).responsible.post}`
              ) : (
                <Space orientation="vertical" size={4}>
                  <Input placeholder="姓名" value={of(p).responsible.name} onChange={(e) => edit(p, { responsible: { ...of(p).responsible, name: e.target.value } })} data-testid={`commitment-${p.problemId}-name`} />
                  <Input placeholder="职务" value={of(p).responsible.post} onChange={(e) => edit(p, { responsible: { ...of(p).responsible, post: e.target.value } })} data-testid={`commitment-${p.problemId}-post`} />
                </Space>
              ),
          },
          {
            title: '完成时限',
            key: 'deadline',
            width: 160,
            render: (_, p) => (p.accepted || !writer ? formatDate(of(p).deadline) : <DateField value={of(p).deadline} onChange={(v) => edit(p, { deadline: v })} testId={`commitment-${p.problemId}-deadline`} />),
          },
          {
            title: '状态',
            key: 'status',
            width: 130,
            render: (_, p) =>
              p.case ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="success" data-testid={`problem-closed-${p.problemId}`}>已销号</Tag>
                  <Typography.Text type="secondary">{formatDate(p.case.closedAt)}</Typography.Text>
                  <Link to={`/ledger/cases/${encodeURIComponent(p.case.caseId)}`}>查看整改案件</Link>
                </Space>
              ) : p.accepted ? (
                <Tag color="processing" data-testid={`problem-accepted-${p.problemId}`}>整改中</Tag>
              ) : p.commitment ? (
                <Tag>已承诺</Tag>
              ) : (
                <Tag color="warning">待承诺</Tag>
              ),
          },
        ]}
      />
      {writer && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button
            disabled={changed.length === 0 || !changed.every(complete)}
            loading={busy}
            onClick={() => void act(() => putCommitments(campaignId, dossier.subject.code, changed), '整改承诺已保存')}
            data-testid="commitments-save"
          >
            保存整改承诺
          </Button>
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => void act(() => dossierStep(campaignId, dossier.subject.code, 'accept', { problemIds: selected }), '已纳入整改台账')}
            data-testid="problems-accept"
          >
            纳入整改台账（{selected.length}）
          </Button>
          <Typography.Text type="secondary">完成时限不早于今天（{todayInShanghai()}）</Typography.Text>
        </Space>
      )}
    </Card>
  );
}
