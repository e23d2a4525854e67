// The public form (网上举报): category, whom it is about, what happened, evidence, real name or
// anonymous. Sent as multipart (the JSON in field `tip`, files in `evidence`), as the API takes it.
// The answer's receipt code is shown once, here, and kept nowhere else.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { api, ApiError } from '../../shared/api';
import { formatDate } from '../../shared/time';
import type { ObjectionDraft } from '../route';
import { Zh, type Place } from './Zh';

interface FormInfo {
  categories: { code: string; name: string; group: string }[];
  maxTextLength: number;
  evidence: { maxFileBytes: number; maxFiles: number };
  notice: string;
}

interface Submitted {
  receiptCode: string;
  message: string;
  acceptanceDue: string | null;
}

const GROUPS: Record<string, string> = { election: '换届选举', discipline: '纪律作风', out_of_scope: '其他' };

export default function ReportPage(props: { objection: ObjectionDraft | null; onStatus(): void; onHome(): void }) {
  const [done, setDone] = useState<Submitted | null>(null);
  return <Zh>{done ? <Receipt result={done} onStatus={props.onStatus} onHome={props.onHome} /> : <ReportForm objection={props.objection} onDone={setDone} />}</Zh>;
}

function ReportForm({ objection, onDone }: { objection: ObjectionDraft | null; onDone(r: Submitted): void }) {
  const [form] = Form.useForm();
  const [info, setInfo] = useState<FormInfo | null>(null);
  const [towns, setTowns] = useState<Place[]>([]);
  const [villages, setVillages] = useState<Place[]>([]);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const anonymous = Form.useWatch('anonymous', form);
  const kind = Form.useWatch('kind', form);
  const township = Form.useWatch('township', form);

  useEffect(() => {
    api<FormInfo>('/tipline/public/form', { anonymous: true }).then(setInfo, (e) => setError(e.message));
    api<Place[]>('/tipline/public/places', { anonymous: true }).then(setTowns, () => setTowns([]));
  }, []);

  useEffect(() => {
    if (!township) return setVillages([]);
    api<Place[]>('/tipline/public/places', { anonymous: true, query: { parent: township } }).then(setVillages, () => setVillages([]));
  }, [township]);

  useEffect(() => {
    if (!objection) return;
    form.setFieldsValue({ kind: 'person', category: 'improper_nomination', name: objection.name, post: objection.post ?? undefined, township: objection.villageCode.slice(0, 9) + '000', village: objection.villageCode });
  }, [objection, form]);

  async function submit(v: any) {
    setError(null);
    const subject =
      v.kind === 'village'
        ? { kind: 'village', villageCode: v.village }
        : { kind: 'person', name: v.name.trim(), post: v.post?.trim() || null, villageCode: v.village || null };
    const tip = {
      category: v.category,
      subjects: [subject],
      text: v.text,
      anonymous: v.anonymous,
      reporter: v.anonymous ? null : { name: v.reporterName.trim(), phone: v.reporterPhone?.trim() || null, contact: v.reporterContact?.trim() || null },
    };
    const body = new FormData();
    body.set('tip', JSON.stringify(tip));
    for (const f of files) if (f.originFileObj) body.append('evidence', f.originFileObj, f.name);
    setSending(true);
    try {
      onDone(await api<Submitted>('/tipline/public/tips', { form: body, anonymous: true }));
      window.scrollTo(0, 0);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请检查网络后重试');
    } finally {
      setSending(false);
    }
  }

  const maxFiles = info?.evidence.maxFiles ?? 5;
  const maxBytes = info?.evidence.maxFileBytes ?? 10 * 1024 * 1024;
  const groups = Object.entries(GROUPS)
    .map(([g, label]) => ({ label, options: (info?.categories ?? []).filter((c) => c.group === g).map((c) => ({ value: c.code, label: c.name })) }))
    .filter((g) => g.options.length);

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'person', anonymous: false }} scrollToFirstError>
      {objection && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="objection-banner"
          title={`对公示候选人提出异议：${objection.name}`}
          description={`${objection.townshipName ?? ''}${objection.villageName} · ${objection.post ?? ''}，公示截止 ${formatDate(objection.endsOn)}。请在公示期内提出，写明具体事实。`}
        />
      )}
      <Card size="small" title="举报事项" style={{ marginBottom: 12 }}>
        <Form.Item name="category" label="举报类别" rules={[{ required: true, message: '请选择举报类别' }]}>
          <Select placeholder="请选择" options={groups} data-testid="tip-category" showSearch={false} />
        </Form.Item>
        <Form.Item name="kind" label="被举报对象">
          <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'person', label: '个人' }, { value: 'village', label: '村（社区）' }]} />
        </Form.Item>
        {kind !== 'village' && (
          <>
            <Form.Item name="name" label="被举报人姓名" rules={[{ required: true, whitespace: true, message: '请填写被举报人姓名' }, { max: 50, message: '姓名不能超过 50 字' }]}>
              <Input placeholder="姓名" maxLength={50} data-testid="tip-subject-name" />
            </Form.Item>
            <Form.Item name="post" label="职务（选填）">
              <Input placeholder="如：村委会主任" maxLength={50} data-testid="tip-subject-post" />
            </Form.Item>
          </>
        )}
        <Form.Item name="township" label={kind === 'village' ? '所在乡镇（街道）' : '所在乡镇（街道，选填）'} rules={[{ required: kind === 'village', message: '请选择乡镇' }]}>
          <Select
            placeholder="请选择乡镇"
            allowClear
            options={towns.map((t) => ({ value: t.code, label: t.name }))}
            data-testid="tip-township"
            onChange={() => form.setFieldValue('village', undefined)}
          />
        </Form.Item>
        <Form.Item name="village" label={kind === 'village' ? '所在村（社区）' : '所在村（社区，选填）'} rules={[{ required: kind === 'village', message: '请选择村（社区）' }]}>
          <Select
            placeholder={township ? '请选择村（社区）' : '请先选择乡镇'}
            allowClear
            disabled={!township}
            showSearch={{ optionFilterProp: 'label' }}
            options={villages.map((t) => ({ value: t.code, label: t.name }))}
            data-testid="tip-village"
          />
        </Form.Item>
        <Form.Item
          name="text"
          label="举报内容"
          rules={[{ required: true, whitespace: true, message: '请填写举报内容' }]}
        >
          <Input.TextArea rows={6} placeholder="请写明时间、地点、人物和具体事实，便于核实" maxLength={info?.maxTextLength ?? 5000} showCount data-testid="tip-text" />
        </Form.Item>
        <Form.Item label={`证据材料（选填，最多 ${maxFiles} 个，每个不超过 ${Math.round(maxBytes / 1024 / 1024)} MB）`}>
          <Upload
            multiple
            fileList={files}
            beforeUpload={(file) => {
              if (file.size > maxBytes) {
                setError(`文件“${file.name}”超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩后再上传`);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(0, maxFiles))}
            accept="image/*,application/pdf,audio/*,video/*,.doc,.docx,.xls,.xlsx,.txt"
          >
            <Button data-testid="tip-evidence">选择文件</Button>
          </Upload>
        </Form.Item>
      </Card>

      <Card size="small" title="举报人" style={{ marginBottom: 12 }}>
        <Form.Item name="anonymous">
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value={false} data-testid="tip-realname">
                实名举报（优先办理，结果会反馈给您）
              </Radio>
              <Radio value={true} data-testid="tip-anonymous">
                匿名举报（凭查询码查看结果）
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {anonymous === false && (
          <>
            <Form.Item name="reporterName" label="您的姓名" rules={[{ required: true, whitespace: true, message: '实名举报请填写姓名' }]}>
              <Input maxLength={50} autoComplete="name" data-testid="tip-reporter-name" />
            </Form.Item>
            <Form.Item name="reporterPhone" label="联系电话" rules={[{ pattern: /^[0-9+\-\s()]{5,20}$/, message: '联系电话格式不正确' }]}>
              <Input maxLength={20} inputMode="tel" autoComplete="tel" data-testid="tip-reporter-phone" />
            </Form.Item>
            <Form.Item name="reporterContact" label="其他联系方式（选填）">
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
          {info?.notice ?? '举报人的姓名和联系方式将加密保存，仅纪检监察机关经审批可查看。'}
        </Typography.Paragraph>
      </Card>

      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="tip-error" />}
      <Button type="primary" htmlType="submit" size="large" block loading={sending} data-testid="tip-submit">
        提交举报
      </Button>
    </Form>
  );
}

