// The captures of a session: the ones asked for on the command line and the ones the UI starts
// and stops. Each is a CaptureTap with its file and format.
import {RuntimeError} from '../errors.js';
import type {Options} from '../options.js';
import type {Router} from '../router/router.js';
import type {RouteInfo} from '../router/route.js';
import {applicationName} from './app-version.js';
import {CaptureFile} from './capture-file.js';
import {CaptureTap} from './capture-tap.js';
import {HexDumpRecorder} from './hex-dump-recorder.js';
import {PcapngRecorder, type InterfaceName} from './pcapng-recorder.js';

export type CaptureFormat = 'pcapng' | 'hex';

export interface CaptureSpec {
	path: string;
	format: CaptureFormat;
	maxBytes?: number;
	/** --capture-max as typed, for the notice. */
	maxText?: string;
}

export interface CaptureStatus {
	path: string;
	format: CaptureFormat;
	bytes: number;
}

/** The UI's choice: a name ending in .txt, .hex or .log is a hex dump, anything else pcapng. */
export function formatForPath(path: string): CaptureFormat {
	return /\.(txt|hex|log)$/i.test(path) ? 'hex' : 'pcapng';
}

export class Captures {
	private readonly running: Array<{tap: CaptureTap; format: CaptureFormat}> = [];

	constructor(
		private readonly router: Router,
		private readonly interfaceName: (route: RouteInfo) => InterfaceName,
	) {}

	/** Opens the file and starts recording; rejects with a one-line RuntimeError. */
	async start(spec: CaptureSpec): Promise<void> {
		if (this.running.some(({tap}) => tap.file.path === spec.path)) throw new RuntimeError(`already capturing to ${spec.path}`);
		const file = new CaptureFile(spec.path, spec.maxBytes);
		try {
			await file.ready();
		} catch (error) {
			throw new RuntimeError((error as Error).message);
		}
		const application = applicationName();
		const tap = new CaptureTap(
			this.router,
			file,
			sink =>
				spec.format === 'pcapng'
					? new PcapngRecorder(sink, application, this.interfaceName)
					: new HexDumpRecorder(sink, application),
			{limit: spec.maxText},
		);
		const entry = {tap, format: spec.format};
		this.running.push(entry);
		tap.start();
		void tap.done.then(() => this.running.splice(this.running.indexOf(entry), 1));
	}

	/** --capture and --hex-dump. */
	async startFromOptions(options: Pick<Options, 'capture' | 'hexDump' | 'captureMax'>): Promise<void> {
		const limit = options.captureMax ? {maxBytes: options.captureMax.bytes, maxText: options.captureMax.text} : {};
		if (options.capture !== undefined) await this.start({path: options.capture, format: 'pcapng', ...limit});
		if (options.hexDump !== undefined) await this.start({path: options.hexDump, format: 'hex', ...limit});
	}

	/** The captures running now. */
	status(): CaptureStatus[] {
		return this.running.filter(({tap}) => tap.active).map(({tap, format}) => ({path: tap.file.path, format, bytes: tap.file.bytes}));
	}

	/** Stops every capture; resolves once their files are flushed and closed. */
	async stopAll(options: {runEnding?: boolean} = {}): Promise<void> {
		await Promise.all(this.running.map(({tap}) => tap.stop(options)));
	}

	/** Stops the capture writing to `path`; false if there was none. */
	async stop(path: string): Promise<boolean> {
		const entry = this.running.find(({tap}) => tap.file.path === path);
		if (!entry) return false;
		await entry.tap.stop();
		return true;
	}
}
