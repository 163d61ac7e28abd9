import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { backoffDelay, useLiveEvents, type LiveMessage } from './useLiveEvents';

/** Stands in for the browser's WebSocket: records what the hook sends, plays the server. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static instances: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000) {
    this.serverCloses(code);
  }

  // --- the server's side
  opens() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  says(type: string, data: Record<string, unknown> = {}) {
    this.onmessage?.({ data: JSON.stringify({ type, data }) });
  }

  accepts() {
    this.opens();
    this.says('ready', { account_id: 1, heartbeat_seconds: 25 });
  }

  serverCloses(code: number) {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code });
  }
}

function latest(): FakeSocket {
  const socket = FakeSocket.instances.at(-1);
  if (!socket) throw new Error('no socket was opened');
  return socket;
}

describe('useLiveEvents', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    tokens.save('access-1', 'refresh-1', false);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    tokens.clear();
  });

  it('sends the token first, hands messages to every listener and answers pings', () => {
    const first: LiveMessage[] = [];
    const second: LiveMessage[] = [];
    const a = renderHook(() => useLiveEvents((m) => first.push(m)));
    const b = renderHook(() => useLiveEvents((m) => second.push(m)));
    expect(FakeSocket.instances).toHaveLength(1); // one socket per tab
    const socket = latest();
    expect(socket.url).toBe(`ws://${window.location.host}/api/ws/`);

    socket.accepts();
    socket.says('notifications.unread', { unread: 3 });
    socket.says('ping');
    expect(socket.sent).toEqual([{ type: 'auth', token: 'access-1' }, { type: 'pong' }]);
    const seen = ['ready', 'notifications.unread'];
    expect(first.map((m) => m.type)).toEqual(seen);
    expect(second.map((m) => m.type)).toEqual(seen);
    expect(first[1]?.data).toEqual({ unread: 3 });

    a.unmount();
    expect(socket.readyState).toBe(FakeSocket.OPEN);
    b.unmount(); // the last listener closes the socket, for good
    expect(socket.readyState).toBe(FakeSocket.CLOSED);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('watches a ticket once connected, again after a reconnect, and stops on unmount', () => {
    renderHook(() => useLiveEvents(() => undefined)); // the bell, which stays
    const view = renderHook(() => useLiveEvents(() => undefined, { ticketId: 42 }));
    const first = latest();
    first.accepts();
    expect(first.sent).toEqual([
      { type: 'auth', token: 'access-1' },
      { type: 'subscribe', ticket_id: 42 },
    ]);

    first.serverCloses(1012);
    vi.advanceTimersByTime(backoffCeiling(0));
    const second = latest();
    expect(second).not.toBe(first);
    second.accepts();
    expect(second.sent).toEqual([
      { type: 'auth', token: 'access-1' },
      { type: 'subscribe', ticket_id: 42 },
    ]);

    view.unmount();
    expect(second.sent.at(-1)).toEqual({ type: 'unsubscribe', ticket_id: 42 });
    expect(second.readyState).toBe(FakeSocket.OPEN);
  });

  it('backs off further after each failed attempt and resets once connected', () => {
    renderHook(() => useLiveEvents(() => undefined));
    latest().serverCloses(1006);
    vi.advanceTimersByTime(backoffCeiling(0));
    expect(FakeSocket.instances).toHaveLength(2);

    latest().serverCloses(1006);
    vi.advanceTimersByTime(backoffCeiling(0));
    expect(FakeSocket.instances).toHaveLength(2); // the second wait is longer
    vi.advanceTimersByTime(backoffCeiling(1) - backoffCeiling(0));
    expect(FakeSocket.instances).toHaveLength(3);

    latest().accepts();
    latest().serverCloses(4429); // too slow: reconnect, starting from the shortest wait again
    vi.advanceTimersByTime(backoffCeiling(0));
    expect(FakeSocket.instances).toHaveLength(4);
  });

  it('reconnects when the server falls silent for three heartbeats', () => {
    renderHook(() => useLiveEvents(() => undefined));
    latest().accepts();
    vi.advanceTimersByTime(3 * 25_000 - 1);
    expect(latest().readyState).toBe(FakeSocket.OPEN);
    vi.advanceTimersByTime(1);
    expect(latest().readyState).toBe(FakeSocket.CLOSED);
    vi.advanceTimersByTime(backoffCeiling(0));
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('gives up on a refusal a retry cannot fix', async () => {
    renderHook(() => useLiveEvents(() => undefined));
    latest().opens();
    latest().serverCloses(4403); // e.g. a password change is required first
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('after a rejected token, reconnects only if the session can be refreshed', async () => {
    renderHook(() => useLiveEvents(() => undefined));
    latest().opens();
    tokens.clear(); // no refresh token left: the session is over
    latest().serverCloses(4401);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_000);
    });
    expect(FakeSocket.instances).toHaveLength(1);
  });
});

/** The longest a reconnect may wait after `attempt` failures (backoffDelay adds jitter below it). */
function backoffCeiling(attempt: number): number {
  const spy = vi.spyOn(Math, 'random').mockReturnValue(1);
  try {
    return backoffDelay(attempt);
  } finally {
    spy.mockRestore();
  }
}
