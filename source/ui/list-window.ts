// Which rows of the connection list are on screen: "All peers" stays on the first row, the rest
// scroll beneath it with the selected row in view; and the indicator of which rows are shown,
// drawn in the list itself. Pure.
import {keepVisible} from './layout.js';

/**
 * First row shown below "All peers" (row 0), moving as little as possible to keep `selected` in
 * view. With a one-row list there is no room to pin: the selected row alone is shown.
 */
export function pinnedOffset(offset: number, selected: number, height: number, total: number): number {
	if (height < 2) return keepVisible(offset, selected, height, total);
	if (total <= height) return 1;
	const below = height - 1;
	return 1 + keepVisible(Math.max(0, offset - 1), Math.max(0, selected - 1), below, total - 1);
}

/** Indexes of the rows shown, top to bottom. */
export function shownRows(offset: number, height: number, total: number): number[] {
	if (height < 2) return Array.from({length: Math.min(height, total - offset)}, (_, index) => offset + index);
	const rows = [0];
	for (let index = Math.max(1, offset); index < total && rows.length < height; index++) rows.push(index);
	return rows;
}

/** `rows 1-11 of 1001`, or `rows 1, 492-501 of 1001` once scrolled; empty when everything fits. */
export function listIndicator(offset: number, height: number, total: number): string {
	if (total <= height) return '';
	const shown = shownRows(offset, height, total);
	const first = shown[1] ?? shown[0]!;
	const last = shown.at(-1)!;
	const range = first <= 1 || height < 2 ? `${shown[0]! + 1}-${last + 1}` : `1, ${first + 1}-${last + 1}`;
	return `rows ${range} of ${total}`;
}
