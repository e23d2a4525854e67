// 报告草稿: the 研判 / 回头看 report of a subtree and a period. The figures are gathered from the four
// services (figures.ts), shown here with the previous period beside them, then written into a Word
// draft in the browser (report-docx.ts); the narrative is left to its author.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { api, saveBlob } from '../../../shared/api';
import { todayInShanghai } from '../../../shared/time';
import { hasRole, useUser } from '../../auth';
import { gatherFigures, isDate, periodDays, previousPeriod, REPORT_KIND_LABELS, show, type Figure, type Get, type ReportFigures, type ReportKind, type Section } from './figures';
import { buildReportBlob, reportFileName, reportTitle } from './report-docx';

interface DivisionNode {
  code: string;
  name: string;
  level: string;
}

interface ElectionListItem {
  election_id: string;
  name: string;
  voting_from: string | null;
  opened_at: string;
}

const get: Get = (path, query) => api(path, { query });

const LEVEL_LABELS: Record<string, string> = { province: '省', city: '市', county: '县', township: '乡镇', village: '村' };

interface FormValues {
  kind: ReportKind;
  scope: string;
  from: string;
  to: string;
  lastElectionDate: string;
}

export default function ReportsPage() {
  const user = useUser();
  const [form] = Form.useForm<FormValues>();
  const [own, setOwn] = useState<DivisionNode | null>(null);
  const [children, setChildren] = useState<DivisionNode[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [figures, setFigures] = useState<ReportFigures | null>(null);
  const [gathering, setGathering] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const { node } = await api<{ node: DivisionNode }>(`/hierarchy/nodes/${user.node}`);
        const kids = node.level === 'village' ? [] : await api<DivisionNode[]>(`/hierarchy/nodes/${node.code}/children`);
        if (!live) return;
        setOwn(node);
        setChildren(kids.filter((k) => k.level !== 'village'));
        form.setFieldValue('scope', node.code);
      } catch (err) {
        if (live) setLoadError((err as Error).message);
      }
      // The latest election's voting day (or opening day) is the default 上次换届 date; other roles type it.
      if (!hasRole(user, 'org_dept', 'township', 'discipline')) return;
      try {
        const { elections } = await api<{ elections: ElectionListItem[] }>('/vetting/elections');
        const latest = elections[0];
        if (live && latest && !form.getFieldValue('lastElectionDate')) form.setFieldValue('lastElectionDate', latest.voting_from ?? todayOf(latest.opened_at));
      } catch {
        /* not readable by this role: the user enters the date */
      }
    })();
    return () => {
      live = false;
    };
  }, [user, form]);

  const scopes = useMemo(() => (own ? [own, ...children] : []), [own, children]);
  const today = todayInShanghai();
  const initial: Partial<FormValues> = { kind: 'analysis', from: `${today.slice(0, 4)}-01-01`, to: today };

  const gather = async (v: FormValues) => {
    setError(null);
    setFigures(null);
    const scope = scopes.find((s) => s.code === v.scope);
    if (!scope || !own) return;
    setGathering(true);
    try {
      const f = await gatherFigures(get, {
        kind: v.kind,
        scope: scope.code,
        scopeName: scope.name,
        userNode: own.code,
        period: { from: v.from, to: v.to },
        lastElectionDate: v.lastElectionDate,
      });
      setFigures(f);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setGathering(false);
    }
  };

  const downloadDocx = async () => {
    if (!figures) return;
    setDownloading(true);
    try {
      saveBlob(await buildReportBlob(figures, todayInShanghai()), reportFileName(figures));
    } catch (err) {
      setError(`生成 Word 文件失败：${(err as Error).message}`);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="报告草稿" data-testid="reports-page">
        <Typography.Paragraph type="secondary">
          选择范围和统计期间，系统从班子名册、举报受理、离任审计、整改台账读取数据，并与天数相同的上一期对比；生成的 Word
          草稿按“基本情况 / 工作开展情况 / 存在的问题 / 下一步打算”排列，文字部分以【请填写：…】标出，由撰稿人补充。
        </Typography.Paragraph>
        {loadError && <Alert type="error" showIcon message={`读取区划失败：${loadError}`} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" initialValues={initial} onFinish={gather} onValuesChange={() => setFigures(null)}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="报告类型" name="kind">
                <Radio.Group data-testid="report-kind" optionType="button" options={(Object.keys(REPORT_KIND_LABELS) as ReportKind[]).map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="统计范围" name="scope" rules={[{ required: true, message: '请选择统计范围' }]}>
                <Select
                  data-testid="report-scope"
                  loading={!own && !loadError}
                  showSearch
                  optionFilterProp="label"
                  options={scopes.map((s) => ({ value: s.code, label: `${s.name}（${LEVEL_LABELS[s.level] ?? s.level}）` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="上次换届日期"
                name="lastElectionDate"
                tooltip="此日期以来受到的党纪政务处分计入“换届以来受处分”"
                rules={[{ required: true, message: '请填写上次换届日期' }, { validator: (_, v) => (!v || isDate(v) ? Promise.resolve() : Promise.reject(new Error('日期格式应为 YYYY-MM-DD'))) }]}
              >
                <Input type="date" data-testid="report-last-election" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="统计期间起" name="from" rules={[{ required: true, message: '请填写起始日期' }, { validator: (_, v) => (!v || isDate(v) ? Promise.resolve() : Promise.reject(new Error('日期格式应为 YYYY-MM-DD'))) }]}>
                <Input type="date" data-testid="report-from" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="统计期间止"
                name="to"
                dependencies={['from', 'lastElectionDate']}
                rules={[
                  { required: true, message: '请填写截止日期' },
                  ({ getFieldValue }) => ({
                    validator: (_, v) => {
                      if (!v || !isDate(v)) return v ? Promise.reject(new Error('日期格式应为 YYYY-MM-DD')) : Promise.resolve();
                      if (getFieldValue('from') && v < getFieldValue('from')) return Promise.reject(new Error('截止日期不能早于起始日期'));
                      const last = getFieldValue('lastElectionDate');
                      if (last && v < last) return Promise.reject(new Error('截止日期不能早于上次换届日期'));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <Input type="date" data-testid="report-to" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item shouldUpdate label="对比期间（上期）">
                {() => {
                  const from = form.getFieldValue('from');
                  const to = form.getFieldValue('to');
                  if (!from || !to || !isDate(from) || !isDate(to) || to < from) return <Typography.Text type="secondary">—</Typography.Text>;
                  const p = previousPeriod({ from, to });
                  return (
                    <Typography.Text data-testid="report-previous">
                      {p.from} 至 {p.to}（{periodDays({ from, to })} 天）
                    </Typography.Text>
                  );
                }}
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={gathering} disabled={!own} data-testid="report-gather">
              读取数据
            </Button>
            <Button onClick={downloadDocx} disabled={!figures} loading={downloading} data-testid="report-download">
              下载 Word 草稿
            </Button>
          </Space>
        </Form>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} data-testid="report-error" />}
      </Card>
      {figures && <FiguresView f={figures} />}
    </Space>
  );
}

function todayOf(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

function FiguresView({ f }: { f: ReportFigures }) {
  const sections: Section[] = [f.sections.roster, f.sections.tips, f.sections.audits, f.sections.cases];
  return (
    <Card
      title={reportTitle(f)}
      data-testid="report-figures"
      extra={
        <Typography.Text type="secondary">
          本期 {f.current.from} 至 {f.current.to}；上期 {f.previous.from} 至 {f.previous.to}
        </Typography.Text>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {sections.map((s) => (
          <div key={s.key} data-testid={`figures-${s.key}`}>
            <Typography.Title level={5}>
              {s.title} {s.status === 'ok' ? <Tag color="green">已读取</Tag> : <Tag color="orange">未读取</Tag>}
            </Typography.Title>
            {s.status === 'ok' ? (
              <Table<Figure>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={s.figures}
                columns={[
                  { title: '指标', dataIndex: 'label' },
                  { title: '本期', dataIndex: 'current', align: 'right', render: (v) => show(v) },
                  { title: '上期', dataIndex: 'previous', align: 'right', render: (v) => show(v) },
                  { title: '增减', dataIndex: 'change', align: 'right' },
                ]}
                footer={() => <Typography.Text type="secondary">数据来源：{s.source}</Typography.Text>}
              />
            ) : (
              <Alert type={s.status === 'forbidden' ? 'info' : 'warning'} showIcon message={`${s.message}；草稿中该部分留作【请填写】`} />
            )}
          </div>
        ))}
        {f.request.lastElectionDate !== f.previousLastElectionDate && (
          <Typography.Text type="secondary">上期的“换届以来受处分”自 {f.previousLastElectionDate}（上期末）起计。</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
