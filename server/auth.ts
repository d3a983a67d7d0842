// Bearer-token check for when SWITCHBOARD_TOKEN is set; constant-time so timing reveals nothing.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

export type Credentials = {
  authorization: string | undefined;
  /** tRPC's connectionParams: read only for subscriptions, which EventSource opens without headers. */
  connectionParams: Record<string, string | undefined> | null | undefined;
  isSubscription: boolean;
};

/**
 * The token travels in `Authorization: Bearer <token>` (scheme in any case). Only a subscription may
 * carry it as connectionParams: anywhere else a token in the URL would end up in logs and history.
 */
export function isAuthorized(credentials: Credentials, token: string | undefined): boolean {
  if (!token) return true;
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(credentials.authorization ?? '')?.[1];
  const presented = bearer ?? (credentials.isSubscription ? (credentials.connectionParams?.token ?? '') : '');
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  return timingSafeEqual(digest(presented), digest(token));
}
