package app

// Event names the UI listens to. The UI declares the same names in
// frontend/src/lib/api/events.ts.
const (
	// EventContactsChanged is sent after a contact is created, edited or
	// deleted, or a file of them imported, so every open view refreshes.
	EventContactsChanged = "contacts:changed"
)

// Emitter sends an event to the UI.
type Emitter interface {
	Emit(name string, data any)
}

type discardEmitter struct{}

func (discardEmitter) Emit(string, any) {}

// ContactsChanged is the payload of EventContactsChanged.
type ContactsChanged struct {
	Op string `json:"op"` // "created", "updated", "deleted" or "imported" (ID 0: any number of them)
	ID int64  `json:"id"`
}
