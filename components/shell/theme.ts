// Light or dark: the person's choice (remembered in this browser) or, until
// they choose, the system setting. The choice is applied before first paint by
// an inline script (THEME_BOOT_SCRIPT) and follows system changes live.

export type TThemeChoice = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'helmdeck-theme';

/** Sets data-theme on <html> from the stored choice; self-contained so it can be inlined. */
function applyStoredTheme(): void {
  let choice: string | null = null;
  try {
    choice = window.localStorage.getItem('helmdeck-theme');
  } catch {
    // storage blocked: follow the system
  }
  const dark =
    choice === 'dark' ||
    (choice !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export const THEME_BOOT_SCRIPT = `(${applyStoredTheme.toString()})();window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change',${applyStoredTheme.toString()});`;

export function readThemeChoice(): TThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function saveThemeChoice(choice: TThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // not remembered, still applied below
  }
  applyStoredTheme();
}
