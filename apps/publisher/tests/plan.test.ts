import { describe, expect, it } from 'vitest';
import { digest } from '../src/digest';
import { fullBuildReason, planBuild, type BuiltPages, type PlannedPage } from '../src/plan';

const RENDERER = 'renderer-a';

/** A page of the new site as the builder plans it: its data digested the way the builder does. */
const page = (url: string, props: unknown, file = `${url.slice(1)}index.html`): PlannedPage => ({ url, file, digest: digest(props) });

const home = { latest: ['tin-a', 'tin-b'] };
const tinA = { article: { title: 'Tin A', body: 'một' } };
const tinB = { article: { title: 'Tin B', body: 'hai' } };

/** The live release's digests: the home page and two articles, rendered by RENDERER. */
const live = (renderer = RENDERER): BuiltPages => ({
  renderer,
  pages: new Map(
    [page('/', home), page('/bai-viet/tin-a/', tinA), page('/bai-viet/tin-b/', tinB)].map(({ url, file, digest }) => [url, { file, digest }]),
  ),
});

const urls = (pages: PlannedPage[]) => pages.map(({ url }) => url);

describe('planBuild', () => {
  it('renders every page when there is no previous build', () => {
    const plan = planBuild(null, { renderer: RENDERER, pages: [page('/', home), page('/bai-viet/tin-a/', tinA)] });
    expect(urls(plan.render)).toEqual(['/', '/bai-viet/tin-a/']);
    expect(plan.link).toEqual([]);
    expect(plan.remove).toEqual([]);
  });

  it('links unchanged pages from the live release', () => {
    const plan = planBuild(live(), {
      renderer: RENDERER,
      pages: [page('/', { ...home }), page('/bai-viet/tin-a/', tinA), page('/bai-viet/tin-b/', tinB)],
    });
    expect(plan.render).toEqual([]);
    expect(urls(plan.link)).toEqual(['/', '/bai-viet/tin-a/', '/bai-viet/tin-b/']);
    expect(plan.remove).toEqual([]);
  });

  it('renders a changed page, and the pages that show it, and links the rest', () => {
    const edited = { article: { title: 'Tin A (cập nhật)', body: 'một' } };
    const plan = planBuild(live(), {
      renderer: RENDERER,
      pages: [
        page('/', { latest: ['tin-a', 'tin-b'], titles: ['Tin A (cập nhật)'] }),
        page('/bai-viet/tin-a/', edited),
        page('/bai-viet/tin-b/', tinB),
      ],
    });
    expect(urls(plan.render)).toEqual(['/', '/bai-viet/tin-a/']);
    expect(urls(plan.link)).toEqual(['/bai-viet/tin-b/']);
  });

  it('renders a new page', () => {
    const plan = planBuild(live(), {
      renderer: RENDERER,
      pages: [
        page('/', home),
        page('/bai-viet/tin-a/', tinA),
        page('/bai-viet/tin-b/', tinB),
        page('/bai-viet/tin-c/', { article: { title: 'Tin C' } }),
      ],
    });
    expect(urls(plan.render)).toEqual(['/bai-viet/tin-c/']);
    expect(plan.link).toHaveLength(3);
  });

  it('lists a removed page, and neither renders nor links it', () => {
    const plan = planBuild(live(), { renderer: RENDERER, pages: [page('/', home), page('/bai-viet/tin-a/', tinA)] });
    expect(plan.remove).toEqual(['/bai-viet/tin-b/']);
    expect([...urls(plan.render), ...urls(plan.link)]).not.toContain('/bai-viet/tin-b/');
  });

  it('renders a page whose data did not change when the renderer (the templates) did', () => {
    const plan = planBuild(live('renderer-old'), {
      renderer: RENDERER,
      pages: [page('/', home), page('/bai-viet/tin-a/', tinA), page('/bai-viet/tin-b/', tinB)],
    });
    expect(urls(plan.render)).toEqual(['/', '/bai-viet/tin-a/', '/bai-viet/tin-b/']);
    expect(plan.link).toEqual([]);
  });

  it('renders a page whose data did not change when its output file did', () => {
    const plan = planBuild(live(), {
      renderer: RENDERER,
      pages: [page('/', home, 'home.html'), page('/bai-viet/tin-a/', tinA), page('/bai-viet/tin-b/', tinB)],
    });
    expect(urls(plan.render)).toEqual(['/']);
  });

  it('carries the caller’s own fields through', () => {
    const withRoute = { ...page('/', home), route: 'home' as const };
    expect(planBuild(null, { renderer: RENDERER, pages: [withRoute] }).render[0].route).toBe('home');
  });
});

describe('fullBuildReason', () => {
  const partial = { fullRequested: false, partialEnabled: true, live: 'r2', described: 'r2' };

  it('allows a partial build only from the live release the builder last built', () => {
    expect(fullBuildReason(partial)).toBeNull();
  });

  it.each([
    ['changes that touch every page', { fullRequested: true }, /every page/],
    ['partial builds turned off', { partialEnabled: false }, /turned off/],
    ['nothing live yet', { live: null }, /nothing is live/],
    ['no state (start-up, after a failed build)', { described: null }, /not the last one built/],
    ['another release live (after a rollback)', { live: 'r1' }, /not the last one built/],
  ])('asks for a full build: %s', (_case, change, reason) => {
    expect(fullBuildReason({ ...partial, ...change })).toMatch(reason);
  });
});
