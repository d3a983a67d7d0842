// Creative draws: a logo idea or a visual, through the configured Images API. The image is kept
// with the turn and shown under the reply; the model only learns that it exists.
import { tool } from '@openai/agents';
import { z } from 'zod';
import type { ToolFactory } from '../expert.ts';
import { IMAGE_SIZES } from '../images.ts';
import { reportToolFailure } from '../turn-context.ts';
import { imageContentType } from './image-type.ts';

export const generateImage: ToolFactory = (settings) => {
  const images = settings.images;
  if (!images) return null;
  return tool({
    name: 'generate_image',
    description: `Draw one image (a logo idea, a label, a mood board, a visual concept) from a detailed prompt: subject, style, colours as hex codes, composition, any text to show. The image is shown to the user under your reply. At most ${images.perTurn} per reply.`,
    parameters: z.object({
      prompt: z.string().min(1).max(4000).describe('What to draw, precisely'),
      size: z
        .enum(IMAGE_SIZES)
        .nullable()
        .optional()
        .describe('1024x1024 (square, default), 1536x1024 (landscape) or 1024x1536 (portrait)'),
    }),
    async execute({ prompt, size }, runContext, details) {
      if (!runContext) throw new Error('images are drawn only inside a turn');
      const context = runContext.context;
      if (context.images.length >= images.perTurn) {
        throw new Error(`this reply already has ${images.perTurn} images, the most one reply may have`);
      }
      const drawn = await images.draw({ prompt, size: size ?? '1024x1024' }, details?.signal);
      const callId = details?.toolCall?.callId;
      if (callId && drawn.usage) context.toolUsage.set(callId, { model: images.model, ...drawn.usage });
      if (drawn.content.length > images.maxBytes)
        throw new Error('the image service sent an image larger than Switchboard keeps');
      const contentType = imageContentType(drawn.content);
      if (!contentType) throw new Error('the image service sent something that is not a PNG, JPEG, WebP or GIF image');
      const saved = await context.files.saveImage({ prompt, contentType, content: drawn.content });
      context.images.push(saved);
      return `Image ${context.images.length} is drawn and shown to the user under your reply. Describe briefly what it shows and why it fits; do not add a link or Markdown image.`;
    },
    errorFunction: reportToolFailure,
  });
};
