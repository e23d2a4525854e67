// A section that is a list of rows (meetings, opinions, members, problems): each row a small card
// that fits a phone, a button to add one and one to remove it.
import type { ReactNode } from 'react';
import { Button, Card, Space } from 'antd';

export function ListSection<T>({
  rows,
  set,
  blank,
  disabled,
  addLabel,
  testId,
  render,
}: {
  rows: T[];
  set(rows: T[]): void;
  blank(): T;
  disabled: boolean;
  addLabel: string;
  testId: string;
  render(row: T, change: (patch: Partial<T>) => void, index: number): ReactNode;
}) {
  const change = (i: number) => (patch: Partial<T>) => set(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {rows.map((row, i) => (
        <Card
          key={i}
          size="small"
          data-testid={`${testId}-${i}`}
          extra={
            !disabled && (
              <Button type="link" danger size="small" onClick={() => set(rows.filter((_, j) => j !== i))}>
                删除
              </Button>
            )
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            {render(row, change(i), i)}
          </Space>
        </Card>
      ))}
      {!disabled && (
        <Button block onClick={() => set([...rows, blank()])} data-testid={`${testId}-add`}>
          {addLabel}
        </Button>
      )}
    </Space>
  );
}
