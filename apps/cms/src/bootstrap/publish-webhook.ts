import type { Core } from '@strapi/strapi';
import contract from '../contract/publish-webhook.json';

/** The name the publisher's webhook is found by; editors see it under Settings → Webhooks. */
export const PUBLISH_WEBHOOK_NAME = 'Publisher (rebuilds the readers’ site)';
/** Entry and media events, as the publisher expects them (src/contract/publish-webhook.json, shared with it). */
export const PUBLISH_WEBHOOK_EVENTS = [...contract.entryEvents, ...contract.mediaEvents];

type Webhook = { id: number | string; name: string; url: string; headers: Record<string, string>; events: string[]; isEnabled: boolean };
type WebhookStore = {
  findWebhooks(): Promise<Webhook[]>;
  createWebhook(data: Omit<Webhook, 'id' | 'isEnabled'>): Promise<Webhook>;
  updateWebhook(id: Webhook['id'], data: Omit<Webhook, 'id'>): Promise<Webhook | null>;
};
type WebhookRunner = { add(webhook: Webhook): void; update(webhook: Webhook): void };

/**
 * Registers the publisher's webhook from PUBLISHER_URL and PUBLISH_WEBHOOK_SECRET, idempotently: found by
 * name, updated when the URL, secret or events changed, never created twice. The secret travels in the
 * header the contract names (x-publish-secret). Webhooks created here must also be handed to the runner,
 * which loaded the stored ones before this bootstrap ran.
 */
export async function registerPublishWebhook(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const base = env.PUBLISHER_URL?.trim();
  const secret = env.PUBLISH_WEBHOOK_SECRET?.trim();
  if (!base || !secret) return;
  const store = strapi.get<WebhookStore>('webhookStore');
  const runner = strapi.get<WebhookRunner>('webhookRunner');
  const wanted = {
    name: PUBLISH_WEBHOOK_NAME,
    url: `${base.replace(/\/+$/, '')}${contract.path}`,
    headers: { [contract.secretHeader]: secret },
    events: PUBLISH_WEBHOOK_EVENTS,
  };
  const existing = (await store.findWebhooks()).filter((webhook) => webhook.name === PUBLISH_WEBHOOK_NAME);
  if (existing.length === 0) {
    runner.add(await store.createWebhook(wanted));
    strapi.log.info(`Registered the publisher webhook → ${wanted.url}`);
    return;
  }
  const [current] = existing;
  const same =
    current.url === wanted.url &&
    current.isEnabled &&
    current.headers?.[contract.secretHeader] === secret &&
    [...current.events].sort().join() === [...wanted.events].sort().join();
  if (same) return;
  const updated = await store.updateWebhook(current.id, { ...wanted, isEnabled: true });
  if (updated) runner.update(updated);
  strapi.log.info(`Updated the publisher webhook → ${wanted.url}`);
}
