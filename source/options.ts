// Command-line flags -> validated Options. Pure: every usage error is made here.
import {AccessRuleError, loadAccessRules, type AccessRules} from './access-rules.js';
import {literalAddressProblem} from './address-family.js';
import {AddressError, parseListenAddress, parseTarget, transportOf, type ListenSpec, type TargetSpec} from './address.js';
import {parseProxyOptions, ProxyOptionError, type ProxySpec} from './proxy-options.js';
import {flagDefinitions} from './flag-definitions.js';
import {checkReach, parseCaptureFlags, validatePerPeer} from './option-checks.js';
import {delayRange, flagName, integer, kebab, oneOf, probability, seconds, strings} from './option-values.js';
import {UsageError} from './usage-error.js';
import {parseTlsOptions, TlsUsageError, type TlsOptions} from './tls-options.js';

export {UsageError} from './usage-error.js';
export {parseSize} from './option-values.js';

export const forwardingModes = ['none', 'hub', 'channels', 'linger-channels'] as const;
export type ForwardingMode = (typeof forwardingModes)[number];
const forwardingAliases: Record<string, ForwardingMode> = {h: 'hub', c: 'channels', lc: 'linger-channels'};

export const inputModes = ['none', 'stdin', 'stdin-nochar', 'echo', 'rand', 'fixed', 'pfqoscli', 'pfqossrv'] as const;
export type InputMode = (typeof inputModes)[number];
export type OutputMode = 'stdout' | 'none';
export type RandomValues = 'binary' | 'ascii';

export {flagDefinitions} from './flag-definitions.js';

/** -u without -m: peers remembered per listening socket. */
export const defaultUdpMaxPeers = 1000;
/** --udp-peer-idle default (seconds): a UDP peer silent this long is forgotten. */
export const defaultUdpPeerIdleSeconds = 60;
/** --keepalive default (seconds): idle time before TCP keepalive probes a peer. */
export const defaultKeepaliveSeconds = 60;

/** What command-line.ts hands over: known flags typed loosely, unknown ones kept so they can be refused. */
export type RawFlags = Record<string, unknown>;

export interface DelayRange {
	min: number;
	max: number;
}

export interface Options {
	listen: ListenSpec[];
	/** -l: exit when the first accepted client disconnects. */
	listenOnce: boolean;
	targets: TargetSpec[];
	/** --proxy: every TCP target is reached through it. */
	proxy?: ProxySpec;
	/** --allow/--deny/--allowfile/--denyfile: who may reach TCP and UDP listeners. */
	access?: AccessRules;
	maxClients: number;
	/** -m was not given: the UI raises the default to 10, its point being to pick among peers. */
	maxClientsDefaulted: boolean;
	/** --ss: largest local-input chunk (bytes); undefined forwards chunks as they arrive. */
	sendSize?: number;
	forwarding: ForwardingMode;
	/** --pair-same-host: channels pair peers of one host too. */
	pairSameHost: boolean;
	reconnectOnClose: boolean;
	reconnectOnError: boolean;
	zeroIo: boolean;
	family?: 4 | 6;
	inputMode: InputMode;
	outputMode: OutputMode;
	exitAfterInput: boolean;
	verbose: boolean;
	tui: boolean;
	crlf: boolean;
	scrollback: number;
	udp: boolean;
	broadcast: boolean;
	multicast: boolean;
	multicastLoop: boolean;
	ttl?: number;
	sendBufferSize?: number;
	receiveBufferSize?: number;
	exec?: string;
	/** --fork: each accepted client gets its own connection to the target. */
	fork: boolean;
	/** --exec-each: each peer gets its own child running this command. */
	execEach?: string;
	/** --exec-stderr: the --exec-each child's stderr goes to its peer too. */
	execStderr: boolean;
	randomSize: {min: number; max: number};
	randomValues: RandomValues;
	sendDelay: DelayRange;
	receiveDelay: DelayRange;
	sendDropProbability: number;
	receiveDropProbability: number;
	stats: boolean;
	statsIntervalMs: number;
	/** -m for UDP sockets: peers each remembers at most. */
	udpMaxPeers: number;
	/** -u: a peer that sent nothing this long is forgotten; 0: never. */
	udpPeerIdleMs: number;
	/** TCP keepalive idle time; 0: off. */
	keepaliveMs: number;
	/** --half-close-wait: ms of idle local input after a peer's FIN before our side closes (Infinity: until input ends). */
	halfCloseWaitMs: number;
	/** -q (or 0 with --exit-after-input): ms to wait for peers to close once local input ended. */
	quitAfterMs?: number;
	/** -w: connect timeout per attempt and address, ms. */
	connectTimeoutMs?: number;
	/** --idle-timeout: a peer with no traffic either way for this long is closed, ms. */
	idleTimeoutMs?: number;
	/** --tls and the TLS settings; which endpoints run TLS: transportOf(spec, {udp, tls: tls.byDefault}). */
	tls: TlsOptions;
	/** --capture FILE (pcapng) and --hex-dump FILE. */
	capture?: string;
	hexDump?: string;
	/** --capture-max: every capture stops when its file reaches this size. */
	captureMax?: {bytes: number; text: string};
}

