// 班子名册: a village's two committees, import from a clerk's spreadsheet (dry run first, then
// all-or-nothing or valid rows only, the row-level error report), and the basic situation with its
// charts and its Excel export.
import { useSearchParams } from 'react-router';
import { Card, Flex, Tabs } from 'antd';
import { VillagePicker } from '../hierarchy/VillagePicker';
import { BasicSituationView } from './BasicSituationView';
import { ImportView } from './ImportView';
import { VillageRoster } from './VillageRoster';

export default function RosterPage() {
  const [params, setParams] = useSearchParams();
  const village = params.get('village') ?? undefined;
  const tab = params.get('tab') ?? 'roster';
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  return (
    <Card title="班子名册">
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'roster' ? undefined : key })}
        items={[
          {
            key: 'roster',
            label: '村两委名册',
            children: (
              <Flex vertical gap={16}>
                <VillagePicker value={village} onChange={(code) => set({ village: code })} testId="roster-village" />
                {village ? <VillageRoster code={village} /> : <span>请选择村（社区）</span>}
              </Flex>
            ),
          },
          { key: 'import', label: '导入花名册', children: <ImportView /> },
          { key: 'situation', label: '基本情况', children: <BasicSituationView /> },
        ]}
      />
    </Card>
  );
}
