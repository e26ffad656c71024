import type { Core } from '@strapi/strapi';
import parse from 'co-body';
import { counterSettings, HIT_PATH, runningCounters, STATS_PATH, type BodyRead } from '../lib/counters';

/**
 * The counters' endpoints on the CMS's own port, ahead of every other middleware (no session, body parser
 * or log line per hit): POST /counter and GET /counter/stats. The counters' thread answers them
 * (lib/counters/thread.ts, the same code as on its own port, COUNTER_PORT); this route only reads the body
 * and hands the request over. See docs/counters.md.
 */
const counter: Core.MiddlewareFactory = () => {
  const maxBodyBytes = counterSettings().maxBodyBytes;

  return async (ctx, next) => {
    if (ctx.path !== HIT_PATH && ctx.path !== STATS_PATH) {
      await next();
      return;
    }
    const thread = runningCounters();
    if (!thread) {
      ctx.status = 404;
      ctx.body = { error: { status: 404, message: 'The counters are turned off (COUNTER=off)' } };
      return;
    }
    let body: BodyRead | undefined;
    if (ctx.path === HIT_PATH && ctx.method.toUpperCase() === 'POST') {
      try {
        body = { text: (await parse.text(ctx, { limit: maxBodyBytes, encoding: 'utf8' })) as string };
      } catch (error) {
        body = { status: (error as { status?: number }).status === 413 ? 413 : 400 };
      }
    }
    const reply = await thread.handle(
      {
        method: ctx.method,
        path: ctx.path,
        query: ctx.querystring,
        headers: ctx.headers,
        forwardedFor: ctx.req.headersDistinct['x-forwarded-for'],
        socketAddress: ctx.req.socket.remoteAddress,
      },
      body,
    );
    ctx.set(reply.headers);
    ctx.status = reply.status;
    if (reply.body !== undefined) ctx.body = reply.body;
  };
};

export default counter;
