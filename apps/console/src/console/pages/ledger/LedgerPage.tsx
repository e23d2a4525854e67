// 整改销号: the rectification ledger (台账) with traffic lights, closure rates, the Excel export,
// one village's plan (一村一策) and each case with the actions the user's role may take.
import { Route, Routes, useSearchParams } from 'react-router';
import { Result, Tabs } from 'antd';
import { CaseDetail } from './CaseDetail';
import { LedgerList } from './LedgerList';
import { StatisticsView } from './StatisticsView';
import { VillagePlan } from './VillagePlan';

export default function LedgerPage() {
  return (
    <Routes>
      <Route index element={<LedgerHome />} />
      <Route path="villages/:code" element={<VillagePlan />} />
      <Route path="cases/:id" element={<CaseDetail />} />
      <Route path="*" element={<Result status="404" title="页面不存在" />} />
    </Routes>
  );
}

function LedgerHome() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'cases';
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => setParams(key === 'cases' ? {} : { tab: key })}
      items={[
        { key: 'cases', label: <span data-testid="ledger-tab-cases">整改台账</span>, children: tab === 'cases' ? <LedgerList /> : null },
        { key: 'statistics', label: <span data-testid="ledger-tab-statistics">销号率统计</span>, children: tab === 'statistics' ? <StatisticsView /> : null },
      ]}
    />
  );
}
