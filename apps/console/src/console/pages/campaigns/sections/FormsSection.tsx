// 问卷调查 / 满意度测评: issued, returned and answered by 群众代表; the share is over respondents
// (seed 004 report 1: "参与问卷调查的群众代表比例不少于60%"), not returned ÷ issued.
import { InputNumber, Space, Typography } from 'antd';
import type { FormCount } from '../campaign-api';
import { FORM_KIND_LABELS } from '../labels';
import { count, type SectionProps } from './section-props';

const KINDS = ['questionnaire', 'satisfaction'] as const;

export function FormsSection({ value, set, disabled, shareMin }: SectionProps<'forms'> & { shareMin: number }) {
  const of = (kind: FormCount['kind']): FormCount => value.find((f) => f.kind === kind) ?? { kind, issued: 0, returned: 0, representatives: 0 };
  const change = (kind: FormCount['kind'], patch: Partial<FormCount>) =>
    set(KINDS.map((k) => (k === kind ? { ...of(k), ...patch } : of(k))).filter((f) => f.issued + f.returned + f.representatives > 0));
  const field = (kind: FormCount['kind'], key: 'issued' | 'returned' | 'representatives', label: string) => (
    <Space key={key}>
      <span style={{ display: 'inline-block', width: 64 }}>{label}</span>
      <InputNumber min={0} precision={0} inputMode="numeric" value={of(kind)[key]} disabled={disabled} onChange={(v) => change(kind, { [key]: count(v) })} suffix="份" style={{ width: 130 }} data-testid={`form-${kind}-${key}`} />
    </Space>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {KINDS.map((kind) => {
        const f = of(kind);
        const share = f.returned > 0 ? f.representatives / f.returned : null;
        return (
          <div key={kind}>
            <Typography.Text strong>{FORM_KIND_LABELS[kind]}</Typography.Text>
            <Space wrap style={{ display: 'flex', marginTop: 4 }}>
              {field(kind, 'issued', '发放')}
              {field(kind, 'returned', '收回')}
              {field(kind, 'representatives', '群众代表')}
            </Space>
            {f.returned > f.issued && <Typography.Text type="danger">收回份数不能多于发放份数</Typography.Text>}
            {f.representatives > f.returned && <Typography.Text type="danger">群众代表份数不能多于收回份数</Typography.Text>}
            {share !== null && (
              <Typography.Text type={share < shareMin ? 'warning' : 'secondary'} data-testid={`form-${kind}-share`} style={{ display: 'block' }}>
                群众代表占答卷人 {(share * 100).toFixed(1)}%（要求不少于 {Math.round(shareMin * 100)}%）
              </Typography.Text>
            )}
          </div>
        );
      })}
    </Space>
  );
}
