// A village's two-committee members on a date, as the roster answers them (GET /vetting/roster/villages/:code):
// one table for the roster page and the village page.
import { Table, Tag } from 'antd';
import { formatDate } from '../../../shared/time';

export interface Member {
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

export function MemberTable({ members, loading, testId, emptyText }: { members: Member[]; loading: boolean; testId: string; emptyText: string }) {
  return (
    <Table<Member>
      rowKey="personId"
      size="small"
      loading={loading}
      dataSource={members}
      pagination={false}
      data-testid={testId}
      locale={{ emptyText }}
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
  );
}
