// Status lines that a flood would repeat thousands of times (refused connections, new UDP peers,
// datagrams dropped past -m) are summarised (issue 18: 3,000 refused connections made 2,990
// lines). In each second the first few of a kind are said in full, the rest become one line with
// their count; while the flood goes on, each further second is that one line alone.
const defaultLinesInFull = 10;

interface Window {
	said: number;
	count: number;
	summary: (count: number) => string;
}

export class RepeatSummary {
	private readonly windows = new Map<string, Window>();

	constructor(
		private readonly say: (text: string) => void,
		private readonly intervalMs = 1000,
		/** Lines said in full per interval before the rest are counted. */
		private readonly linesInFull = defaultLinesInFull,
	) {}

	/** One occurrence of `kind`: said now (first()) or counted into the summary line. */
	note(kind: string, first: () => string, summary: (count: number) => string): void {
		const window = this.windows.get(kind) ?? this.open(kind, 0, summary);
		window.summary = summary;
		if (window.said < this.linesInFull) {
			window.said++;
			this.say(first());
		} else {
			window.count++;
		}
	}

	private open(kind: string, said: number, summary: (count: number) => string): Window {
		const window: Window = {said, count: 0, summary};
		this.windows.set(kind, window);
		const timer = setTimeout(() => {
			this.windows.delete(kind);
			if (window.count === 0) return;
			this.say(window.summary(window.count));
			// Still flooding: the next second says only its count.
			this.open(kind, this.linesInFull, window.summary);
		}, this.intervalMs);
		// Never what keeps a finished run alive.
		timer.unref();
		return window;
	}
}
