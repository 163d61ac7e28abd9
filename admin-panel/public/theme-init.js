// Kept in sync with src/context/theme.ts (THEME_KEY and the resolution rule).
(function () {
  try {
    var stored = localStorage.getItem('simdesk.theme');
    var dark =
      stored === 'dark' ||
      ((stored === null || stored === 'system') &&
        window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('dark', dark);
  } catch (e) {
    /* storage blocked: the app applies the OS preference once it starts */
  }
})();
