import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { startRecordingServer, type RecordingServer } from './recording-server.ts';

/** The issuer Bot Framework channels sign with (botbuilder refuses any other before fetching keys). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/**
 * Stands in for login.botframework.com: the OpenID metadata document and the key set it points
 * to, holding `keys`. Pass `metadataUrl` as ToBotFromChannelOpenIdMetadataUrl.
 */
export async function startOpenIdServer(keys: SigningKey[]): Promise<RecordingServer & { metadataUrl: string }> {
  let base = '';
  const server = await startRecordingServer((call) => {
    if (call.path === '/.well-known/openidconfiguration') {
      return { json: { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] } };
    }
    if (call.path === '/keys') {
      return { json: { keys: keys.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, use: 'sig', alg: 'RS256' })) } };
    }
    return { status: 404, json: {} };
  });
  base = server.url;
  return { ...server, metadataUrl: `${server.url}/.well-known/openidconfiguration` };
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A compact JWT: `sign` gets the signing input and returns the raw signature (empty for alg none). */
export function jwt(header: Record<string, unknown>, payload: Record<string, unknown>, sign: (input: string) => Buffer): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(sign(input))}`;
}

export const rs256 = (key: KeyObject) => (input: string) => createSign('RSA-SHA256').update(input).sign(key);
export const hs256 = (secret: string | Buffer) => (input: string) => createHmac('sha256', secret).update(input).digest();
export const unsigned = () => Buffer.alloc(0);

/** The claims a channel token for this bot carries, valid from a minute ago for an hour. */
export function channelClaims(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}
