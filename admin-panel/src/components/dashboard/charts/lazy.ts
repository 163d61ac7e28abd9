import { lazy } from 'react';

// One chunk for all of them (Recharts). The dashboard asks for it as it opens
// (`preloadCharts`), so it downloads while the figures are fetched instead of after them.
const charts = () => import('./Charts');
export const preloadCharts = charts;

export const TrendChart = lazy(() => charts().then((module) => ({ default: module.TrendChart })));
export const RankChart = lazy(() => charts().then((module) => ({ default: module.RankChart })));
export const ShareChart = lazy(() => charts().then((module) => ({ default: module.ShareChart })));
