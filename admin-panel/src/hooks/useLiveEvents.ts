/**
 * Live updates from the API's WebSocket (/api/ws/, protocol in the README, "Live updates").
 *
 * One socket per tab, shared by every component that listens, opened with the first listener
 * and closed with the last. It authenticates with the in-memory access token in its first
 * message, answers the server's pings, re-watches its tickets after a reconnect, and reconnects
 * with exponential backoff (a rejected token is refreshed first; a refusal that a new attempt
 * cannot fix, such as a required password change, stops it). After every (re)connect listeners
 * get `ready`: events may have been missed meanwhile, so refetch what is on screen.
 */
import { useEffect, useRef } from 'react';
import { refreshSession } from '@/api/client';
import { tokens } from '@/api/tokens';

export interface LiveMessage {
  type: string;
  data: Record<string, unknown>;
}
export type LiveListener = (message: LiveMessage) => void;

const NOT_AUTHENTICATED = 4401;
const FORBIDDEN = 4403;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
// The server pings every heartbeat; this many silent heartbeats mean the link is dead.
const SILENT_HEARTBEATS = 3;

export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  // Jitter: many tabs cut off together do not all come back in the same instant.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/ws/`;
}

export class LiveConnection {
  private listeners = new Set<LiveListener>();
  private watched = new Map<number, number>(); // ticket id -> how many listeners watch it
  private socket: WebSocket | null = null;
  // Authenticated: until then the server takes nothing but the token.
  private ready = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceMs = 0;

  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Receive `ticket.*` events of this ticket until the returned function is called. */
  watchTicket(ticketId: number): () => void {
    const count = this.watched.get(ticketId) ?? 0;
    this.watched.set(ticketId, count + 1);
    if (count === 0) this.send({ type: 'subscribe', ticket_id: ticketId });
    return () => {
      const left = (this.watched.get(ticketId) ?? 1) - 1;
      if (left > 0) {
        this.watched.set(ticketId, left);
        return;
      }
      this.watched.delete(ticketId);
      this.send({ type: 'unsubscribe', ticket_id: ticketId });
    };
  }

  private connect(): void {
    clearTimeout(this.reconnectTimer);
    const socket = new WebSocket(socketUrl());
    this.socket = socket;
    this.ready = false;
    socket.onopen = () => void this.authenticate(socket);
    socket.onmessage = (event: MessageEvent<string>) => this.receive(socket, event.data);
    socket.onclose = (event: CloseEvent) => void this.closed(socket, event.code);
  }

  private async authenticate(socket: WebSocket): Promise<void> {
    // After a reload the access token lives only in memory: get one from the refresh token.
    let token = tokens.access();
    if (!token && (await refreshSession().catch(() => false))) token = tokens.access();
    if (socket !== this.socket) return;
    if (!token) {
      this.stop();
      return;
    }
    socket.send(JSON.stringify({ type: 'auth', token }));
  }

  private receive(socket: WebSocket, raw: string): void {
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      return;
    }
    this.expectWithin(socket);
    if (message.type === 'ping') {
      this.send({ type: 'pong' });
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.attempt = 0;
      this.silenceMs = Number(message.data.heartbeat_seconds) * 1000 * SILENT_HEARTBEATS;
      this.expectWithin(socket);
      for (const ticketId of this.watched.keys()) this.send({ type: 'subscribe', ticket_id: ticketId });
    }
    for (const listener of this.listeners) listener(message);
  }

  private expectWithin(socket: WebSocket): void {
    clearTimeout(this.silenceTimer);
    if (this.silenceMs > 0) this.silenceTimer = setTimeout(() => socket.close(), this.silenceMs);
  }

  private async closed(socket: WebSocket, code: number): Promise<void> {
    if (socket !== this.socket) return;
    this.socket = null;
    this.ready = false;
    clearTimeout(this.silenceTimer);
    if (this.listeners.size === 0 || code === FORBIDDEN) return;
    if (code === NOT_AUTHENTICATED && !(await refreshSession().catch(() => true))) return;
    if (this.listeners.size === 0 || this.socket) return;
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private send(message: object): void {
    if (this.ready && this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private stop(): void {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.silenceTimer);
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    this.attempt = 0;
    socket?.close(1000);
  }
}

export const liveConnection = new LiveConnection();

/**
 * Calls `onMessage` with every live message while the component is mounted; with `ticketId`,
 * that ticket's thread events too (`ticket.reply`, `ticket.assigned`, `ticket.status_changed`).
 */
export function useLiveEvents(
  onMessage: LiveListener,
  { ticketId, enabled = true }: { ticketId?: number; enabled?: boolean } = {},
): void {
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });
  useEffect(() => {
    if (!enabled) return;
    return liveConnection.listen((message) => handler.current(message));
  }, [enabled]);
  useEffect(() => {
    if (!enabled || ticketId === undefined) return;
    return liveConnection.watchTicket(ticketId);
  }, [enabled, ticketId]);
}
