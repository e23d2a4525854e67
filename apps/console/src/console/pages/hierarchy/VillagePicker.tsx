// Picks a village (or a township) of the user's node by name or pinyin initials (GET /hierarchy/search).
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { LEVEL_LABELS, searchNodes, type DivisionNode } from './hierarchy-api';

export function VillagePicker({
  value,
  onChange,
  levels = ['village'],
  placeholder = '输入村名或拼音首字母搜索',
  testId,
  width = 320,
}: {
  value?: string;
  onChange(code: string | undefined, node?: DivisionNode): void;
  levels?: DivisionNode['level'][];
  placeholder?: string;
  testId?: string;
  width?: number;
}) {
  const [options, setOptions] = useState<DivisionNode[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const search = (q: string) => {
    const text = q.trim();
    if (!text) return;
    const mine = ++seq.current;
    setLoading(true);
    searchNodes(text)
      .then((r) => mine === seq.current && setOptions(r.filter((n) => levels.includes(n.level))))
      .catch(() => mine === seq.current && setOptions([]))
      .finally(() => mine === seq.current && setLoading(false));
  };
  // A code arriving from the URL shows its name once found.
  useEffect(() => {
    if (value && !options.some((o) => o.code === value)) search(value);
  }, [value]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value}
      placeholder={placeholder}
      loading={loading}
      style={{ width }}
      notFoundContent={loading ? '搜索中…' : '无匹配的地区'}
      onChange={(code?: string) => onChange(code, options.find((o) => o.code === code))}
      options={options.map((n) => ({ value: n.code, label: `${n.name}（${LEVEL_LABELS[n.level]} ${n.code}）` }))}
      data-testid={testId}
    />
  );
}
