const COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * The brand colour, as the panel's accent: Tailwind's indigo shades are CSS variables, and
 * index.css derives every one of them from `--brand` while <html> carries `data-brand`. An
 * invalid or missing colour leaves the built-in indigo.
 */
export function applyBrandColour(colour: unknown, root: HTMLElement = document.documentElement): void {
  if (typeof colour === 'string' && COLOUR.test(colour)) {
    root.style.setProperty('--brand', colour);
    root.dataset.brand = '';
  } else {
    root.style.removeProperty('--brand');
    delete root.dataset.brand;
  }
}

export const isBrandColour = (value: string) => COLOUR.test(value);
