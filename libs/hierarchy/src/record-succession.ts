import { Pool } from 'pg';
import { withTransaction } from '@lw/db';
import { unpadDivisionCode } from '@lw/domain';
import { isDivisionCode } from './division-code';
import { toDayNumber } from './division-dates';
import { SuccessionKind } from './division-types';

export interface SuccessionInput {
  from: string[];
  to: string[];
  kind: SuccessionKind;
  /** yyyy-mm-dd from which the `to` codes replace the `from` codes. */
  effective: string;
}

/**
 * Records 合村并居: links every from-code to every to-code and closes, at the effective date, the
 * from-codes that do not continue (a merge into an existing village lists it on both sides) and
 * their open descendants, so no current village hangs under a closed township. All codes must
 * already be imported. Recording the same succession twice changes nothing.
 * Returns how many division versions were closed.
 */
export async function recordSuccession(pool: Pool, input: SuccessionInput): Promise<{ closed: number }> {
  const from = [...new Set(input.from.map(unpadDivisionCode))];
  const to = [...new Set(input.to.map(unpadDivisionCode))];
  toDayNumber(input.effective);
  for (const code of [...from, ...to]) if (!isDivisionCode(code)) throw new Error(`区划代码无效：${code}`);
  if (from.length === 0 || to.length === 0) throw new Error('合并、拆分或更名须同时给出原区划和新区划');
  if (input.kind === 'merge' && to.length !== 1) throw new Error('合并只能有一个新区划');
  if (input.kind === 'split' && from.length !== 1) throw new Error('拆分只能有一个原区划');
  if (input.kind === 'rename' && (from.length !== 1 || to.length !== 1)) throw new Error('更名须是一个原区划对应一个新区划');
  const closing = from.filter((c) => !to.includes(c));

  return withTransaction(pool, async (client) => {
    // From-codes must have existed before the date; to-codes may have been imported later than it
    // (new statistics usually arrive after the merge took effect).
    const known = await client.query<{ code: string }>(
      `SELECT DISTINCT code FROM divisions
        WHERE (code = ANY($1::text[]) AND valid_from < $3) OR code = ANY($2::text[])`,
      [from, to, input.effective],
    );
    const missing = [...from, ...to].filter((c) => !known.rows.some((r) => r.code === c));
    if (missing.length) throw new Error(`区划 ${missing.join('、')} 不存在或在 ${input.effective} 前尚未设立，请先导入`);

    // Versions that cover the effective date end there; descendants of a closed code end with it.
    const closed = await client.query(
      `UPDATE divisions d SET valid_to = $2
        WHERE d.valid_from < $2 AND (d.valid_to IS NULL OR d.valid_to > $2)
          AND EXISTS (SELECT 1 FROM unnest($1::text[]) c WHERE d.code LIKE c || '%')`,
      [closing, input.effective],
    );
    // A later version (opened after the effective date) of a code that no longer exists is a contradiction.
    const later = await client.query<{ code: string }>(
      'SELECT code FROM divisions WHERE code = ANY($1::text[]) AND valid_from >= $2 LIMIT 1',
      [closing, input.effective],
    );
    if (later.rowCount) throw new Error(`区划 ${later.rows[0].code} 在 ${input.effective} 之后仍有版本，不能在此日期撤销`);
    for (const f of from) {
      for (const t of to) {
        if (f === t) continue;
        await client.query(
          `INSERT INTO successions (from_code, to_code, kind, effective) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [f, t, input.kind, input.effective],
        );
      }
    }
    return { closed: closed.rowCount ?? 0 };
  });
}
