// UDP peers have no connection to end, so a socket forgets them by rule (issue 18: one datagram
// from each of 43,874 source ports made 43,874 peers that were never freed):
// | case                                         | what happens                                    |
// | a peer sent nothing for --udp-peer-idle s    | it is forgotten (verbose line); a later datagram |
// |   (default 60; 0: never)                     |   from it makes it a new peer                   |
// | a datagram from a new peer while the socket  | the datagram is dropped and counted; the first  |
// |   already remembers -m peers (default 1000)  |   of each second is said, then a count per second|
// | a target's own route (we send to it)         | never forgotten for silence, not counted in -m  |
// Only datagrams received count as activity: a peer we keep sending to but that never answers is
// gone as far as UDP can tell (in hub mode it would otherwise get every datagram forever).
import type {ReportLevel} from '../router/router.js';
import {RepeatSummary} from '../repeat-summary.js';

export interface UdpPeerRules {
	maxPeers: number;
	/** 0: peers are never forgotten for silence. */
	idleMs: number;
}

export class UdpPeerLimits {
	/** Datagrams dropped because the socket remembered maxPeers already. */
	dropped = 0;
	private readonly repeats: RepeatSummary;

	constructor(
		readonly rules: UdpPeerRules,
		report: (level: ReportLevel, text: string) => void,
	) {
		this.repeats = new RepeatSummary(text => report('warning', text));
		this.verbose = text => report('verbose', text);
	}

	private readonly verbose: (text: string) => void;

	/** How often silent peers are looked for: expiry comes at most half an idle time late. */
	get sweepMs(): number {
		return Math.min(1000, Math.max(50, this.rules.idleMs / 2));
	}

	admits(remembered: number): boolean {
		return remembered < this.rules.maxPeers;
	}

	droppedNewPeer(peer: string, local: string): void {
		this.dropped++;
		const limit = `already ${this.rules.maxPeers} peer(s) (-m)`;
		this.repeats.note(
			`full ${local}`,
			() => `Dropped a datagram from new peer ${peer} on ${local}: ${limit}`,
			count => `Dropped ${count} more datagram(s) from new peers on ${local} in the last second: ${limit} (${this.dropped} in all)`,
		);
	}

	isIdle(lastHeard: number, now: number): boolean {
		return this.rules.idleMs > 0 && now - lastHeard >= this.rules.idleMs;
	}

	forgotIdle(peer: string, local: string): void {
		this.verbose(`Forgetting UDP peer ${peer} on ${local}: nothing from it for ${this.rules.idleMs / 1000} s (--udp-peer-idle)`);
	}
}
