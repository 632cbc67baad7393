// How the terminal's rows are shared between the regions. Pure. Ink 6 clears the whole screen
// when a frame is as tall as the terminal, so a frame is at most rows - 1 lines.

export interface Layout {
	/** Rows of the connection list. */
	listHeight: number;
	/** Rows of traffic log entries (below its one-line title). */
	logHeight: number;
	/** Every line of the frame: list, log title, log, input line, status bar. */
	frameHeight: number;
}

/** Log title, input line, status bar. */
const fixedLines = 3;

export function computeLayout(rows: number, _columns: number, connectionCount: number): Layout {
	const usable = Math.max(fixedLines + 2, rows - 1);
	const listCap = Math.max(1, Math.floor((usable - fixedLines) / 3));
	const listHeight = Math.min(Math.max(1, connectionCount), listCap);
	const logHeight = Math.max(1, usable - fixedLines - listHeight);
	return {listHeight, logHeight, frameHeight: listHeight + logHeight + fixedLines};
}

/** First visible row of a list so the selected row stays on screen, moving as little as possible. */
export function keepVisible(offset: number, selected: number, height: number, total: number): number {
	let next = offset;
	if (selected < next) next = selected;
	if (selected >= next + height) next = selected - height + 1;
	return Math.max(0, Math.min(next, total - height));
}
