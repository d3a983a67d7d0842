// The open document: remembered with what opened it, so closing gives the focus back there.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentOpener } from './document-opener.ts';

export function useDocumentPanel(businessId: string | undefined) {
  const [documentId, setDocumentId] = useState<string | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const open = useCallback((id: string) => {
    if (document.activeElement instanceof HTMLElement) returnTo.current = document.activeElement;
    setDocumentId(id);
  }, []);
  const close = useCallback(() => setDocumentId(null), []);
  // Another business has other documents.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on a change of business only.
  useEffect(() => setDocumentId(null), [businessId]);
  useEffect(() => {
    if (documentId || !returnTo.current) return;
    const target = returnTo.current.isConnected ? returnTo.current : document.getElementById('composer-input');
    returnTo.current = null;
    target?.focus();
  }, [documentId]);
  const opener: DocumentOpener = useMemo(() => ({ open, openId: documentId }), [open, documentId]);
  return { documentId, opener, close };
}