function Receipt({ result, onStatus, onHome }: { result: Submitted; onStatus(): void; onHome(): void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);

  // Leaving before confirming asks first: the code cannot be shown again.
  useEffect(() => {
    if (saved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saved]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(result.receiptCode);
    } catch {
      const ta = document.createElement('textarea');
      ta.value = result.receiptCode;
      document.body.appendChild(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    setCopied(true);
  }

  return (
    <Result
      status="success"
      title="举报已提交"
      subTitle={result.acceptanceDue ? `将在 ${formatDate(result.acceptanceDue)} 前告知是否受理` : undefined}
      style={{ padding: '16px 0' }}
    >
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        您的查询码：
      </Typography.Paragraph>
      <div className="tip-code" data-testid="receipt-code">
        {result.receiptCode}
      </div>
      <Alert
        type="error"
        showIcon
        style={{ margin: '12px 0' }}
        data-testid="receipt-warning"
        title="请妥善保存查询码，遗失无法找回"
        description="查询码只显示这一次，系统不保存明文，工作人员也无法帮您找回。请抄写下来或截图保存，凭它查询办理进度、接收答复；请勿告诉他人。"
      />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button block size="large" onClick={copy} data-testid="receipt-copy">
          {copied ? '已复制到剪贴板' : '复制查询码'}
        </Button>
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="receipt-saved">
          我已抄写或保存查询码
        </Checkbox>
        <Button block type="primary" disabled={!saved} onClick={onStatus} data-testid="receipt-to-status">
          去查询进度
        </Button>
        <Button block disabled={!saved} onClick={onHome}>
          返回首页
        </Button>
      </Space>
    </Result>
  );
}
