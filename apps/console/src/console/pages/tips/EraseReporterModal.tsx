// Crypto-shredding of a reporter's identity (discipline only): the data key is deleted, so the sealed
// identity can never be read again. Irreversible, hence a typed confirmation and a reason, audited.
import { useState } from 'react';
import { Alert, Input, Modal, Typography, message } from 'antd';
import { api, ApiError } from '../../../shared/api';

const CONFIRM_WORD = '销毁';

export function EraseReporterModal({ tipId, onClose, onErased }: { tipId: string; onClose(): void; onErased(): void }) {
  const [reason, setReason] = useState('');
  const [word, setWord] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function erase() {
    setBusy(true);
    setError(null);
    try {
      const done = await api<{ irreversible?: boolean }>(`/tipline/tips/${tipId}/reporter/erase`, { method: 'POST', json: { reason: reason.trim() } });
      // Not yet irreversible: the server retries the remaining step (key rotation, file deletion) by itself.
      if (done?.irreversible === false) message.warning('销毁待完成：身份信息已不可查看，系统正在自动完成其余步骤');
      else message.success('销毁已完成');
      onErased();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '销毁失败');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title="销毁举报人身份信息"
      onCancel={onClose}
      onOk={erase}
      okText="确认销毁"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ danger: true, disabled: word !== CONFIRM_WORD || !reason.trim(), 'data-testid': 'erase-confirm' } as any}
    >
      <Alert type="error" showIcon style={{ marginBottom: 12 }} title="此操作不可恢复" description="销毁后任何人（包括纪委监委）都无法再查看该举报人的身份和联系方式；举报内容和办理记录保留。" />
      <Typography.Text>销毁事由（必填）：</Typography.Text>
      <Input.TextArea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} style={{ margin: '8px 0' }} data-testid="erase-reason" />
      <Typography.Text>请输入“{CONFIRM_WORD}”以确认：</Typography.Text>
      <Input value={word} onChange={(e) => setWord(e.target.value)} style={{ marginTop: 8 }} data-testid="erase-word" />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
