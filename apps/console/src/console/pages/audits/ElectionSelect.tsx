import { Select } from 'antd';
import { useApi } from '../../../shared/useApi';
import { formatDate } from '../../../shared/time';

interface Elections {
  rows: { electionId: string; planned: number; published: number; plannedAt: string }[];
}

/** The elections whose outgoing audits lie in the user's subtree (GET /auditing/elections). */
export function ElectionSelect({ value, onChange, allowClear = true, testId }: { value?: string; onChange(v: string | undefined): void; allowClear?: boolean; testId?: string }) {
  const { data, loading } = useApi<Elections>('/auditing/elections');
  return (
    <Select
      style={{ minWidth: 260 }}
      placeholder="选择换届"
      allowClear={allowClear}
      loading={loading}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      data-testid={testId}
      options={(data?.rows ?? []).map((e) => ({
        value: e.electionId,
        label: `${e.electionId}（${formatDate(e.plannedAt)} 起，已公示 ${e.published}/${e.planned}）`,
      }))}
    />
  );
}
