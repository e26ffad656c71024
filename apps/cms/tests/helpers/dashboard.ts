import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answer<T = unknown> = {
  status: number;
  body: { data?: T; error?: { status: number; name: string; message: string } } & Record<string, unknown>;
};

/**
 * The dashboard's own calls as an editor's browser makes them (the Content Manager's API and the audit trail's
 * admin route), with the JWT of adminLogin(). Answers are returned whatever their status.
 */
export function dashboard(url: string, jwt: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<Answer<T>> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer<T>['body']) : {} };
  };
  const type = (uid: string) => `/content-manager/collection-types/${uid}`;
  return {
    create: (uid: string, data: Record<string, unknown>) => call<{ documentId: string }>('POST', type(uid), data),
    update: (uid: string, documentId: string, data: Record<string, unknown>) =>
      call<{ documentId: string }>('PUT', `${type(uid)}/${documentId}`, data),
    publish: (uid: string, documentId: string) => call('POST', `${type(uid)}/${documentId}/actions/publish`, {}),
    unpublish: (uid: string, documentId: string) => call('POST', `${type(uid)}/${documentId}/actions/unpublish`, {}),
    remove: (uid: string, documentId: string) => call('DELETE', `${type(uid)}/${documentId}`),
    single: (uid: string, data: Record<string, unknown>) => call('PUT', `/content-manager/single-types/${uid}`, data),
    audit: (query: string) =>
      call<Array<{ action: string; actor: string; label: string | null; detail: string | null; uid: string }>>(
        'GET',
        `/portal-audit/entries?${query}`,
      ),
  };
}

export type Hook = { event: string; model?: string; entry?: { documentId?: string } };

/** A stand-in for the publisher: records the webhooks the CMS sends it. */
export async function webhookReceiver(): Promise<{ url: string; received: Hook[]; close: () => Promise<void> }> {
  const received: Hook[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Hook);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
