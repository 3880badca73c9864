package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// Settings are the Contact Sync Settings.
type Settings struct {
	// ImportTypeID is the contact type given to contacts created from
	// QuickBooks customers; 0 means the default type ("Client").
	ImportTypeID int64 `json:"importTypeId"`
	// PushTypeIDs are the contact types pushed to QuickBooks once the first
	// sync is done: a new contact of one of them becomes a customer, and a
	// change to one (its type included) is sent.
	PushTypeIDs []int64 `json:"pushTypeIds"`
	// Inactive says what an inactive customer becomes: "import" (a contact,
	// flagged inactive in the client list) or "list" (a line of the run's
	// report only).
	Inactive string `json:"inactive"`
	// Jobs says what a sub-customer becomes: "under_parent" (shown under its
	// parent in the client list) or "contacts" (a client of its own).
	Jobs string `json:"jobs"`
	// IntervalMinutes is how often the open app syncs by itself; 0 turns
	// background sync off.
	IntervalMinutes int `json:"intervalMinutes"`
}

// Setting values.
const (
	InactiveImport   = "import"
	InactiveList     = "list"
	JobsUnderParent  = "under_parent"
	JobsAsContacts   = "contacts"
	DefaultInterval  = 15
	settingsKey      = "sync.contact_settings"
	retryAtKey       = "sync.retry_not_before"
	maxIntervalHours = 24
)

// DefaultSettings are what a firm starts with.
func DefaultSettings() Settings {
	return Settings{PushTypeIDs: []int64{}, Inactive: InactiveImport, Jobs: JobsUnderParent, IntervalMinutes: DefaultInterval}
}

// LoadSettings reads the Contact Sync Settings, defaults filled in; the
// import type is resolved to a type that exists.
func LoadSettings(ctx context.Context, tx *sqlite.Tx) (Settings, error) {
	s := DefaultSettings()
	raw, ok, err := tx.Setting(ctx, settingsKey)
	if err != nil {
		return s, err
	}
	if ok {
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return DefaultSettings(), fmt.Errorf("stored contact sync settings: %w", err)
		}
	}
	types, err := tx.FindContactTypes(ctx)
	if err != nil {
		return s, err
	}
	exists := func(id int64) bool {
		return slices.ContainsFunc(types, func(t *practice.ContactType) bool { return t.ID == id })
	}
	if !exists(s.ImportTypeID) {
		s.ImportTypeID = 0
		for _, t := range types {
			if t.IsDefault {
				s.ImportTypeID = t.ID
			}
		}
	}
	s.PushTypeIDs = slices.DeleteFunc(slices.Clone(s.PushTypeIDs), func(id int64) bool { return !exists(id) })
	if s.PushTypeIDs == nil {
		s.PushTypeIDs = []int64{}
	}
	return s, nil
}

// SaveSettings checks and stores s.
func SaveSettings(ctx context.Context, tx *sqlite.Tx, s Settings) error {
	fields := map[string]string{}
	types, err := tx.FindContactTypes(ctx)
	if err != nil {
		return err
	}
	exists := func(id int64) bool {
		return slices.ContainsFunc(types, func(t *practice.ContactType) bool { return t.ID == id })
	}
	if !exists(s.ImportTypeID) {
		fields["importTypeId"] = "Choose the contact type imported customers get."
	}
	for _, id := range s.PushTypeIDs {
		if !exists(id) {
			fields["pushTypeIds"] = "Contact type " + strconv.FormatInt(id, 10) + " does not exist."
		}
	}
	if s.Inactive != InactiveImport && s.Inactive != InactiveList {
		fields["inactive"] = `Choose "import" or "list" for inactive customers.`
	}
	if s.Jobs != JobsUnderParent && s.Jobs != JobsAsContacts {
		fields["jobs"] = `Choose "under_parent" or "contacts" for sub-customers.`
	}
	if s.IntervalMinutes < 0 || s.IntervalMinutes > maxIntervalHours*60 {
		fields["intervalMinutes"] = fmt.Sprintf("Background sync runs every 1 to %d minutes, or 0 for never.", maxIntervalHours*60)
	}
	if len(fields) > 0 {
		return &practice.Error{Code: practice.EINVALID, Message: "The contact sync settings could not be saved.", Fields: fields}
	}
	if s.PushTypeIDs == nil {
		s.PushTypeIDs = []int64{}
	}
	raw, _ := json.Marshal(s)
	return tx.SetSetting(ctx, settingsKey, string(raw))
}

func (s Settings) pushes(typeID int64) bool { return slices.Contains(s.PushTypeIDs, typeID) }
