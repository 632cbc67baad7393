// Endpoints opened, closed and changed while the run goes on (the UI's open, close and -m keys).
// The text is the command line's: `[SCHEME:][SRC=]HOST:PORT[xN]` or `unix:PATH` connects, and
// `-L ADDR` (or `-l ADDR`) listens on a listen address, parsed by the same address.ts. Each answer
// is an error line for the prompt to show, or undefined when it worked.
//
// | what is asked                          | answer                                                  |
// |----------------------------------------|---------------------------------------------------------|
// | bad grammar (port, scheme, host...)    | the command line's own message                          |
// | udp: in a TCP run, anything with -u    | refused: one run does not mix UDP with streams yet      |
// | a target                               | waits for the first connection or failure, at most      |
// |                                        |   `connectWaitMs`; after that the target row shows it   |
// |                                        |   connecting and the log says how it ends               |
// | a listen address                       | bound (every address of it, or none) or the bind error  |
// | tls: before any TLS endpoint existed   | TLS is set up then, as at start (self-signed cert...)   |
// | the run already ended                  | refused                                                 |
//
// -m changed on a listener applies to the next client: one past the limit is accepted and closed
// at once, as ncat --max-conns does (checked: the client reads EOF); connected clients past a
// lowered limit stay. No netcat changes its limit while it runs.
import {
	AddressError,
	parseListenAddress,
	parseTarget,
	transportOf,
	type IpListenSpec,
	type ListenSpec,
	type TargetSpec,
} from './address.js';
import {describeError} from './errors.js';
import {isTlsEndpoint, type TlsEndpoints} from './net/tls-endpoints.js';
import type {Options} from './options.js';
import type {ReportLevel} from './router/router.js';
import type {SessionConnectors} from './session-connectors.js';
import type {StreamListeners} from './session-listeners.js';

/** How long the prompt waits for a new connection before it closes and the list takes over. */
export const connectWaitMs = 3000;

const maxClientsLimit = 1_000_000;

export interface LiveEndpointHost {
	listeners: StreamListeners;
	connectors: SessionConnectors;
	/** TLS for these endpoints, set up now if the run had none of that side yet. */
	tlsFor(listen: IpListenSpec[], targets: TargetSpec[]): Promise<TlsEndpoints>;
	ended(): boolean;
	/** A listener closed: the run may have nothing left to do. */
	checkIdle(): void;
	report(level: ReportLevel, text: string): void;
}

type Request = {listen: ListenSpec} | {target: TargetSpec};

export class LiveEndpoints {
	constructor(
		private readonly options: Options,
		private readonly host: LiveEndpointHost,
	) {}

	/** Opens what the text asks for; resolves with an error line, or undefined. */
	async open(text: string): Promise<string | undefined> {
		if (this.host.ended()) return 'the session ended';
		let request: Request;
		try {
			request = parseRequest(text.trim());
		} catch (error) {
			// The prompt shows the text next to the error: no need to quote it again.
			if (error instanceof AddressError) return error.message.replace(/ in (?:target |listen address )?"[^"]*"/, '');
			throw error;
		}
		const spec = 'listen' in request ? request.listen : request.target;
		const transport = transportOf(spec, {udp: this.options.udp, tls: this.options.tls.byDefault});
		if (this.options.udp) return 'endpoints cannot be opened from the UI in a UDP run (-u) yet';
		if (transport === 'udp') return 'udp: cannot be mixed with TCP in one run yet';
		try {
			if ('listen' in request) await this.listen(request.listen);
			else return await this.connect(request.target);
		} catch (error) {
			return describeError(error);
		}
		return undefined;
	}

	private async listen(spec: ListenSpec): Promise<void> {
		if (spec.kind === 'unix') {
			await this.host.listeners.listen(spec, undefined);
			return;
		}
		const tls = isTlsEndpoint(spec, this.options.tls) ? (await this.host.tlsFor([spec], [])).acceptor : undefined;
		await this.host.listeners.listen(spec, tls);
	}

	private async connect(target: TargetSpec): Promise<string | undefined> {
		if (target.kind === 'host' && isTlsEndpoint(target, this.options.tls)) await this.host.tlsFor([], [target]);
		return new Promise(resolve => {
			let settled = false;
			const settle = (answer: string | undefined) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				resolve(answer);
			};
			const timer = setTimeout(() => {
				this.host.report('info', `Still connecting to ${target.text} (listed until it connects or fails)`);
				settle(undefined);
			}, connectWaitMs);
			for (let index = 0; index < target.count; index++) {
				this.host.connectors.start(target, {
					live: true,
					onFirstRoute: () => settle(undefined),
					onFailed: error => settle(error.message),
				});
			}
		});
	}

	/** Stops one listener; its clients stay. */
	closeListener(address: string): string | undefined {
		const info = this.host.listeners.find(address);
		if (!info) return this.isUdp(address) ? 'UDP listeners cannot be closed from the UI yet' : `no listener on ${address}`;
		this.host.listeners.close(info);
		const clients = info.clients?.now ?? 0;
		this.host.report('info', `Closed listener ${address}${clients > 0 ? ` (its ${clients} client(s) stay connected)` : ''}`);
		this.host.checkIdle();
		return undefined;
	}

	/** The listener's -m now, for the prompt to start from. */
	maxClientsOf(address: string): number | undefined {
		const info = this.host.listeners.find(address);
		return info ? this.host.listeners.maxClientsOf(info) : undefined;
	}

	/** -m for one listener from now on, as typed (a whole number, as on the command line). */
	setMaxClients(address: string, text: string): string | undefined {
		const info = this.host.listeners.find(address);
		if (!info) return this.isUdp(address) ? 'the -m of a UDP listener cannot be changed from the UI yet' : `no listener on ${address}`;
		const value = Number(text.trim());
		if (!/^\d+$/.test(text.trim()) || value < 1 || value > maxClientsLimit)
			return `expected a whole number from 1 to ${maxClientsLimit}`;
		this.host.listeners.setMaxClients(info, value);
		const now = info.clients?.now;
		const over = now !== undefined && now > value ? `; the ${now} connected stay` : '';
		this.host.report('info', `Listener ${address} now takes ${value} client(s) at once (-m)${over}`);
		return undefined;
	}

	private isUdp(address: string): boolean {
		return this.host.listeners.listening.some(info => info.address === address && info.protocol === 'UDP');
	}
}

/** `-L ADDR`, `-l ADDR`, `--listen ADDR` listen; anything else is a target. */
function parseRequest(text: string): Request {
	if (text === '') throw new AddressError('type a target (HOST:PORT) or -L and a listen address');
	const listen = /^(?:-L|-l|--listen)(?:\s+|=)(.*)$/.exec(text);
	if (listen) return {listen: parseListenAddress(listen[1]!.trim())};
	if (/^(?:-L|-l|--listen)$/.test(text)) throw new AddressError(`missing listen address after "${text}"`);
	if (/\s/.test(text)) throw new AddressError(`one endpoint at a time: "${text}"`);
	return {target: parseTarget(text)};
}
