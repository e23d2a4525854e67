import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { JwksTokenVerifier } from './jwks-token-verifier';
import { AuthUnavailableError, TokenRejectedError } from './token-verifier';

// A tiny IdP: one key pair published as a JWKS on 127.0.0.1, like Keycloak's certs endpoint.
describe('JwksTokenVerifier', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: SigningKey;
  let requests = 0;
  const kid = 'key-1';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      requests++;
      if (req.url !== '/certs') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Claims as a Keycloak realm would send them: custom names, roles nested, foreign roles mixed in.
  const claims = { preferred_name: '王五', realm_access: { roles: ['offline_access', 'township'] }, division: '320724101' };
  const options = () => ({
    jwksUrl,
    issuer: 'https://idp.example/realms/lw',
    audience: 'liangwei-api',
    claimNames: { name: 'preferred_name', roles: 'realm_access.roles', node: 'division' },
    ignoreUnknownRoles: true,
  });

  function sign(key: SigningKey, over: { iss?: string; aud?: string; kid?: string; alg?: string } = {}, body: object = claims) {
    return new SignJWT({ ...body })
      .setProtectedHeader({ alg: over.alg ?? 'RS256', kid: over.kid ?? kid })
      .setSubject('idp-user-7')
      .setIssuer(over.iss ?? 'https://idp.example/realms/lw')
      .setAudience(over.aud ?? 'liangwei-api')
      .setExpirationTime('10m')
      .sign(key);
  }

  async function rejected(verifier: JwksTokenVerifier, token: string) {
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(TokenRejectedError);
  }

  it('accepts a valid token and maps the configured claim names', async () => {
    const before = requests;
    const verifier = new JwksTokenVerifier(options());
    expect(await verifier.verify(await sign(privateKey))).toEqual({
      sub: 'idp-user-7',
      name: '王五',
      roles: ['township'],
      node: '320724101',
    });
    expect(requests).toBeGreaterThan(before);
  });

  it('rejects a wrong issuer, a wrong audience and a signature by another key', async () => {
    const verifier = new JwksTokenVerifier(options());
    await rejected(verifier, await sign(privateKey, { iss: 'https://evil.example' }));
    await rejected(verifier, await sign(privateKey, { aud: 'another-app' }));
    const other = await generateKeyPair('RS256');
    await rejected(verifier, await sign(other.privateKey)); // same kid, wrong signature
    await rejected(verifier, await sign(other.privateKey, { kid: 'unknown-kid' }));
  });

  it('rejects a symmetric token even when keyed with the public key material', async () => {
    const verifier = new JwksTokenVerifier(options());
    const hsKey = new TextEncoder().encode('x'.repeat(64));
    await rejected(verifier, await sign(hsKey as never, { alg: 'HS256' }));
  });

  it('rejects a validly signed token whose node claim is not a division code', async () => {
    const verifier = new JwksTokenVerifier(options());
    await rejected(verifier, await sign(privateKey, {}, { ...claims, division: 'county-7' }));
    await rejected(verifier, await sign(privateKey, {}, { ...claims, realm_access: { roles: ['offline_access'] } }));
  });

  it('reports an unreachable key set as unavailable, not as a bad token', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const verifier = new JwksTokenVerifier({ ...options(), jwksUrl: `http://127.0.0.1:${port}/certs` });
    await expect(verifier.verify(await sign(privateKey))).rejects.toBeInstanceOf(AuthUnavailableError);
  });
});
