import type { ReactNode, SVGProps } from 'react';

const c = (cx: number, cy: number, r: number) => <circle cx={cx} cy={cy} r={r} />;
const p = (d: string) => <path d={d} />;

const SHAPES = {
  menu: p('M4 6h16M4 12h16M4 18h16'),
  close: p('M6 6l12 12M18 6L6 18'),
  bell: p('M6 16v-5a6 6 0 0112 0v5l1.5 2h-15L6 16zM10 20.5a2 2 0 004 0'),
  sun: (
    <>
      {c(12, 12, 4)}
      {p('M12 2.5v2M12 19.5v2M4.6 4.6 6 6M18 18l1.4 1.4M2.5 12h2M19.5 12h2M4.6 19.4 6 18M18 6l1.4-1.4')}
    </>
  ),
  moon: p('M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z'),
  chevronDown: p('M6 9l6 6 6-6'),
  chevronUp: p('M6 15l6-6 6 6'),
  chevronLeft: p('M15 6l-6 6 6 6'),
  chevronRight: p('M9 6l6 6-6 6'),
  sort: p('M8 9l4-4 4 4M8 15l4 4 4-4'),
  home: p('M3 11l9-7 9 7M5 9.5V20h5v-6h4v6h5V9.5'),
  users: (
    <>
      {c(9, 8, 3.2)}
      {p('M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6')}
      {c(17, 9, 2.4)}
      {p('M16.5 14c2.5.2 4.5 2.3 4.5 5')}
    </>
  ),
  shield: p('M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6l8-3zM9 12l2 2 4-4'),
  activity: p('M3 12h4l3-7 4 14 3-7h4'),
  clipboard: p('M9 3.5h6v3H9zM7.5 5H5v16h14V5h-2.5M8 11h8M8 15h5'),
  settings: (
    <>
      {c(12, 12, 3)}
      {p('M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1')}
    </>
  ),
  user: (
    <>
      {c(12, 8, 4)}
      {p('M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8')}
    </>
  ),
  logout: p('M14 4h5v16h-5M10 8l-4 4 4 4M6 12h10'),
  download: p('M12 4v11M7 10l5 5 5-5M5 20h14'),
  columns: p('M4 5h16v14H4zM9.5 5v14M14.5 5v14'),
  search: (
    <>
      {c(11, 11, 6)}
      {p('M20 20l-4.5-4.5')}
    </>
  ),
  plus: p('M12 5v14M5 12h14'),
  check: p('M5 12.5l4.5 4.5L19 7.5'),
  alert: p('M12 3.5l9.5 17h-19L12 3.5zM12 10v4.5M12 17.5v.01'),
  info: (
    <>
      {c(12, 12, 9)}
      {p('M12 11v6M12 7.5v.01')}
    </>
  ),
  key: (
    <>
      {c(8, 15, 4)}
      {p('M11 12l9-9M16 7l3 3')}
    </>
  ),
  lock: p('M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11'),
  more: (
    <>
      {c(12, 5.5, 1)}
      {c(12, 12, 1)}
      {c(12, 18.5, 1)}
    </>
  ),
  monitor: p('M3 5h18v11H3zM8 20h8M12 16v4'),
  filter: p('M4 5h16l-6 7.5V19l-4-2v-4.5L4 5z'),
  edit: p('M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4'),
  trash: p('M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13'),
  mail: p('M3 6h18v12H3zM3 7l9 6 9-6'),
  copy: p('M8 8h11v12H8zM5 16V4h11'),
  store: p('M4 9.5 5.5 4h13L20 9.5M4 9.5h16M4 9.5a2.7 2.7 0 0 0 5.3 0 2.7 2.7 0 0 0 5.4 0 2.7 2.7 0 0 0 5.3 0M5 11.5V20h14v-8.5M10 20v-5h4v5'),
  phone: p('M7.5 2.5h9a1 1 0 0 1 1 1v17a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1v-17a1 1 0 0 1 1-1zM11 18.5h2'),
  eye: (
    <>
      {c(12, 12, 3)}
      {p('M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z')}
    </>
  ),
  box: p('M3.5 7.5 12 3l8.5 4.5v9L12 21l-8.5-4.5v-9zM3.5 7.5 12 12l8.5-4.5M12 12v9M7.8 5.3l8.5 4.5'),
  card: p('M3 6h18v12H3zM3 10h18M7 14.5h3'),
  refund: p('M9 5 4.5 9.5 9 14M4.5 9.5H15a4.5 4.5 0 0 1 0 9h-4'),
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof SHAPES;

interface IconProps extends SVGProps<SVGSVGElement> {
  name: IconName;
  /** Announced to screen readers; decorative icons leave it out. */
  label?: string;
}

export function Icon({ name, label, className = 'size-5', ...rest }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
      {...rest}
    >
      {SHAPES[name]}
    </svg>
  );
}
