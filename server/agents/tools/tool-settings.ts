// What the tools are built from: chosen once at start-up from the environment.
import type { ImageService } from '../images.ts';
import type { ModelApi } from '../model.ts';

export type ToolSettings = {
  api: ModelApi;
  /** SearXNG's base URL: web search for servers without the hosted tool. */
  searxngUrl?: string;
  /** Creative's generate_image; absent when no Images API is configured. */
  images?: ImageService;
};
