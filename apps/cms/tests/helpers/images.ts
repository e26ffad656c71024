import sharp from 'sharp';

/** A JPEG photo of one colour, `width` × `height`, made locally: something real to upload. */
export function testPhoto(width: number, height: number, background: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .jpeg({ quality: 85 })
    .toBuffer();
}
