// The terminal around the UI (issue 10, items 10-14): TERM=dumb, Ctrl-L, Ctrl-Z / SIGTSTP /
// SIGCONT, SIGQUIT, small terminals, and how tabs, UTF-8 and backslashes from the network look.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, listenerWithTwoPeers, listeningPort} from '../helpers/pty-ui.js';
import {startInPty, type PtyRun} from '../helpers/term.js';

/** The terminal device the CLI runs on, e.g. /dev/pts/3. */
function ttyOf(run: PtyRun): string {
	return `/dev/${execFileSync('ps', ['-o', 'tty=', '-p', String(run.cliPid())], {encoding: 'utf8'}).trim()}`;
}

function sttyOf(device: string): string {
	return execFileSync('stty', ['-a', '-F', device], {encoding: 'utf8'});
}

test('item 10: TERM=dumb runs plain mode with a note, never the alternate screen', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24, env: {TERM: 'dumb'}});
	t.after(() => run.kill());
	await run.waitForScreen('netcrab-tui: note: TERM=dumb has no cursor addressing: plain mode (as --no-tui)');
	const screen = await run.waitForScreen(/Listening on 127\.0\.0\.1:(\d+)/);
	const peer = await connectPeer(Number(screen.match(/Listening on 127\.0\.0\.1:(\d+)/)![1]));
	t.after(() => peer.socket.destroy());
	peer.socket.write('plain text\n');
	await run.waitForScreen(/^plain text$/m);
	assert.ok(!run.output().includes('\x1b[?1049h'), 'no alternate screen');
	assert.equal(run.term.buffer.active.type, 'normal');
	run.type('\x03');
	await run.exited;
	assert.match(run.output(), /EXIT=130/);
});

test('item 11: Ctrl-L repaints the whole screen after someone else wrote on it (wall)', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await listeningPort(run);
	await run.waitForScreen('F1 help  ^C quit');
	// What `wall` does: write straight to the terminal device.
	writeFileSync(ttyOf(run), '\x1b[12;10HBroadcast message from root: SYSTEM GOING DOWN');
	await run.waitForScreen('SYSTEM GOING DOWN');
	run.type('\x0c');
	await run.waitForScreen(
		rows => !rows.join('\n').includes('SYSTEM GOING DOWN') && /F1 help {2}\^C quit/.test(rows[23]!) && /All peers/.test(rows[0]!),
	);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 12: Ctrl-Z gives the terminal back, SIGCONT takes it again and redraws; SIGQUIT restores it', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const device = ttyOf(run);
	run.type('\x1a');
	await run.waitForScreen(() => run.term.buffer.active.type === 'normal');
	assert.match(sttyOf(device), /(^|\s)icanon(\s|$)/m, 'cooked while suspended');
	const peer = await connectPeer(port);
	t.after(() => peer.socket.destroy());
	process.kill(run.cliPid(), 'SIGCONT');
	// Back on the alternate screen, drawn whole (the peer that came meanwhile is listed).
	await run.waitForScreen(
		rows => run.term.buffer.active.type === 'alternate' && /All peers/.test(rows[0]!) && rows.some(row => /#1 TCP/.test(row)),
	);
	assert.match(sttyOf(device), /(^|\s)-icanon(\s|$)/m, 'raw again');
	// The same for SIGTSTP sent by someone else (kill -TSTP).
	process.kill(run.cliPid(), 'SIGTSTP');
	await run.waitForScreen(() => run.term.buffer.active.type === 'normal');
	process.kill(run.cliPid(), 'SIGCONT');
	await run.waitForScreen(rows => run.term.buffer.active.type === 'alternate' && /All peers/.test(rows[0]!));
	process.kill(run.cliPid(), 'SIGQUIT');
	await assertRestored(run, 131);
});

test('item 13: at 60x15 both peers are listed, the last row holds whole status fields and the hint, help scrolls', async t => {
	const {run} = await listenerWithTwoPeers(t, ['-L', '127.0.0.1:0'], {columns: 60, rows: 15});
	await run.waitForScreen(rows => rows.some(row => /#1 TCP/.test(row)) && rows.some(row => /#2 TCP/.test(row)));
	// Fields that do not fit are dropped whole ("2 peers", the rates); the hint stays.
	await run.waitForScreen(rows => /^ TCP \| fwd none \| keys \| to All peers +F1 help {2}\^C quit ?$/.test(rows[14]!));
	run.type('\x1bOP');
	await run.waitForScreen(/-- Keys -- lines 1-\d+ of \d+, PgUp\/PgDn/);
	assert.doesNotMatch(run.screen(), /Ctrl-C +quit/);
	// Page down until Ctrl-C shows: where it sits depends on how many keys the help lists.
	const firstLine = () => run.screen().match(/-- Keys -- lines (\d+)-/)?.[1];
	for (let page = 0; !/Ctrl-C +quit/.test(run.screen()); page++) {
		assert.ok(page < 10, 'Ctrl-C is listed');
		const before = firstLine();
		run.type('\x1b[6~');
		await run.waitForScreen(() => firstLine() !== before);
	}
	run.type('\x1b');
	await run.waitForScreen('Traffic (text');
	run.type('\x03');
	await assertRestored(run, 130);
});

for (const noColor of [false, true]) {
	test(`item 14: a tab beside UTF-8 shows as text with a tab mark, a backslash doubled${noColor ? ' (NO_COLOR)' : ''}`, async t => {
		const run = startInPty(['-L', '127.0.0.1:0'], {columns: 100, rows: 24, env: noColor ? {NO_COLOR: '1'} : {}});
		t.after(() => run.kill());
		const peer = await connectPeer(await listeningPort(run));
		t.after(() => peer.socket.destroy());
		peer.socket.write('name\tcity\tcafé C:\\dir\\x41\n');
		// Today: caf\xc3\xa9, and the peer's "\x41" looked like an escape the UI made.
		await run.waitForScreen('#1 received 27 B name\\tcity\\tcafé C:\\\\dir\\\\x41\\x0a');
		run.type('\x03');
		await assertRestored(run, 130);
	});
}
