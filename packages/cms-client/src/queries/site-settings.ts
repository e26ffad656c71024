import { gql } from 'graphql-request';
import type { CmsClient } from '../client';
import { SiteSettingsDocument, type SiteSettingsFieldsFragment } from '../generated/graphql';
import { compact } from '../lists';

type MenuItem = NonNullable<SiteSettingsFieldsFragment['menu'][number]>;

/** Portal name, banner, footer, menu and login link shown on every page. */
export type SiteSettings = Omit<SiteSettingsFieldsFragment, 'menu'> & { menu: MenuItem[] };

/** Codegen reads this text; requests send the generated documents built from it. */
export const siteSettingsDocuments = gql`
  fragment SiteSettingsFields on SiteSetting {
    portalName
    loginLinkText
    banner {
      ...MediaFile
    }
    footer {
      agency
      address
      phone
      email
      licence
    }
    # Relations default to 25 items: ask for the CMS's maximum so a long menu is never cut short.
    menu(pagination: { limit: 100 }) {
      documentId
      name
      slug
    }
  }

  query SiteSettings {
    siteSetting {
      ...SiteSettingsFields
    }
  }
`;

/** The site settings, or null while an editor has not saved them yet. */
export async function fetchSiteSettings(client: CmsClient): Promise<SiteSettings | null> {
  const { siteSetting } = await client.request(SiteSettingsDocument, {});
  return siteSetting ? { ...siteSetting, menu: compact(siteSetting.menu) } : null;
}
