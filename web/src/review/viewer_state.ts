// The document viewer's zoom and rotation, as discrete steps so each maps to a CSS class (the CSP
// forbids inline styles): "+" / "-" walk the zoom steps, "0" resets, "r" turns 90° clockwise. Pure.
export const kZoomSteps = [50, 75, 100, 125, 150, 200, 250, 300, 400] as const;
export const kDefaultZoomIndex = 2;

export interface ViewerState {
  zoomIndex: number;
  rotation: 0 | 90 | 180 | 270;
}

export type ViewerAction = 'zoom_in' | 'zoom_out' | 'reset' | 'rotate';

export const kInitialViewer: ViewerState = { zoomIndex: kDefaultZoomIndex, rotation: 0 };

export function viewerReducer(state: ViewerState, action: ViewerAction): ViewerState {
  switch (action) {
    case 'zoom_in':
      return { ...state, zoomIndex: Math.min(kZoomSteps.length - 1, state.zoomIndex + 1) };
    case 'zoom_out':
      return { ...state, zoomIndex: Math.max(0, state.zoomIndex - 1) };
    case 'reset':
      return kInitialViewer;
    case 'rotate':
      return { ...state, rotation: ((state.rotation + 90) % 360) as ViewerState['rotation'] };
  }
}

export function zoomPercent(state: ViewerState): number {
  return kZoomSteps[state.zoomIndex] ?? 100;
}

/** "viewer__img viewer__img--z125 viewer__img--r90" */
export function viewerClass(state: ViewerState): string {
  return `viewer__img viewer__img--z${zoomPercent(state)} viewer__img--r${state.rotation}`;
}

/** The index after `index` moved by `delta`, wrapping around `count` items. */
export function cycleIndex(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return (((index + delta) % count) + count) % count;
}
