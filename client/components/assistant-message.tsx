import type { Message, Turn } from '../api-types.ts';
import { formatTime } from '../format.ts';
import { AgentBadge } from './agent-badge.tsx';
import { CopyButton } from './copy-button.tsx';
import { DocumentCards } from './documents/document-card.tsx';
import { FlagRouting } from './flag-routing.tsx';
import { MarkdownText } from './markdown-text.tsx';
import { ReplyImages } from './reply-images.tsx';
import { ReplySources } from './reply-sources.tsx';
import { type RetryAction, RetryButton } from './retry-button.tsx';
import { RoutingDetail } from './routing-detail.tsx';

type Props = { message: Message; turn: Turn | undefined; retry: RetryAction };

export function AssistantMessage({ message, turn, retry }: Props) {
  const agent = message.agent ?? 'Assistant';
  return (
    <article className="msg reply" data-testid="message" data-role="assistant" aria-label={`${agent} replied`}>
      <header>
        <AgentBadge agent={agent} />
        <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
        <CopyButton text={message.content} />
      </header>
      <MarkdownText text={message.content} />
      {message.attachments?.length ? <ReplyImages images={message.attachments} /> : null}
      {message.documents?.length ? <DocumentCards documents={message.documents} /> : null}
      {turn && <ReplySources turn={turn} />}
      {turn && turn.remembered.length > 0 && (
        <p className="remembered-note" data-testid="remembered-note">
          <span aria-hidden="true">✓ </span>
          <strong>Remembered:</strong> {turn.remembered.map((fact) => fact.text).join(' · ')}
          <span className="muted small"> (in your business profile)</span>
        </p>
      )}
      {message.stopped && turn && (
        <p className="stopped-note" data-testid="stopped-reply">
          <span>Stopped: the reply ends where you pressed Stop.</span>
          <RetryButton turnId={turn.id} action={retry} />
        </p>
      )}
      {turn && <RoutingDetail turn={turn} answeredBy={message.agent} />}
      {turn?.status === 'completed' && <FlagRouting turn={turn} answeredBy={message.agent} />}
    </article>
  );
}
