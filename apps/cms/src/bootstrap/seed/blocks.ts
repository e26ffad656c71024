import type { UploadedFile } from './images';

type TextNode = { type: 'text'; text: string };
export type Block =
  { type: 'paragraph'; children: TextNode[] } | { type: 'image'; image: Omit<UploadedFile, 'id' | 'documentId'>; children: TextNode[] };

/** Strapi blocks for an article body: paragraphs, each image placed after the paragraph it follows. */
export function bodyBlocks(paragraphs: string[], images: Array<{ after: number; file: UploadedFile }>): Block[] {
  const blocks: Block[] = [];
  paragraphs.forEach((text, index) => {
    blocks.push({ type: 'paragraph', children: [{ type: 'text', text }] });
    for (const { after, file } of images) {
      if (after !== index) continue;
      const { id: _id, documentId: _documentId, ...image } = file;
      blocks.push({ type: 'image', image, children: [{ type: 'text', text: '' }] });
    }
  });
  return blocks;
}
