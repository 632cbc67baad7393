// How the terminal's rows are shared between the regions. Pure. Ink 6 clears the whole screen
// (and the terminal's scrollback) when a frame is as tall as the terminal, so Ink's frame is
// rows - 1 lines and the status bar is drawn on the last row outside it (status-row.ts).

export interface Layout {
	/** Rows of the connection list. */
	listHeight: number;
	/** Rows of traffic log entries (below its one-line title). */
	logHeight: number;
	/** Ink's frame: list, log title, log, input line (the status bar is the row below). */
	frameHeight: number;
}

/** Log title and input line. */
const fixedLines = 2;

/**
 * The list takes the rows it needs, up to half of what the regions share; the log gets the rest
 * (so two peers on a 15-row terminal are both listed, and a thousand leave the log half).
 */
export function computeLayout(rows: number, _columns: number, connectionCount: number): Layout {
	const usable = Math.max(fixedLines + 2, rows - 1);
	const space = usable - fixedLines;
	const listCap = Math.max(1, Math.ceil(space / 2));
	const listHeight = Math.min(Math.max(1, connectionCount), listCap);
	const logHeight = Math.max(1, space - listHeight);
	return {listHeight, logHeight, frameHeight: listHeight + logHeight + fixedLines};
}

/** First visible row of a list so the selected row stays on screen, moving as little as possible. */
export function keepVisible(offset: number, selected: number, height: number, total: number): number {
	let next = offset;
	if (selected < next) next = selected;
	if (selected >= next + height) next = selected - height + 1;
	return Math.max(0, Math.min(next, total - height));
}
