package qbo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date without a time zone, as QBO's TxnDate, DueDate and
// BookCloseDate are: the date the accountant typed, in the company's own
// calendar. Keeping it apart from time.Time stops a zone conversion from
// moving an invoice to the previous day.
//
// The zero value means "no date" and is left out of JSON by omitzero.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD. A trailing zone ("Z", "-07:00"), which older
// QBO answers attach to dates, is ignored: the date is the company's date.
func ParseDate(s string) (Date, error) {
	if len(s) > 10 {
		if rest := s[10:]; rest == "Z" || (len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
			s = s[:10]
		}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("qbo: %q is not a date (YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// DateOf returns the date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// MarshalJSON writes d as "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" (see ParseDate), "" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	s, ok, err := jsonString(b)
	if err != nil || !ok || s == "" {
		*d = Date{}
		return err
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// DateTime is an instant as QBO writes it in MetaData: RFC 3339 with the
// offset of the company's zone, e.g. 2026-11-25T10:02:03-08:00. The offset is
// kept, so the value formats back as it came.
type DateTime struct {
	time.Time
}

// ParseDateTime reads an RFC 3339 timestamp, with or without fractional
// seconds. A timestamp without an offset is refused: guessing its zone would
// shift change tracking by hours.
func ParseDateTime(s string) (DateTime, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return DateTime{}, fmt.Errorf("qbo: %q is not an RFC 3339 timestamp with an offset", s)
	}
	return DateTime{t}, nil
}

// MarshalJSON writes t in RFC 3339 with its own offset, or null if zero.
func (t DateTime) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.Format(time.RFC3339Nano))
}

// UnmarshalJSON reads an RFC 3339 timestamp, "" or null.
func (t *DateTime) UnmarshalJSON(b []byte) error {
	s, ok, err := jsonString(b)
	if err != nil || !ok || s == "" {
		*t = DateTime{}
		return err
	}
	v, err := ParseDateTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// jsonString decodes a JSON string; ok is false for null.
func jsonString(b []byte) (s string, ok bool, err error) {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return "", false, nil
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return "", false, fmt.Errorf("qbo: expected a string, got %.40s", b)
	}
	return strings.TrimSpace(s), true, nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
