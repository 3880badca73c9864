package app

import (
	"encoding/json"
	"log/slog"
	"sync"
)

// Hub fans events out to browser-mode clients over Server-Sent Events. It
// implements Emitter.
type Hub struct {
	log     *slog.Logger
	mu      sync.Mutex
	clients map[chan []byte]struct{}
	closed  chan struct{}
}

// NewHub returns an empty Hub.
func NewHub(log *slog.Logger) *Hub {
	return &Hub{log: log, clients: map[chan []byte]struct{}{}, closed: make(chan struct{})}
}

type wireEvent struct {
	Name string `json:"name"`
	Data any    `json:"data"`
}

// Emit sends an event to every connected client. A client too slow to keep
// up loses the event rather than holding up the others; the UI refreshes on
// reconnect, so nothing it shows stays stale.
func (h *Hub) Emit(name string, data any) {
	msg, err := json.Marshal(wireEvent{Name: name, Data: data})
	if err != nil {
		h.log.Error("event not sent", "event", name, "err", err)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- msg:
		default:
			h.log.Warn("event dropped for a slow client", "event", name)
		}
	}
}

// subscribe registers a client; the returned func unregisters it.
func (h *Hub) subscribe() (<-chan []byte, func()) {
	c := make(chan []byte, 64)
	h.mu.Lock()
	h.clients[c] = struct{}{}
	h.mu.Unlock()
	return c, func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}
}

// Close ends every event stream, so a shutting-down server is not held open.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	select {
	case <-h.closed:
	default:
		close(h.closed)
	}
}