const knownFlags = new Set<string>([...Object.keys(flagDefinitions), 'help', 'version']);

function parseForwarding(raw: unknown): ForwardingMode {
	if (raw === undefined) return 'none';
	const text = String(raw);
	const mode = forwardingAliases[text] ?? text;
	if (!(forwardingModes as readonly string[]).includes(mode)) {
		throw new UsageError(`bad value "${text}" for -f/--fm: expected one of ${forwardingModes.join(', ')} (or h, c, lc)`);
	}
	return mode as ForwardingMode;
}

export function parseOptions(flags: RawFlags, input: readonly string[]): Options {
	for (const name of Object.keys(flags)) {
		if (!knownFlags.has(name)) {
			// A short option keeps its case (-V, not --v); a long one is shown as typed (kebab-case).
			throw new UsageError(`unknown option ${name.length === 1 ? `-${name}` : `--${kebab(name)}`}`);
		}
	}

	const listenOnceTexts = strings(flags['listenOnce']);
	const listenTexts = strings(flags['listen']);
	if (listenOnceTexts.length > 0 && listenTexts.length > 0) {
		throw new UsageError('-l and -L cannot be used together');
	}

	const bareUnix = flags['unix'] === true;
	if (bareUnix && flags['udp'] === true) throw new UsageError('-U (Unix stream sockets) cannot be used with -u');
	let endpoints: Array<ListenSpec | TargetSpec>;
	try {
		endpoints = [
			...[...listenOnceTexts, ...listenTexts].map(text => parseListenAddress(text, {bareUnix})),
			...input.map(text => parseTarget(text, {bareUnix})),
		];
	} catch (error) {
		if (error instanceof AddressError) throw new UsageError(error.message);
		throw error;
	}
	// Schemes pick each endpoint's transport; TCP and TLS mix in one run, UDP does not mix yet.
	const udpByDefault = flags['udp'] === true;
	const tlsByDefault = flags['tls'] === true || flags['ssl'] === true;
	if (tlsByDefault && udpByDefault) throw new UsageError('--tls cannot be used with -u; write tls: before the endpoints that use TLS');
	const transportsOf = (specs: Array<ListenSpec | TargetSpec>) =>
		new Set(specs.map(spec => transportOf(spec, {udp: udpByDefault, tls: tlsByDefault})));
	const transports = transportsOf(endpoints);
	if (transports.has('unix') && transports.has('udp'))
		throw new UsageError('unix: endpoints are stream sockets and cannot be mixed with udp: or -u');
	if (transports.has('udp') && transports.size > 1)
		throw new UsageError(
			`${[...transports].filter(name => name !== 'udp').join(':, ')}: and udp: endpoints cannot be mixed in one run yet`,
		);
	const listen = endpoints.slice(0, listenOnceTexts.length + listenTexts.length) as ListenSpec[];
	const targets = endpoints.slice(listen.length) as TargetSpec[];
	let tls: TlsOptions;
	try {
		tls = parseTlsOptions(flags, {tlsServers: transportsOf(listen).has('tls'), tlsClients: transportsOf(targets).has('tls')});
	} catch (error) {
		if (error instanceof TlsUsageError) throw new UsageError(error.message);
		throw error;
	}

	// --fork and --exec-each pair each peer with its own partner: channels unless -f says otherwise.
	const perPeer = flags['fork'] === true || flags['execEach'] !== undefined;
	const forwarding = flags['fm'] === undefined && perPeer ? 'channels' : parseForwarding(flags['fm']);
	const udp = transports.has('udp');
	if (flags['ipv4'] === true && flags['ipv6'] === true) throw new UsageError('-4 and -6 cannot be used together');

	const options: Options = {
		listen,
		listenOnce: listenOnceTexts.length > 0,
		targets,
		udpMaxPeers: integer(flags['maxClients'], 'maxClients', {min: 1, max: 1_000_000}) ?? defaultUdpMaxPeers,
		maxClients: integer(flags['maxClients'], 'maxClients', {min: 1, max: 1_000_000}) ?? (forwarding === 'none' ? 1 : 10),
		maxClientsDefaulted: flags['maxClients'] === undefined,
		forwarding,
		pairSameHost: flags['pairSameHost'] === true,
		reconnectOnClose: flags['reconnect'] === true,
		reconnectOnError: flags['reconnectOnError'] === true,
		zeroIo: flags['zero'] === true,
		inputMode: oneOf(flags['input'], 'input', inputModes, 'stdin'),
		outputMode: oneOf(flags['output'], 'output', ['stdout', 'none'] as const, 'stdout'),
		exitAfterInput: flags['exitAfterInput'] === true,
		fork: flags['fork'] === true,
		execStderr: flags['execStderr'] === true,
		verbose: flags['verbose'] === true,
		tui: flags['tui'] !== false,
		crlf: flags['crlf'] === true,
		scrollback: integer(flags['scrollback'], 'scrollback', {min: 1, max: 10_000_000}) ?? 10_000,
		udp,
		broadcast: flags['broadcast'] === true,
		multicast: flags['mc'] === true,
		multicastLoop: flags['mcNoLoop'] !== true,
		randomSize: {
			min: integer(flags['rsizemin'], 'rsizemin', {min: 1, max: 1 << 20}) ?? 1,
			max: integer(flags['rsizemax'], 'rsizemax', {min: 1, max: 1 << 20}) ?? 1450,
		},
		randomValues: oneOf(flags['rvals'], 'rvals', ['binary', 'ascii'] as const, 'binary'),
		sendDelay: delayRange(flags['sdmin'], flags['sdmax'], 'sdmin', 'sdmax'),
		receiveDelay: delayRange(flags['rdmin'], flags['rdmax'], 'rdmin', 'rdmax'),
		sendDropProbability: probability(flags['sdrop'], 'sdrop'),
		receiveDropProbability: probability(flags['rdrop'], 'rdrop'),
		stats: flags['stats'] === true,
		statsIntervalMs: integer(flags['statsTime'], 'statsTime', {min: 1, max: 86_400_000}) ?? 1000,
		udpPeerIdleMs: (integer(flags['udpPeerIdle'], 'udpPeerIdle', {min: 0, max: 86_400}) ?? defaultUdpPeerIdleSeconds) * 1000,
		keepaliveMs: (integer(flags['keepalive'], 'keepalive', {min: 0, max: 86_400}) ?? defaultKeepaliveSeconds) * 1000,
		halfCloseWaitMs: 500,
		tls,
	};
	// -e: the command's exit is its input's end, and a command that takes a while to answer after
	// the peer's FIN must not lose its answer, so by default it waits for that (see half-close-wait.ts).
	options.halfCloseWaitMs =
		seconds(flags['halfCloseWait'], 'halfCloseWait', {zero: true, inf: true}) ??
		(flags['exec'] !== undefined ? Number.POSITIVE_INFINITY : 500);
	const quitAfterMs = seconds(flags['quitAfter'], 'quitAfter', {zero: true, inf: false}) ?? (options.exitAfterInput ? 0 : undefined);
	if (quitAfterMs !== undefined) options.quitAfterMs = quitAfterMs;
	const connectTimeoutMs = seconds(flags['connectTimeout'], 'connectTimeout', {zero: false, inf: false});
	if (connectTimeoutMs !== undefined) options.connectTimeoutMs = connectTimeoutMs;
	const idleTimeoutMs = seconds(flags['idleTimeout'], 'idleTimeout', {zero: false, inf: false});
	if (idleTimeoutMs !== undefined) options.idleTimeoutMs = idleTimeoutMs;
	const sendSize = integer(flags['ss'], 'ss', {min: 1, max: udp ? 65_507 : 16 << 20});
	if (sendSize !== undefined) options.sendSize = sendSize;
	if (flags['ipv4'] === true) options.family = 4;
	if (flags['ipv6'] === true) options.family = 6;
	const ttl = integer(flags['ttl'], 'ttl', {min: 1, max: 255});
	if (ttl !== undefined) options.ttl = ttl;
	const sendBufferSize = integer(flags['sb'], 'sb', {min: 1, max: 1 << 30});
	if (sendBufferSize !== undefined) options.sendBufferSize = sendBufferSize;
	const receiveBufferSize = integer(flags['rb'], 'rb', {min: 1, max: 1 << 30});
	if (receiveBufferSize !== undefined) options.receiveBufferSize = receiveBufferSize;
	if (flags['exec'] !== undefined) {
		const command = String(flags['exec']);
		if (command.trim() === '') throw new UsageError('-e/--exec needs a command');
		options.exec = command;
	}
	try {
		const proxy = parseProxyOptions(flags);
		if (proxy) options.proxy = proxy;
		const access = loadAccessRules({
			allow: strings(flags['allow']),
			deny: strings(flags['deny']),
			allowFiles: strings(flags['allowfile']),
			denyFiles: strings(flags['denyfile']),
		});
		if (access) options.access = access;
	} catch (error) {
		if (error instanceof ProxyOptionError || error instanceof AccessRuleError) throw new UsageError(error.message);
		throw error;
	}
	checkReach(options);
	Object.assign(options, parseCaptureFlags(flags));
	validatePerPeer(flags, options);
	if (options.randomSize.min > options.randomSize.max) {
		throw new UsageError(`--rsizemin (${options.randomSize.min}) is larger than --rsizemax (${options.randomSize.max})`);
	}

	const literalHosts = [
		...listen.flatMap(spec => (spec.kind === 'host' ? [spec.host] : [])),
		...targets.flatMap(target => (target.kind === 'host' ? [target.host, ...(target.source ? [target.source.host] : [])] : [])),
	];
	for (const host of literalHosts) {
		const problem = literalAddressProblem(host, options.family);
		if (problem) throw new UsageError(problem);
	}

	if (listen.length === 0 && targets.length === 0) {
		throw new UsageError('nothing to do: give a target HOST:PORT, or -l/-L ADDRESS to listen');
	}
	if ((options.reconnectOnClose || options.reconnectOnError) && targets.length === 0) {
		throw new UsageError('-r/-R reconnect outbound connections and need a target HOST:PORT');
	}
	if (options.connectTimeoutMs !== undefined && targets.length === 0)
		throw new UsageError('-w/--connect-timeout limits connecting and needs a target HOST:PORT');
	if (options.zeroIo && targets.length === 0) throw new UsageError('-z needs a target HOST:PORT');
	if (options.zeroIo && listen.length > 0) throw new UsageError('-z cannot be used with -l/-L');
	if (udp) {
		if (options.reconnectOnClose || options.reconnectOnError)
			throw new UsageError('-r/-R cannot be used with -u: UDP has no connection to reconnect');
		if (options.zeroIo) throw new UsageError('-z cannot be used with -u');
		if (flags['keepalive'] !== undefined) throw new UsageError('--keepalive is for TCP and cannot be used with -u');
		if (options.connectTimeoutMs !== undefined)
			throw new UsageError('-w/--connect-timeout cannot be used with -u: UDP does not connect');
		if (options.multicast && targets.length === 0) throw new UsageError('--mc joins the group of a target: give -u --mc GROUP:PORT');
	} else {
		const udpOnly = (['broadcast', 'mc', 'mcNoLoop', 'ttl', 'sb', 'rb', 'udpPeerIdle'] as const).filter(
			name => flags[name] !== undefined && flags[name] !== false,
		);
		if (udpOnly.length > 0) throw new UsageError(`${udpOnly.map(flagName).join(', ')}: only for UDP, add -u`);
	}
	if (options.exec !== undefined && flags['input'] !== undefined) {
		throw new UsageError('-e/--exec is the local input; it cannot be combined with -i');
	}

	if ((options.inputMode === 'pfqoscli' || options.inputMode === 'pfqossrv') && !udp) {
		throw new UsageError(`-i ${options.inputMode} is a UDP protocol: add -u`);
	}

	return options;
}
