import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Flex, Table, Tag } from 'antd';
import { api } from '../../../shared/api';
import { formatDate, todayInShanghai } from '../../../shared/time';
import { DateField } from './DateField';

interface Member {
  personId: string;
  name: string;
  gender: string;
  age: number;
  education: string | null;
  politicalStatus: string | null;
  posts: { body: string; bodyLabel: string; post: string; from: string }[];
  crossAppointed: boolean;
  oneShoulder: boolean;
}

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
      <Table<Member>
        rowKey="personId"
        size="small"
        loading={!members && !error}
        dataSource={members ?? []}
        pagination={false}
        data-testid="roster-members"
        locale={{ emptyText: '该日无在任人员，可在“导入花名册”中导入' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '性别', dataIndex: 'gender', width: 60 },
          { title: '年龄', dataIndex: 'age', width: 60 },
          { title: '学历', dataIndex: 'education' },
          { title: '政治面貌', dataIndex: 'politicalStatus' },
          { title: '职务', render: (_: unknown, m) => m.posts.map((p) => `${p.bodyLabel}${p.post === p.bodyLabel ? '' : p.post}`).join('、') },
          {
            title: '',
            render: (_: unknown, m) => (
              <>
                {m.oneShoulder && <Tag color="blue">一肩挑</Tag>}
                {m.crossAppointed && <Tag>交叉任职</Tag>}
              </>
            ),
          },
          { title: '任职起始', render: (_: unknown, m) => formatDate(m.posts[0]?.from) },
        ]}
      />
    </Flex>
  );
}
