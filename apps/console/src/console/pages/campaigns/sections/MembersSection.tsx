// 成员评价: each member's grade on the pack's member scale, with the reasons (a negative grade needs them most).
import { Input, Select, Space } from 'antd';
import type { MemberGrade } from '../campaign-api';
import { ListSection } from './ListSection';
import type { SectionProps } from './section-props';

export function MembersSection({ value, set, rules, disabled }: SectionProps<'members'>) {
  const grades = [...rules.memberScale.grades].sort((a, b) => a.rank - b.rank);
  return (
    <ListSection<MemberGrade>
      rows={value}
      set={set}
      blank={() => ({ personId: null, name: '', post: '', grade: '', reasons: '' })}
      disabled={disabled}
      addLabel="添加成员"
      testId="member"
      render={(m, change, i) => (
        <>
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder="姓名" value={m.name} disabled={disabled || m.personId !== null} maxLength={50} onChange={(e) => change({ name: e.target.value })} data-testid={`member-${i}-name`} />
            <Input placeholder="职务" value={m.post} disabled={disabled} maxLength={50} onChange={(e) => change({ post: e.target.value })} data-testid={`member-${i}-post`} />
          </Space.Compact>
          <Select
            value={m.grade || undefined}
            placeholder={`评价等次（${rules.memberScale.name}）`}
            disabled={disabled}
            onChange={(v: string) => change({ grade: v })}
            options={grades.map((g) => ({ value: g.code, label: g.negative ? `${g.label}（计入负面清单）` : g.label }))}
            style={{ width: '100%' }}
            data-testid={`member-${i}-grade`}
          />
          <Input.TextArea autoSize={{ minRows: 1 }} maxLength={2000} placeholder="评价理由" value={m.reasons} disabled={disabled} onChange={(e) => change({ reasons: e.target.value })} />
        </>
      )}
    />
  );
}
