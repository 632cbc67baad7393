// A route adapter without a socket, for driving the router in UI tests: it records what the
// router writes to it. (Network behaviour is tested with real sockets elsewhere.)
import type {Router} from '../../source/router/router.js';
import type {Route} from '../../source/router/route.js';

export class MemoryRoute implements Route {
	readonly id: number;
	readonly protocol = 'tcp';
	readonly origin = 'inbound';
	readonly local = '127.0.0.1:5000';
	readonly peer: string;
	readonly peerHost: string;
	readonly family = 4;
	readonly written: Buffer[] = [];
	ended = false;

	constructor(
		private readonly router: Router,
		host = '127.0.0.1',
	) {
		this.id = router.allocateId();
		this.peerHost = host;
		this.peer = `${host}:${40000 + this.id}`;
	}

	/** Attaches to the router, as an accepted connection would. */
	static add(router: Router, host?: string): MemoryRoute {
		const route = new MemoryRoute(router, host);
		router.addRoute(route);
		return route;
	}

	receivedText(): string {
		return Buffer.concat(this.written).toString();
	}

	send(text: string | Buffer): void {
		this.router.receive({routeId: this.id, data: Buffer.isBuffer(text) ? text : Buffer.from(text)});
	}

	write(data: Buffer): boolean {
		this.written.push(data);
		return true;
	}

	pause(): void {}
	resume(): void {}

	end(onFlushed?: () => void): void {
		this.ended = true;
		onFlushed?.();
		this.router.removeRoute(this.id);
	}

	destroy(): void {
		this.router.removeRoute(this.id);
	}
}
