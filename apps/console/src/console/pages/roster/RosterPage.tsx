// Placeholder until this page is built.
import { Result } from 'antd';

export default function RosterPage() {
  return <Result status="info" title="班子名册" subTitle="建设中" />;
}
