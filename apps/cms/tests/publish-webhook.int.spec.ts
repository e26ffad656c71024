import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISH_WEBHOOK_NAME, registerPublishWebhook } from '../src/bootstrap/publish-webhook';
import type { Cms } from './helpers/cms';
import { fullAccessToken, rest } from './helpers/http';
import { bootEmptyCms } from './helpers/seeded';

type Received = { headers: IncomingHttpHeaders; body: { event: string; model?: string; entry?: { documentId?: string } } };

let cms: Cms;
let receiver: Server;
const received: Received[] = [];
const secret = 'test-secret-0123456789abcdef';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) as Received['body'] });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  cms = await bootEmptyCms({ PUBLISHER_URL: url, PUBLISH_WEBHOOK_SECRET: secret });
});

afterAll(async () => {
  await cms?.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

type Webhook = { name: string; url: string; headers: Record<string, string> };
const webhooks = () => cms.strapi.get<{ findWebhooks(): Promise<Webhook[]> }>('webhookStore').findWebhooks();

describe('the publisher webhook', () => {
  it('is registered once at start and stays single across restarts', async () => {
    await registerPublishWebhook(cms.strapi);
    await registerPublishWebhook(cms.strapi);
    const mine = (await webhooks()).filter((w) => w.name === PUBLISH_WEBHOOK_NAME);
    expect(mine).toHaveLength(1);
    expect(mine[0].url).toMatch(/\/hooks\/strapi$/);
    expect(mine[0].headers['x-publish-secret']).toBe(secret);
  });

  it('delivers publish events with the secret header', async () => {
    const token = await fullAccessToken(cms);
    const created = await rest<{ documentId: string }>(cms, 'POST', '/api/articles', {
      token,
      body: { data: { title: 'Tin mới cho bạn đọc', lead: 'Tóm tắt.' } },
    });
    expect(created.status).toBe(201);
    await expect.poll(() => received.some((r) => r.body.event === 'entry.publish'), { timeout: 10_000 }).toBe(true);
    const publish = received.find((r) => r.body.event === 'entry.publish')!;
    expect(publish.headers['x-publish-secret']).toBe(secret);
    expect(publish.body.model).toBe('article');
    expect(publish.body.entry?.documentId).toBe(created.body.data!.documentId);
  });

  it('follows a changed secret without a second webhook', async () => {
    await registerPublishWebhook(cms.strapi, { ...process.env, PUBLISH_WEBHOOK_SECRET: 'rotated-secret-0123456789' });
    const mine = (await webhooks()).filter((w) => w.name === PUBLISH_WEBHOOK_NAME);
    expect(mine).toHaveLength(1);
    expect(mine[0].headers['x-publish-secret']).toBe('rotated-secret-0123456789');
  });
});
