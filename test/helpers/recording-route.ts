// A route adapter without a socket, for driving the router's own logic: it records what the
// router does to it (writes, pause, end, destroy). Network behaviour is tested with real sockets
// elsewhere; UI tests use memory-route.ts, which also removes itself from the router.
import type {Route} from '../../source/router/route.js';

export class RecordingRoute implements Route {
	readonly protocol = 'tcp';
	readonly origin = 'inbound';
	readonly local = 'local:1';
	readonly peer: string;
	readonly family = 4;
	written: Buffer[] = [];
	/** What write() answers: false plays a socket whose buffer is full. */
	accepts = true;
	paused = false;
	ended = false;
	destroyed = false;
	/** What happened, in order: "end", "flushed", "destroy". */
	events: string[] = [];
	constructor(
		readonly id: number,
		readonly peerHost: string,
	) {
		this.peer = `${peerHost}:1000`;
	}
	write(data: Buffer): boolean {
		this.written.push(data);
		return this.accepts;
	}
	pause(): void {
		this.paused = true;
	}
	resume(): void {
		this.paused = false;
	}
	end(onFlushed?: () => void): void {
		this.ended = true;
		this.events.push('end');
		if (onFlushed) {
			this.events.push('flushed');
			onFlushed();
		}
	}
	destroy(): void {
		this.destroyed = true;
		this.events.push('destroy');
	}
}
