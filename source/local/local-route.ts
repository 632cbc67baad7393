// The local IO as route 0: what the router writes to it goes to the output (stdout, or nowhere
// with -o none); pausing it pauses whichever input is attached.
import {ChunkBudget} from '../router/chunk-budget.js';
import {localRouteId, type Route, type RouteSink} from '../router/route.js';

export interface InputControl {
	pause(): void;
	resume(): void;
}

export class LocalRoute implements Route {
	readonly id = localRouteId;
	readonly protocol = 'local';
	readonly origin = 'local';
	readonly local = 'local';
	readonly peer = 'local';
	readonly peerHost = '';
	readonly family = undefined;
	private input: InputControl | undefined;
	private paused = false;
	private readonly budget: ChunkBudget;

	constructor(
		router: RouteSink,
		private readonly output: NodeJS.WritableStream | undefined,
	) {
		this.budget = new ChunkBudget(() => router.drained(localRouteId));
		output?.on('drain', () => router.drained(localRouteId));
	}

	/** Local input starts late (when the first peer exists), so it is attached here then. */
	attachInput(input: InputControl): void {
		this.input = input;
		if (this.paused) input.pause();
	}

	write(data: Buffer): boolean {
		return this.output ? this.budget.afterWrite(this.output.write(data, this.budget.written)) : true;
	}

	holdsNoBytes(): boolean {
		return this.heldBytes() === 0;
	}

	heldBytes(): number {
		if (!this.output) return 0;
		const output = this.output as NodeJS.WritableStream & {writableLength: number};
		// An ended output drops what comes after: only an empty queue says anything then.
		return output.writableLength === 0 || output.writable ? output.writableLength : Number.POSITIVE_INFINITY;
	}

	pause(): void {
		this.paused = true;
		this.input?.pause();
	}

	resume(): void {
		this.paused = false;
		this.input?.resume();
	}

	end(onFlushed?: () => void): void {
		onFlushed?.();
	}

	destroy(): void {}
}
