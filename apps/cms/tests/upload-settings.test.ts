import { describe, expect, it } from 'vitest';
import { uploadProviderConfig } from '../src/uploads/provider';
import { securityMiddleware } from '../src/uploads/security';
import { uploadSettings } from '../src/uploads/settings';

const S3 = {
  UPLOAD_PROVIDER: 's3',
  S3_ENDPOINT: 'http://minio:9000/',
  S3_BUCKET: 'portal-uploads',
  S3_ACCESS_KEY_ID: 'portal',
  S3_SECRET_ACCESS_KEY: 'bi-mat-cua-minio',
  S3_PUBLIC_URL: 'http://localhost:9000/portal-uploads/',
};

describe('uploadSettings', () => {
  it('stores locally by default, whatever S3_* say', () => {
    expect(uploadSettings({})).toEqual({ provider: 'local' });
    expect(uploadSettings({ UPLOAD_PROVIDER: ' ' })).toEqual({ provider: 'local' });
    expect(uploadSettings({ ...S3, UPLOAD_PROVIDER: 'local', S3_PUBLIC_URL: 'ftp://x' })).toEqual({ provider: 'local' });
    expect(uploadProviderConfig({ provider: 'local' })).toEqual({});
    expect(securityMiddleware({ provider: 'local' })).toBe('strapi::security');
  });

  it('refuses any other provider, naming the variable', () => {
    expect(() => uploadSettings({ UPLOAD_PROVIDER: 'ftp' })).toThrow('UPLOAD_PROVIDER must be "local" (the default) or "s3" (got "ftp")');
    expect(() => uploadSettings({ UPLOAD_PROVIDER: 'S3 ' })).toThrow(/UPLOAD_PROVIDER/);
  });

  it('names every missing variable of s3 at once', () => {
    expect(() => uploadSettings({ UPLOAD_PROVIDER: 's3' })).toThrow(
      'UPLOAD_PROVIDER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_PUBLIC_URL',
    );
    expect(() => uploadSettings({ ...S3, S3_SECRET_ACCESS_KEY: '' })).toThrow('UPLOAD_PROVIDER=s3 needs S3_SECRET_ACCESS_KEY:');
  });

  it('refuses wrong values with the variable and the value', () => {
    const wrong: Array<[Record<string, string>, RegExp]> = [
      [{ S3_PUBLIC_URL: 'ftp://media.binhan.gov.vn' }, /^S3_PUBLIC_URL must be an http\(s\) URL \(got "ftp:/],
      [{ S3_PUBLIC_URL: 'javascript:alert(1)' }, /^S3_PUBLIC_URL must be an http\(s\) URL/],
      [{ S3_PUBLIC_URL: 'media.binhan.gov.vn' }, /^S3_PUBLIC_URL must be an http\(s\) URL/],
      [{ S3_PUBLIC_URL: 'https://user:pw@media.binhan.gov.vn' }, /^S3_PUBLIC_URL must be a plain http\(s\) URL/],
      [{ S3_ENDPOINT: 'minio:9000' }, /^S3_ENDPOINT must be an http\(s\) URL/],
      [{ S3_BUCKET: 'Portal_Uploads' }, /^S3_BUCKET: .*got "Portal_Uploads"/],
      [{ S3_REGION: 'US East' }, /^S3_REGION/],
      [{ S3_FORCE_PATH_STYLE: 'yes' }, /^S3_FORCE_PATH_STYLE must be true or false \(got "yes"\)/],
      [{ S3_PREFIX: 'media/../other' }, /^S3_PREFIX/],
      [{ S3_PREFIX: 'tệp tin' }, /^S3_PREFIX/],
    ];
    for (const [change, message] of wrong) expect(() => uploadSettings({ ...S3, ...change }), JSON.stringify(change)).toThrow(message);
  });

  it('reads MinIO behind an endpoint as path-style, in us-east-1 unless told', () => {
    expect(uploadSettings({ ...S3, S3_PREFIX: '/cms/media/' })).toEqual({
      provider: 's3',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      bucket: 'portal-uploads',
      accessKeyId: 'portal',
      secretAccessKey: 'bi-mat-cua-minio',
      forcePathStyle: true,
      publicUrl: 'http://localhost:9000/portal-uploads',
      publicOrigin: 'http://localhost:9000',
      prefix: 'cms/media',
    });
    expect(uploadSettings({ ...S3, S3_FORCE_PATH_STYLE: 'false' })).toMatchObject({ forcePathStyle: false });
  });

  it('reads AWS without an endpoint as virtual-hosted', () => {
    const settings = uploadSettings({ ...S3, S3_ENDPOINT: '', S3_REGION: 'ap-southeast-1', S3_PUBLIC_URL: 'https://media.binhan.gov.vn' });
    expect(settings).toMatchObject({ endpoint: undefined, region: 'ap-southeast-1', forcePathStyle: false, prefix: '' });
  });
});

describe('the upload provider and the CSP for s3', () => {
  const settings = uploadSettings({ ...S3, S3_PREFIX: 'cms' });

  it("gives Strapi's S3 provider the bucket, the public URL and checksums only where S3 requires them", () => {
    const config = uploadProviderConfig(settings);
    expect(config).toMatchObject({
      provider: 'aws-s3',
      providerOptions: {
        baseUrl: 'http://localhost:9000/portal-uploads',
        rootPath: 'cms',
        s3Options: {
          endpoint: 'http://minio:9000',
          forcePathStyle: true,
          credentials: { accessKeyId: 'portal', secretAccessKey: 'bi-mat-cua-minio' },
          params: { Bucket: 'portal-uploads' },
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        },
      },
    });
  });

  it("lets the dashboard show images and media from the bucket's origin only, Strapi's own sources kept", () => {
    expect(securityMiddleware(settings)).toEqual({
      name: 'strapi::security',
      config: {
        contentSecurityPolicy: {
          directives: {
            'img-src': ["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', 'http://localhost:9000'],
            'media-src': ["'self'", 'data:', 'blob:', 'http://localhost:9000'],
          },
        },
      },
    });
  });
});
