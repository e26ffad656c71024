import type { Decision } from './gcra';

/**
 * The response headers of a counted request, after the IETF RateLimit header fields draft
 * (draft-ietf-httpapi-ratelimit-headers, the RateLimit-Limit/-Remaining/-Reset form): the quota closest to
 * running out is the one shown — on a refusal, the one that refused. RateLimit-Policy lists both quotas.
 * Reset and Retry-After are in whole seconds, rounded up so that a client waiting that long is let in.
 */
export function rateLimitHeaders(decision: Decision, windowMs: number, names: readonly string[]): Record<string, string> {
  const index = decision.allowed ? tightest(decision) : refusing(decision);
  const shown = decision.quotas[index];
  const window = Math.max(1, Math.round(windowMs / 1000));
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(shown.limit),
    'RateLimit-Remaining': String(shown.remaining),
    'RateLimit-Reset': String(Math.ceil(shown.resetMs / 1000)),
    'RateLimit-Policy': decision.quotas.map((quota, i) => `${quota.limit};w=${window};comment="${names[i] ?? `quota ${i + 1}`}"`).join(', '),
  };
  if (!decision.allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
  return headers;
}

/** The quota with the smallest share left. */
function tightest(decision: Decision): number {
  let best = 0;
  decision.quotas.forEach((quota, i) => {
    const current = decision.quotas[best];
    if (quota.remaining / quota.limit < current.remaining / current.limit) best = i;
  });
  return best;
}

/** The first quota that refused. */
function refusing(decision: Decision): number {
  return Math.max(
    0,
    decision.quotas.findIndex((quota) => quota.refused),
  );
}
