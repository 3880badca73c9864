package app

import (
	"log/slog"

	"ledgerlink/backend/practice"
)

// ErrorBody is how an error reaches the UI, in both modes: a code to branch
// on, a sentence for the accountant, and per-field problems for forms.
type ErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// FormatError turns an error from a service into what the UI receives.
// Internal faults are logged in full and reach the UI as a plain sentence.
func FormatError(log *slog.Logger, err error) ErrorBody {
	code := practice.ErrorCode(err)
	if code == practice.EINTERNAL {
		log.Error("internal error", "err", err)
	}
	return ErrorBody{Code: code, Message: practice.ErrorMessage(err), Fields: practice.ErrorFields(err)}
}
