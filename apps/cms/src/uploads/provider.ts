import type { InitOptions } from '@strapi/provider-upload-aws-s3';
import type { UploadSettings } from './settings';

/** What the upload plugin's config takes to store files elsewhere than its local folder. */
export type UploadProviderConfig = { provider: 'aws-s3'; providerOptions: InitOptions; actionOptions: Record<string, object> };

/**
 * The upload plugin's provider for `settings`: nothing for local (the plugin's own default, unchanged),
 * Strapi's S3 provider for s3. Objects get no ACL header: buckets made since 2023 refuse ACLs, and MinIO
 * ignores them; the bucket's own policy makes its objects readable at S3_PUBLIC_URL.
 */
export function uploadProviderConfig(settings: UploadSettings): UploadProviderConfig | Record<string, never> {
  if (settings.provider === 'local') return {};
  return {
    provider: 'aws-s3',
    providerOptions: {
      /** File records get <S3_PUBLIC_URL>/<key>, whatever address the CMS itself reaches the API at. */
      baseUrl: settings.publicUrl,
      rootPath: settings.prefix || undefined,
      s3Options: {
        endpoint: settings.endpoint,
        region: settings.region,
        forcePathStyle: settings.forcePathStyle,
        credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
        // ACL present but undefined: the provider sends no x-amz-acl (its default would be public-read).
        params: { Bucket: settings.bucket, ACL: undefined },
        // Recent SDKs checksum every request (CRC32 trailers, aws-chunked bodies), which S3-compatible
        // servers of older releases do not understand; checksums only where S3 requires them.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      },
    },
    actionOptions: { upload: {}, uploadStream: {}, delete: {} },
  };
}
