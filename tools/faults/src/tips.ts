import type { ScenarioClient, Users } from '@lw/scenario';

/** A public web tip on one person; the unique name makes it no repeat of another and findable by staff. */
export function publicTip(village: string, name: string) {
  return { category: 'collective_funds', subjects: [{ kind: 'person', name, villageCode: village }], text: `反映${name}侵占集体资金（故障测试）。`, anonymous: true };
}

/** POST /tipline/public/tips; the answer's status and receipt code, or the error text of a failed request. */
export async function submitPublicTip(client: ScenarioClient, village: string, name: string): Promise<{ status: number; receiptCode?: string; error?: string }> {
  try {
    const r = await client.call('POST', '/tipline/public/tips', { json: publicTip(village, name) });
    return { status: r.status, receiptCode: r.body?.receiptCode, error: r.status === 201 ? undefined : JSON.stringify(r.body) };
  } catch (err) {
    return { status: 0, error: (err as Error).message };
  }
}

/** Discipline accepts, assigns and concludes the tip substantiated with rectification ⇒ TipConcluded ⇒ a grievance case. */
export async function concludeWithRectification(client: ScenarioClient, users: Users, tipId: string): Promise<void> {
  const step = (path: string, json: unknown = {}) => client.ok('POST', `/tipline/tips/${tipId}/${path}`, { token: users.discipline, json });
  await step('accept');
  await step('assign');
  await step('conclude', { finding: 'substantiated', summary: '经核实，反映问题属实，需整改。', needsRectification: true });
}

/** Runs `work` over `items` with at most `width` at once, keeping results in order. */
export async function pooled<T, R>(items: readonly T[], width: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}
