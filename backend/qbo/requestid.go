package qbo

import (
	"errors"
	"fmt"
)

// Limits QBO puts on the requestid query parameter.
const (
	MaxRequestIDLen      = 50 // a single write
	MaxBatchRequestIDLen = 36 // a batch request
)

// ErrInvalidRequestID is wrapped by the error a write returns when its
// requestid is empty, too long or holds characters other than printable
// ASCII. The write is not sent: without a valid requestid a retry could
// create a second object.
var ErrInvalidRequestID = errors.New("qbo: invalid requestid")

// validateRequestID checks a caller-supplied requestid. Printable ASCII only,
// so that an id survives URL encoding, logs and the outbox unchanged.
func validateRequestID(id string, maxLen int) error {
	switch {
	case id == "":
		return fmt.Errorf("%w: a write needs one (it makes retries idempotent)", ErrInvalidRequestID)
	case len(id) > maxLen:
		return fmt.Errorf("%w: %d characters, at most %d allowed", ErrInvalidRequestID, len(id), maxLen)
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return fmt.Errorf("%w: character %q at %d is not printable ASCII", ErrInvalidRequestID, id[i], i)
		}
	}
	return nil
}
