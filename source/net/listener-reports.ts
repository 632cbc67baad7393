// What a TCP listener has to say about connections it could not take: refusals past -m and
// failed accepts (out of file descriptors). Floods are summarised (repeat-summary.ts): refusals
// show a few lines a second then a count, failed accepts one line per burst.
import type {ReportLevel} from '../router/router.js';
import {RepeatSummary} from '../repeat-summary.js';
import {describeAcceptError} from './fd-limit.js';

export class ListenerReports {
	private readonly refusals: RepeatSummary;
	private readonly acceptErrors: RepeatSummary;

	constructor(report: (level: ReportLevel, text: string) => void) {
		const warn = (text: string) => report('warning', text);
		this.refusals = new RepeatSummary(warn);
		this.acceptErrors = new RepeatSummary(warn, 1000, 1);
	}

	/** A client turned away because the listener already had maxClients (-m, which the UI may change). */
	refused(peer: string, maxClients: number): void {
		const limit = `already ${maxClients} client(s) (-m)`;
		this.refusals.note(
			'refused',
			() => `Refused connection from ${peer}: ${limit}`,
			count => `Refused ${count} more connection(s) in the last second: ${limit}`,
		);
	}

	acceptFailed(error: Error, listener: string): void {
		this.acceptErrors.note(
			listener,
			() => describeAcceptError(error, listener),
			count => `${count} more failed accept(s) on ${listener} in the last second`,
		);
	}
}
