// The Images API behind Creative's generate_image: OpenAI's with an OpenAI key, or an
// OpenAI-compatible server's (LocalAI and others) when the user names its image model.
import OpenAI from 'openai';
import type { Env } from '../env.ts';
import { openAILogger, type WarnLogger } from './openai-logger.ts';

export type ImagesMode = 'openai' | 'compatible' | 'off';
export const IMAGE_SIZES = ['1024x1024', '1536x1024', '1024x1536'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

/** OpenAI's current image model (fast variant); set SWITCHBOARD_IMAGE_MODEL for another. */
export const DEFAULT_OPENAI_IMAGE_MODEL = 'gpt-image-2.6-flare';
const IMAGE_TIMEOUT_MS = 120_000;

export type DrawnImage = { content: Buffer; usage: { inputTokens: number; outputTokens: number } | null };

export type ImageService = {
  mode: Exclude<ImagesMode, 'off'>;
  model: string;
  /** Most images one turn may draw. */
  perTurn: number;
  /** Largest image kept, in bytes. */
  maxBytes: number;
  draw(request: { prompt: string; size: ImageSize }, signal?: AbortSignal): Promise<DrawnImage>;
};

type ImageEnv = Pick<
  Env,
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'SWITCHBOARD_IMAGE_MODEL'
  | 'SWITCHBOARD_IMAGES_PER_TURN'
  | 'SWITCHBOARD_UPLOAD_MAX_BYTES'
>;

export function imagesMode(env: ImageEnv): ImagesMode {
  // A compatible server may have no image model at all: only the user knows, by naming one.
  if (env.OPENAI_BASE_URL) return env.SWITCHBOARD_IMAGE_MODEL ? 'compatible' : 'off';
  return env.OPENAI_API_KEY ? 'openai' : 'off';
}

export function imageServiceFromEnv(env: ImageEnv, logger: WarnLogger): ImageService | null {
  const mode = imagesMode(env);
  if (mode === 'off' || env.SWITCHBOARD_IMAGES_PER_TURN === 0) return null;
  const model = env.SWITCHBOARD_IMAGE_MODEL ?? DEFAULT_OPENAI_IMAGE_MODEL;
  const client = new OpenAI({
    apiKey: env.OPENAI_API_KEY ?? 'not-needed',
    baseURL: env.OPENAI_BASE_URL,
    timeout: IMAGE_TIMEOUT_MS,
    // One image costs real money and a retried one is billed again: one retry, for dropped connections.
    maxRetries: 1,
    logger: openAILogger(logger),
    logLevel: 'warn',
  });
  return {
    mode,
    model,
    perTurn: env.SWITCHBOARD_IMAGES_PER_TURN,
    maxBytes: env.SWITCHBOARD_UPLOAD_MAX_BYTES,
    async draw({ prompt, size }, signal) {
      const response = await client.images.generate(
        {
          model,
          prompt,
          size,
          n: 1,
          // OpenAI's GPT image models always answer base64 and reject the parameter; other servers default to a URL.
          ...(mode === 'compatible' ? { response_format: 'b64_json' as const } : {}),
        },
        { signal },
      );
      const b64 = response.data?.[0]?.b64_json;
      if (!b64) throw new Error('the image service answered without an image');
      const usage = response.usage
        ? { inputTokens: response.usage.input_tokens, outputTokens: response.usage.output_tokens }
        : null;
      return { content: Buffer.from(b64, 'base64'), usage };
    },
  };
}
