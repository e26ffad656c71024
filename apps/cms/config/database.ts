import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/** The CMS app's root (this file runs from dist/config once compiled). */
const appRoot = path.resolve(__dirname, '..', __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '');

/**
 * SQLite by default (a file in the git-ignored data/ folder: nothing to set up); PostgreSQL with
 * DATABASE_CLIENT=postgres and either DATABASE_URL or DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'sqlite') {
    const filename = path.resolve(appRoot, env('DATABASE_FILENAME', 'data/cms.db'));
    fs.mkdirSync(path.dirname(filename), { recursive: true });
    return {
      connection: {
        client: 'sqlite',
        connection: { filename },
        useNullAsDefault: true,
      },
    };
  }

  if (client === 'postgres') {
    const ssl = env.bool('DATABASE_SSL', false) && {
      rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
    };
    return {
      connection: {
        client: 'postgres',
        connection: {
          // node-postgres prefers connectionString when it is set; the fields below are the fallback.
          connectionString: env('DATABASE_URL', undefined),
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'cms'),
          user: env('DATABASE_USERNAME', 'postgres'),
          password: env('DATABASE_PASSWORD', ''),
          ssl,
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  throw new Error(`Unsupported DATABASE_CLIENT "${client}": use "sqlite" (the default) or "postgres"`);
};

export default config;
