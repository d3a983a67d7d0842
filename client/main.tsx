import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ApiProvider } from './components/api-provider.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/chat.css';
import './styles/insights.css';
import './styles/review.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider>
      <App />
    </ApiProvider>
  </StrictMode>,
);
