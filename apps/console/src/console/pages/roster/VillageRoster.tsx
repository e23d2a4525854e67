import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Flex } from 'antd';
import { api } from '../../../shared/api';
import { todayInShanghai } from '../../../shared/time';
import { DateField } from './DateField';
import { MemberTable, type Member } from './MemberTable';

export function VillageRoster({ code }: { code: string }) {
  const [date, setDate] = useState(todayInShanghai());
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setMembers(null);
    setError(null);
    api<{ members: Member[] }>(`/vetting/roster/villages/${code}`, { query: { date } })
      .then((r) => live && setMembers(r.members))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [code, date]);
  return (
    <Flex vertical gap={12}>
      <Flex gap={16} align="center">
        <span>
          在任日期 <DateField value={date} onChange={(v) => v && setDate(v)} />
        </span>
        <Link to={`/villages/${code}`}>村情</Link>
      </Flex>
      {error && <Alert type="error" title={error} />}
      <MemberTable members={members ?? []} loading={!members && !error} testId="roster-members" emptyText="该日无在任人员，可在“导入花名册”中导入" />
    </Flex>
  );
}
