import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'net';
import { AuthModule, SecretTokenVerifier, TokenIssuer, type Principal } from '@lw/auth';
import { migrate } from '@lw/db';
import { Hierarchy, hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { createTestDatabase, HttpClient, type TestDatabase } from '@lw/testing';
import { HIERARCHY, HierarchyController } from './hierarchy.controller';

const SECRET = 'hierarchy-spec-secret-hierarchy-spec';
const OWN = '320724100'; // 新安镇
const OTHER = '320724101'; // 堆沟港镇
const REFUSAL = { statusCode: 404, code: 'scope.outside', message: '该地区不存在或不在您的管辖范围内' };

describe('GET /hierarchy: the tree inside the user\'s node, the one scope refusal outside it', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: HttpClient;
  let township: string;
  let county: string;

  beforeAll(async () => {
    db = await createTestDatabase('hier_http');
    const pool = db.pool('hierarchy', 2);
    await migrate(pool, 'hierarchy', hierarchyMigrations);
    await importDivisions(pool, { scope: '320724' });
    const hierarchy = await Hierarchy.load(pool, { scope: '320724' });

    @Module({
      imports: [AuthModule.register({ verifier: new SecretTokenVerifier({ secret: SECRET }), scopeChecker: hierarchy })],
      controllers: [HierarchyController],
      providers: [{ provide: HIERARCHY, useValue: hierarchy }],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    http = new HttpClient(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
    const issue = async (p: Principal) => (await new TokenIssuer({ secret: SECRET }).issue(p)).token;
    township = await issue({ sub: 'town', name: '乡镇', roles: ['township'], node: OWN });
    county = await issue({ sub: 'county', name: '县', roles: ['org_dept'], node: '320724' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function get(path: string, token: string): Promise<{ status: number; body: any }> {
    const { status, body } = await http.call('GET', path, { token });
    return { status, body };
  }

  it('shows the user\'s own node and its children', async () => {
    expect((await get(`/hierarchy/nodes/${OWN}`, township)).body.node).toMatchObject({ code: OWN, name: '新安镇' });
    const children = await get(`/hierarchy/nodes/${OWN}/children`, township);
    expect(children.status).toBe(200);
    expect(children.body.length).toBeGreaterThan(0);
  });

  it('refuses another township, and a code the tree does not know, alike with 404', async () => {
    for (const path of [`/hierarchy/nodes/${OTHER}`, `/hierarchy/nodes/${OTHER}/children`, '/hierarchy/nodes/320724100999']) {
      expect(await get(path, township)).toEqual({ status: 404, body: REFUSAL });
    }
    expect((await get('/hierarchy/nodes/320724100999', county)).body).toEqual(REFUSAL);
    expect((await get('/hierarchy/nodes/32072410x', township)).status).toBe(400);
  });

  it('searches inside the user\'s node, or inside `within` when the guard finds it in the user\'s area', async () => {
    const own = await get(`/hierarchy/search?q=${encodeURIComponent('村')}`, township);
    expect(own.status).toBe(200);
    expect(own.body.length).toBeGreaterThan(0);
    expect(own.body.every((n: { code: string }) => n.code.startsWith(OWN))).toBe(true);
    expect((await get(`/hierarchy/search?q=dgg&within=${OTHER}`, county)).status).toBe(200);
    expect(await get(`/hierarchy/search?q=dgg&within=${OTHER}`, township)).toEqual({ status: 404, body: REFUSAL });
    expect((await get('/hierarchy/search?q=dgg&within=abc', township)).status).toBe(400);
  });
});
