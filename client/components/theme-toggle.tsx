import { useTheme } from '../hooks/use-theme.ts';

export function ThemeToggle() {
  const { theme, toggle } = useTheme();
  return (
    <button type="button" className="ghost icon theme-toggle" aria-pressed={theme === 'dark'} onClick={toggle}>
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      <span className="label">Dark theme</span>
    </button>
  );
}
