import { useState } from 'react';
import { Button, Form, Input, Modal, Radio, Select, Space, Switch, Typography, Upload } from 'antd';
import { useApi } from '../../../shared/useApi';
import type { Categories, FindingContent } from './model';

/** Yuan with at most two decimals, kept as the string typed: never a float on its way to the server. */
const AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;

export interface FindingFormValues extends FindingContent {
  reason?: string;
}

interface Props {
  open: boolean;
  /** An amendment: prefilled with the finding's current content and asks for a reason. */
  initial?: FindingContent;
  amend?: boolean;
  onCancel(): void;
  onSubmit(values: FindingFormValues): Promise<void>;
}

async function sha256Hex(file: File): Promise<string> {
  if (!globalThis.crypto?.subtle) return '';
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Record a finding (记录问题) or amend a published one (更正, with a reason). */
export function FindingForm({ open, initial, amend = false, onCancel, onSubmit }: Props) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const { data: cats } = useApi<Categories>(open ? '/auditing/categories' : null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit({
        category: v.category,
        severity: v.severity,
        amount: v.amount ? String(v.amount).trim() : null,
        description: v.description,
        responsiblePersons: (v.responsiblePersons ?? []).filter((p: { name?: string }) => p?.name).map((p: { name: string; post?: string }) => ({ name: p.name, post: p.post || null })),
        evidence: v.evidence ?? [],
        rectificationRequired: Boolean(v.rectificationRequired),
        violationSuspected: Boolean(v.violationSuspected),
        ...(amend ? { reason: v.reason } : {}),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={amend ? '更正审计发现问题' : '记录审计发现问题'}
      okText={amend ? '提交更正' : '保存'}
      onOk={submit}
      confirmLoading={busy}
      onCancel={onCancel}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'finding-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          initial
            ? { ...initial, amount: initial.amount ?? '', responsiblePersons: initial.responsiblePersons.length ? initial.responsiblePersons : [{}] }
            : { severity: 'general', rectificationRequired: true, violationSuspected: false, responsiblePersons: [{}], evidence: [] }
        }
      >
        <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
          <Select
            placeholder="选择类别"
            data-testid="finding-category"
            options={(cats?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="severity" label="问题性质" rules={[{ required: true, message: '请选择问题性质' }]}>
          <Radio.Group
            data-testid="finding-severity"
            options={(cats?.severities ?? [
              { code: 'general', label: '一般' },
              { code: 'major', label: '较重' },
              { code: 'serious', label: '严重' },
            ]).map((s) => ({ value: s.code, label: s.label }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label="涉及金额（元）"
          extra="按账面金额填写，最多两位小数；无金额可不填"
          rules={[{ pattern: AMOUNT, message: '金额应为数字，最多两位小数，如 12000.50' }]}
        >
          <Input inputMode="decimal" placeholder="如 12000.50" data-testid="finding-amount" />
        </Form.Item>
        <Form.Item name="description" label="问题描述" rules={[{ required: true, whitespace: true, message: '请写明问题的具体情况' }]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="finding-description" />
        </Form.Item>
        <Typography.Text>责任人</Typography.Text>
        <Form.List name="responsiblePersons">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'name']} noStyle>
                    <Input placeholder="姓名" style={{ width: 160 }} data-testid={`finding-person-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'post']} noStyle>
                    <Input placeholder="职务" style={{ width: 200 }} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} style={{ margin: '8px 0 16px' }}>
                添加责任人
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="evidence" label="证据材料" extra="仅登记文件名和 SHA-256 摘要，文件本身留存于审计工作底稿" valuePropName="value">
          <EvidencePicker />
        </Form.Item>
        <Space size="large">
          <Form.Item name="rectificationRequired" label="需要整改" valuePropName="checked">
            <Switch data-testid="finding-rectification" />
          </Form.Item>
          <Form.Item name="violationSuspected" label="涉嫌违纪违法（移送举报受理）" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        {amend && (
          <Form.Item name="reason" label="更正理由" rules={[{ required: true, whitespace: true, message: '请写明更正理由' }]}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="finding-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Files hashed in the browser: only their names and digests are sent. */
function EvidencePicker({ value = [], onChange }: { value?: FindingContent['evidence']; onChange?(v: FindingContent['evidence']): void }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        multiple
        showUploadList={false}
        beforeUpload={async (file) => {
          const sha256 = await sha256Hex(file);
          onChange?.([...value, { fileName: file.name, sha256 }]);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button>选择文件（计算摘要）</Button>
      </Upload>
      {value.map((e, i) => (
        <Space key={`${e.fileName}-${i}`}>
          <Typography.Text>{e.fileName}</Typography.Text>
          <Typography.Text type="secondary" code>
            {e.sha256 ? `${e.sha256.slice(0, 16)}…` : '（浏览器不支持摘要）'}
          </Typography.Text>
          <Button type="link" size="small" onClick={() => onChange?.(value.filter((_, j) => j !== i))}>
            移除
          </Button>
        </Space>
      ))}
    </Space>
  );
}
