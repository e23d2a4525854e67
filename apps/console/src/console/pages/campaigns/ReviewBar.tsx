// The dossier's procedure: the work group submits, the committee approves or sends it back with a
// reason, then the feedback letter (反馈意见函, Word) goes to the village. Buttons by role and status;
// the server decides (its Chinese message is shown when it refuses).
import { useState } from 'react';
import { App, Button, Input, Modal, Space, Typography, type ButtonProps } from 'antd';
import { download } from '../../../shared/api';
import { formatDateTime } from '../../../shared/time';
import { hasRole, useUser } from '../../auth';
import { dossierPath, dossierStep, type DossierView } from './campaign-api';
import { REVIEWERS, WRITERS } from './labels';

type Asking = { step: 'approve' | 'return' | 'feedback'; title: string; field: 'comment' | 'reason' | 'letterNo'; placeholder: string; required: boolean } | null;

export function ReviewBar({ campaignId, dossier, unsaved, onDone }: { campaignId: string; dossier: DossierView; unsaved: number; onDone(): void }) {
  const user = useUser();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<Asking>(null);
  const [text, setText] = useState('');
  const subject = dossier.subject.code;

  const run = async (step: 'submit' | 'approve' | 'return' | 'feedback', body?: unknown, done?: string) => {
    setBusy(true);
    try {
      await dossierStep(campaignId, subject, step, body);
      if (done) message.success(done);
      setAsking(null);
      onDone();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const ask = (a: NonNullable<Asking>) => {
    setText('');
    setAsking(a);
  };

  const writer = hasRole(user, ...WRITERS);
  const reviewer = hasRole(user, ...REVIEWERS);
  return (
    <Space wrap>
      {dossier.status === 'draft' && writer && (
        <Button type="primary" disabled={unsaved > 0} loading={busy} onClick={() => void run('submit', undefined, '已提交审核')} data-testid="dossier-submit">
          {unsaved > 0 ? '有未保存的内容' : '提交审核'}
        </Button>
      )}
      {dossier.status === 'submitted' && reviewer && (
        <>
          <Button type="primary" onClick={() => ask({ step: 'approve', title: '审定通过', field: 'comment', placeholder: '审核意见（选填）', required: false })} data-testid="dossier-approve">
            审定通过
          </Button>
          <Button danger onClick={() => ask({ step: 'return', title: '退回修改', field: 'reason', placeholder: '退回理由', required: true })} data-testid="dossier-return">
            退回修改
          </Button>
        </>
      )}
      {dossier.status === 'approved' && reviewer && !dossier.feedback && (
        <Button onClick={() => ask({ step: 'feedback', title: '出具反馈意见函', field: 'letterNo', placeholder: '文号，如 X组反〔2026〕3号', required: true })} data-testid="dossier-feedback">
          出具反馈意见函
        </Button>
      )}
      {dossier.feedback && (
        <>
          <Typography.Text type="secondary">
            反馈意见函 {dossier.feedback.letterNo}（{formatDateTime(dossier.feedback.at)}）
          </Typography.Text>
          <Button
            onClick={() => download(`${dossierPath(campaignId, subject)}/feedback.docx`, `${dossier.subjectName}反馈意见函.docx`).catch((e: Error) => message.error(e.message))}
            data-testid="dossier-feedback-docx"
          >
            下载反馈意见函（Word）
          </Button>
        </>
      )}
      <Modal
        open={asking !== null}
        title={asking?.title}
        okText="确定"
        confirmLoading={busy}
        okButtonProps={{ disabled: Boolean(asking?.required && !text.trim()), 'data-testid': 'review-confirm' } as ButtonProps}
        onOk={() => asking && void run(asking.step, { [asking.field]: text.trim() }, `${asking.title}：已完成`)}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder={asking?.placeholder} value={text} onChange={(e) => setText(e.target.value)} data-testid="review-text" />
      </Modal>
    </Space>
  );
}
