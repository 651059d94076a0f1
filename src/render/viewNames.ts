/** The five views' names, without PixiJS: the page's pure modules (big views, explanations, lessons) import them from here. */
export type ViewName = 'sheet' | 'raster' | 'rate' | 'block' | 'probe';
export const VIEW_NAMES: readonly ViewName[] = ['sheet', 'raster', 'rate', 'block', 'probe'];
