// The open document; another business has other documents, so a switch closes it.
import { useEffect } from 'react';
import { closeDocument, useOpenDocumentId } from './document-opener.ts';

export function useDocumentPanel(businessId: string | undefined) {
  const documentId = useOpenDocumentId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on a change of business only.
  useEffect(() => closeDocument(), [businessId]);
  return { documentId, close: closeDocument };
}
