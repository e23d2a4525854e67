// Candidates under public notice (公示), a page at a time from the server, by township or village,
// each with a button to object: a tip naming that candidate in that village is an objection (异议).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Pagination, Select, Space, Spin, Typography } from 'antd';
import { api, ApiError } from '../../shared/api';
import { formatDate } from '../../shared/time';
import type { ObjectionDraft } from '../route';
import { Zh, type Place } from './Zh';

interface NoticeRow {
  villageCode: string;
  villageName: string;
  townshipName: string | null;
  post: string | null;
  name: string;
  endsOn: string;
}

const PAGE_SIZE = 10;

export default function NoticesPage({ onObject }: { onObject(d: ObjectionDraft): void }) {
  return (
    <Zh>
      <Notices onObject={onObject} />
    </Zh>
  );
}

function Notices({ onObject }: { onObject(d: ObjectionDraft): void }) {
  const [towns, setTowns] = useState<Place[]>([]);
  const [villages, setVillages] = useState<Place[]>([]);
  const [township, setTownship] = useState<string | undefined>();
  const [village, setVillage] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; rows: NoticeRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<Place[]>('/tipline/public/places', { anonymous: true }).then(setTowns, () => setTowns([]));
  }, []);
  useEffect(() => {
    setVillages([]);
    if (township) api<Place[]>('/tipline/public/places', { anonymous: true, query: { parent: township } }).then(setVillages, () => setVillages([]));
  }, [township]);
  useEffect(() => {
    setError(null);
    api<{ total: number; rows: NoticeRow[] }>('/tipline/public/notices', { anonymous: true, query: { township: village ? undefined : township?.slice(0, 9), village, page, pageSize: PAGE_SIZE } }).then(setData, (e) =>
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试'),
    );
  }, [township, village, page]);

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 4px 12px' }}>
        以下为正在公示的村（社区）“两委”候选人。对候选人有异议的，请在公示截止日期前点击“提出异议”，写明具体事实。
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <Select
          style={{ width: '100%' }}
          placeholder="全部乡镇（街道）"
          allowClear
          value={township}
          options={towns.map((t) => ({ value: t.code, label: t.name }))}
          onChange={(v) => {
            setTownship(v);
            setVillage(undefined);
            setPage(1);
          }}
          data-testid="notices-township"
        />
        <Select
          style={{ width: '100%' }}
          placeholder={township ? '全部村（社区）' : '请先选择乡镇'}
          disabled={!township}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={village}
          options={villages.map((t) => ({ value: t.code, label: t.name }))}
          onChange={(v) => {
            setVillage(v);
            setPage(1);
          }}
          data-testid="notices-village"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error && <Spin style={{ display: 'block', margin: '32px auto' }} />}
      {data && data.rows.length === 0 && <Empty description="目前没有正在公示的候选人" />}
      {data?.rows.map((r) => (
        <Card size="small" key={`${r.villageCode}-${r.post}-${r.name}`} style={{ marginBottom: 8 }} data-testid="notice-row">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <div>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {r.name}
              </Typography.Text>
              <Typography.Text type="secondary"> · {r.post ?? '候选人'}</Typography.Text>
              <div style={{ color: '#595959', fontSize: 13 }}>
                {r.townshipName ?? ''}
                {r.villageName}
              </div>
              <div style={{ color: '#8c8c8c', fontSize: 13 }}>公示截止：{formatDate(r.endsOn)}</div>
            </div>
            <Button
              danger
              onClick={() => onObject({ name: r.name, post: r.post, villageCode: r.villageCode, villageName: r.villageName, townshipName: r.townshipName, endsOn: r.endsOn })}
              data-testid="notice-object"
            >
              提出异议
            </Button>
          </div>
        </Card>
      ))}
      {data && data.total > PAGE_SIZE && (
        <Pagination style={{ marginTop: 12, textAlign: 'center' }} simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
      )}
    </>
  );
}
