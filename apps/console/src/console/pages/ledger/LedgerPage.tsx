// Placeholder until this page is built.
import { Result } from 'antd';

export default function LedgerPage() {
  return <Result status="info" title="整改销号" subTitle="建设中" />;
}
