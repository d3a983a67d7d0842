import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ApiProvider } from './components/api-provider.tsx';
import { applyStoredTheme } from './hooks/use-theme.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/chat.css';
import './styles/insights.css';
import './styles/markdown.css';
import './styles/profile.css';
import './styles/review.css';
import './styles/documents.css';
import './styles/connections.css';
import './styles/routines.css';

applyStoredTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider>
      <App />
    </ApiProvider>
  </StrictMode>,
);
