import { citizenId, rosterCsv, rosterUpload } from '@lw/testing';
import { startConsoleHarness, type ConsoleHarness } from './browser';

// A township official sees its own villages only: another township's village, opened by typing its
// URL, shows 无权访问 and nothing of that village; its own village opens; the hierarchy browser
// lists only its township's villages.
describe('console: a township user stays inside its township (browser)', () => {
  let c: ConsoleHarness;
  let township: string;
  let ownVillage: { code: string; name: string };
  let farVillage: { code: string; name: string };
  let ownVillages: { code: string; name: string }[];

  async function importAs(token: string, village: string, name: string, n: number) {
    const sheet = rosterCsv([{ village, name, citizenId: citizenId('320724', '1975-03-01', n), education: '大专', joined: '1998-07-01', post: '村党组织书记、村委会主任' }]);
    const r = await c.h.call('POST', '/vetting/roster/import', { token, form: rosterUpload(sheet) });
    expect(r.status === 200 ? 200 : r.body).toBe(200);
  }

  beforeAll(async () => {
    c = await startConsoleHarness();
    const org = await c.h.login('org_dept');
    const townshipToken = await c.h.login('township');
    township = c.h.s.accounts.find((a) => a.username === 'township')!.node;
    const county = c.h.s.accounts.find((a) => a.username === 'org_dept')!.node;
    ownVillages = (await c.h.call('GET', `/hierarchy/nodes/${township}/children`, { token: org })).body;
    ownVillage = ownVillages[0];
    const townships: { code: string }[] = (await c.h.call('GET', `/hierarchy/nodes/${county}/children`, { token: org })).body;
    const other = townships.find((t) => t.code !== township)!;
    farVillage = (await c.h.call('GET', `/hierarchy/nodes/${other.code}/children`, { token: org })).body[0];
    // Each village has a secretary on the roster: the far one's must never reach the township's screen.
    await importAs(org, farVillage.code, '远方书记', 11);
    await importAs(townshipToken, ownVillage.code, '本乡书记', 12);
  }, 240_000);
  afterAll(() => c?.stop(), 60_000);

  it('shows 无权访问 and none of the village\'s data for a village of another township', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'township');
    await page.goto(`${c.url}/console/villages/${farVillage.code}`);
    await page.getByTestId('village-forbidden').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('无权访问');
    expect(text).not.toContain(farVillage.name);
    expect(text).not.toContain('远方书记');
    expect(await page.getByTestId('village-members').count()).toBe(0);
    expect(await page.getByTestId('village-elections').count()).toBe(0);
    await c.shot(page, 'township-scope-forbidden');
    expect(errors.filter((e) => !/status of (403|404)/.test(e))).toEqual([]);
    await context.close();
  });

  it('opens its own village with the current two committees', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'township');
    await page.goto(`${c.url}/console/villages/${ownVillage.code}`);
    await page.getByTestId('village-name').waitFor();
    expect(await page.getByTestId('village-name').innerText()).toBe(ownVillage.name);
    await page.getByTestId('village-members').getByText('本乡书记').waitFor();
    expect(await page.getByTestId('village-members').innerText()).toContain('一肩挑');
    await page.getByTestId('village-elections').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('无权访问');
    await c.shot(page, 'township-scope-own-village');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists only its township\'s villages in the hierarchy browser, and finds only those by search', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'township');
    await page.goto(`${c.url}/console/hierarchy`);
    const table = page.getByTestId('hierarchy-children');
    await table.getByText(ownVillage.name, { exact: true }).waitFor();
    const rows = await table.locator('[data-testid^="hierarchy-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('hierarchy-row-', '')));
    expect(rows.length).toBe(Math.min(20, ownVillages.length));
    expect(rows.every((code) => code.startsWith(township))).toBe(true);
    expect(await table.innerText()).not.toContain(farVillage.name);
    await c.shot(page, 'township-scope-hierarchy');

    // Search for the far village by name: nothing outside the township.
    await page.getByTestId('hierarchy-search').locator('input').fill(farVillage.name);
    await page.getByTestId('hierarchy-search').locator('input').press('Enter');
    await page.getByText(`“${farVillage.name}”的搜索结果`).waitFor();
    await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const found = await table.locator('[data-testid^="hierarchy-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('hierarchy-row-', '')));
    expect(found.every((code) => code.startsWith(township))).toBe(true);
    expect(found).not.toContain(farVillage.code);

    // A village link opens the village page.
    await page.goto(`${c.url}/console/hierarchy`);
    await table.getByText(ownVillage.name, { exact: true }).click();
    await page.getByTestId('village-name').waitFor();
    expect(page.url()).toContain(`/console/villages/${ownVillage.code}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
