// Placeholder until this page is built.
import { Result } from 'antd';

export default function HierarchyPage() {
  return <Result status="info" title="行政区划" subTitle="建设中" />;
}
