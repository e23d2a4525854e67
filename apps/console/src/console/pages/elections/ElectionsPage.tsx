// 换届联审: the elections, the board of one (every village's stage, counts, notice countdown and
// gate with its reasons), a village's vetting detail, and the county targets against actual.
import { Route, Routes } from 'react-router';
import { Result } from 'antd';
import { ElectionBoard } from './ElectionBoard';
import { ElectionList } from './ElectionList';
import { TargetsView } from './TargetsView';
import { VillageVettingView } from './VillageVettingView';

export default function ElectionsPage() {
  return (
    <Routes>
      <Route index element={<ElectionList />} />
      <Route path="targets" element={<TargetsView />} />
      <Route path=":eid" element={<ElectionBoard />} />
      <Route path=":eid/villages/:code" element={<VillageVettingView />} />
      <Route path="*" element={<Result status="404" title="页面不存在" />} />
    </Routes>
  );
}
