// Which document the side panel shows: any reply's card or the Documents list opens one.
import { createContext, useContext } from 'react';

export type DocumentOpener = { open: (documentId: string) => void; openId: string | null };

export const DocumentOpenerContext = createContext<DocumentOpener>({ open: () => {}, openId: null });

export const useDocumentOpener = () => useContext(DocumentOpenerContext);
