// Placeholder until this page is built.
import { Result } from 'antd';

export default function ElectionsPage() {
  return <Result status="info" title="换届联审" subTitle="建设中" />;
}
