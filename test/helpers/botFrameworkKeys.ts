import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of tokens the Bot Connector sends to bots (public cloud). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** A signing key as the Bot Framework publishes one, and its private half for signing tokens. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function makeSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/** A compact RS256 JWT, signed the way the Bot Connector signs its tokens. */
export function signToken(key: SigningKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header }));
  const body = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key.privateKey);
  return `${head}.${body}.${base64url(signature)}`;
}

/** Claims of a valid channel token for `appId`, for a request whose activity names `serviceUrl`. */
export function channelClaims(appId: string, serviceUrl: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: nowSeconds - 60, iat: nowSeconds - 60, exp: nowSeconds + 3600 };
}

/**
 * A local stand-in for the Bot Framework's OpenID metadata endpoint (login.botframework.com): serves
 * the configuration document and the public keys, as botbuilder fetches them to verify tokens.
 */
export class OpenIdStandIn {
  private server?: Server;
  requests = 0;

  constructor(
    private readonly keys: SigningKey[],
    private readonly endorsements = ['msteams', 'emulator', 'webchat', 'directline', 'slack'],
  ) {}

  /** Starts listening; resolves with the metadata URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests++;
      const base = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: CHANNEL_ISSUER,
            jwks_uri: `${base}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      } else if (req.url === '/v1/.well-known/keys') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            keys: this.keys.map((k) => {
              const { n, e } = k.publicKey.export({ format: 'jwk' });
              return { kty: 'RSA', use: 'sig', kid: k.kid, n, e, endorsements: this.endorsements };
            }),
          }),
        );
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
    });
  }
}
