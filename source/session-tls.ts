// A run's TLS: set up at start for the endpoints the command line names, and later for a TLS
// endpoint opened from the UI when the run had none of that side (a listener needs the server
// certificate, a target the client settings), the same way.
import type {TLSSocket} from 'node:tls';
import type {IpListenSpec, TargetSpec} from './address.js';
import {prepareTls, type TlsEndpoints} from './net/tls-endpoints.js';
import type {ReportLevel} from './router/router.js';
import type {TlsOptions} from './tls-options.js';

export class SessionTls {
	endpoints: TlsEndpoints = {};

	constructor(
		private readonly options: TlsOptions,
		private readonly handlers: {onSecure(socket: TLSSocket): void; report(level: ReportLevel, text: string): void},
	) {}

	/** At start: every TLS endpoint of the command line. */
	async start(listen: IpListenSpec[], targets: TargetSpec[]): Promise<void> {
		this.endpoints = await prepareTls(this.options, {listen, targets}, this.handlers);
	}

	/** For endpoints opened later: the side the run lacks is set up now. */
	async for(listen: IpListenSpec[], targets: TargetSpec[]): Promise<TlsEndpoints> {
		const needed = {listen: this.endpoints.acceptor ? [] : listen, targets: this.endpoints.client ? [] : targets};
		if (needed.listen.length > 0 || needed.targets.length > 0) {
			this.endpoints = {...(await prepareTls(this.options, needed, this.handlers)), ...this.endpoints};
		}
		return this.endpoints;
	}
}
