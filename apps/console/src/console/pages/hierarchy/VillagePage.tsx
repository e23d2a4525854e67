// Placeholder until this page is built.
import { Result } from 'antd';

export default function VillagePage() {
  return <Result status="info" title="村（社区）" subTitle="建设中" />;
}
