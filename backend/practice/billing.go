package practice

import (
	"fmt"
	"strings"
	"time"
)

// Rate kinds of a work type.
const (
	RateHourly = "hourly" // the rate is per hour; quantities are hours
	RateFixed  = "fixed"  // the rate is per unit; quantities are units
)

// WorkType is a kind of work the firm bills: Bookkeeping, Tax return,
// Payroll, Advisory. Rate is its default rate in cents, per hour or per
// unit; work items copy it and may change it.
type WorkType struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	RateKind  string    `json:"rateKind"` // RateHourly or RateFixed
	Rate      int64     `json:"rate"`     // cents
	Active    bool      `json:"active"`
	InUse     int       `json:"inUse"` // work items and invoice lines that name it; read only
	CreatedAt time.Time `json:"createdAt"`
}

// MaxBillingName is the longest name of a work type or tax rate.
const MaxBillingName = 100

// Normalize trims the name.
func (w *WorkType) Normalize() {
	w.Name = strings.TrimSpace(w.Name)
	if w.RateKind == "" {
		w.RateKind = RateHourly
	}
}

// Validate checks a work type's own rules (a name taken is the store's).
func (w *WorkType) Validate() error {
	v := validator{}
	v.text("name", w.Name, MaxBillingName, true)
	if w.RateKind != RateHourly && w.RateKind != RateFixed {
		v.add("rateKind", "Choose hourly or fixed.")
	}
	if w.Rate < 0 {
		v.add("rate", "A rate cannot be negative.")
	}
	if w.Rate > MaxMoney {
		v.add("rate", "This rate is too large.")
	}
	return v.err("The work type could not be saved.")
}

// MaxMoney bounds an amount a form may hold (10 billion in cents): far
// beyond a firm's invoice, far below int64's limit, so sums never overflow.
const MaxMoney = 1_000_000_000_000

// TaxRate is a tax applied to invoice lines: simple ("GST 5 %") or
// combined from components ("CA sales 8.25 %" = state 6 % + county 1.25 %
// + city 1 %). A rate in use is archived, never deleted.
type TaxRate struct {
	ID         int64          `json:"id"`
	Name       string         `json:"name"`
	Percent    Decimal        `json:"percent"`    // the sum of the components for a combined rate
	Components []TaxComponent `json:"components"` // empty for a simple rate
	Archived   bool           `json:"archived"`
	InUse      int            `json:"inUse"` // read only
	CreatedAt  time.Time      `json:"createdAt"`
}

// TaxComponent is one part of a combined tax rate.
type TaxComponent struct {
	Name    string  `json:"name"`
	Percent Decimal `json:"percent"`
}

// Normalize trims names and, for a combined rate, sets Percent to the sum
// of its components.
func (r *TaxRate) Normalize() {
	r.Name = strings.TrimSpace(r.Name)
	if len(r.Components) == 0 {
		r.Components = nil
		return
	}
	sum := Decimal{}
	for i := range r.Components {
		r.Components[i].Name = strings.TrimSpace(r.Components[i].Name)
		sum = sum.Add(r.Components[i].Percent)
	}
	r.Percent = sum
}

// Validate checks a normalized tax rate.
func (r *TaxRate) Validate() error {
	v := validator{}
	v.text("name", r.Name, MaxBillingName, true)
	hundred := MustDecimal("100")
	if r.Percent.Sign() < 0 || r.Percent.Cmp(hundred) > 0 {
		v.add("percent", "A tax rate is between 0 and 100 %.")
	}
	if len(r.Components) == 1 {
		v.add("components", "A combined rate has two components or more; one is a simple rate.")
	}
	seen := map[string]bool{}
	for i, c := range r.Components {
		field := fmt.Sprintf("components.%d", i)
		switch {
		case c.Name == "":
			v.add(field, "Each component needs a name.")
		case seen[strings.ToLower(c.Name)]:
			v.add(field, fmt.Sprintf("Two components are named %q.", c.Name))
		case c.Percent.Sign() < 0 || c.Percent.Cmp(hundred) > 0:
			v.add(field, "A component is between 0 and 100 %.")
		}
		seen[strings.ToLower(c.Name)] = true
	}
	return v.err("The tax rate could not be saved.")
}

// Label is how invoices name the rate: "GST 5 %".
func (r *TaxRate) Label() string {
	if strings.Contains(r.Name, "%") {
		return r.Name
	}
	return r.Name + " " + r.Percent.String() + " %"
}

// WorkItem is a piece of work done for a client and not billed yet (or
// billed on an invoice, then InvoiceID says which).
type WorkItem struct {
	ID          int64   `json:"id"`
	ContactID   int64   `json:"contactId"`
	ContactName string  `json:"contactName"` // read only
	Date        string  `json:"date"`        // YYYY-MM-DD
	WorkTypeID  int64   `json:"workTypeId"`
	WorkType    string  `json:"workType"` // read only
	Description string  `json:"description"`
	Quantity    Decimal `json:"quantity"`  // hours or units
	Rate        int64   `json:"rate"`      // cents, the work type's unless changed
	TaxRateID   int64   `json:"taxRateId"` // 0: no tax
	TaxRate     string  `json:"taxRate"`   // read only: the rate's label
	Amount      int64   `json:"amount"`    // read only: Quantity × Rate, rounded
	InvoiceID   int64   `json:"invoiceId"` // 0 while unbilled
	// DefaultRate, on a save, takes the work type's rate instead of Rate.
	DefaultRate bool      `json:"defaultRate,omitempty"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// MaxDescription is the longest description of work or of an invoice line.
const MaxDescription = 2000

// Normalize trims the text fields.
func (w *WorkItem) Normalize() {
	w.Description = strings.TrimSpace(w.Description)
	w.Date = strings.TrimSpace(w.Date)
}

// Validate checks a normalized work item (that its contact, work type and
// tax rate exist is the store's).
func (w *WorkItem) Validate() error {
	v := validator{}
	if _, err := time.Parse(time.DateOnly, w.Date); err != nil {
		v.add("date", "Enter the date as YYYY-MM-DD.")
	}
	if w.ContactID <= 0 {
		v.add("contactId", "Choose the client.")
	}
	if w.WorkTypeID <= 0 {
		v.add("workTypeId", "Choose a work type.")
	}
	if !ValidText(w.Description) || strings.ContainsFunc(w.Description, func(r rune) bool { return isControl(r) && r != '\n' }) {
		v.add("description", "The description contains characters that are not valid text.")
	} else if n := len([]rune(w.Description)); n > MaxDescription {
		v.add("description", fmt.Sprintf("The description is too long: %d characters, at most %d.", n, MaxDescription))
	}
	if w.Quantity.Sign() <= 0 {
		v.add("quantity", "Enter a quantity above 0.")
	} else if w.Quantity.Cmp(MustDecimal("100000")) > 0 {
		v.add("quantity", "This quantity is too large.")
	}
	if w.Rate < 0 || w.Rate > MaxMoney {
		v.add("rate", "Enter a rate of 0 or more.")
	}
	return v.err("The work could not be saved.")
}

// WorkFilter selects work items.
type WorkFilter struct {
	ContactID int64  `json:"contactId"` // 0: every client
	Unbilled  bool   `json:"unbilled"`  // only work not on an invoice
	Through   string `json:"through"`   // YYYY-MM-DD: only work dated on or before
	InvoiceID int64  `json:"invoiceId"` // only the work billed on this invoice
}

// InvoiceFilter selects invoices for the list.
type InvoiceFilter struct {
	Status    InvoiceStatus `json:"status"`    // "": any
	ContactID int64         `json:"contactId"` // 0: any
	From      string        `json:"from"`      // issue date on or after, YYYY-MM-DD
	To        string        `json:"to"`        // issue date on or before
	Number    string        `json:"number"`    // part of the number
	Offset    int           `json:"offset"`
	Limit     int           `json:"limit"`
}

// InvoiceNumbering is how approved invoices are numbered: Prefix followed
// by the sequence, zero-padded to Digits ("INV-0042").
type InvoiceNumbering struct {
	Prefix string `json:"prefix"`
	Next   int64  `json:"next"`
	Digits int    `json:"digits"`
}

// Format returns the number n takes.
func (n InvoiceNumbering) Format(seq int64) string {
	return fmt.Sprintf("%s%0*d", n.Prefix, n.Digits, seq)
}

// Validate checks the numbering settings.
func (n *InvoiceNumbering) Validate() error {
	v := validator{}
	n.Prefix = strings.TrimSpace(n.Prefix)
	v.text("prefix", n.Prefix, 10, false)
	if n.Next < 1 {
		v.add("next", "The next number is 1 or more.")
	}
	if n.Digits < 1 || n.Digits > 12 {
		v.add("digits", "Numbers have 1 to 12 digits.")
	}
	if len(n.Format(n.Next)) > 21 {
		v.add("prefix", "An invoice number has at most 21 characters (QuickBooks' limit).")
	}
	return v.err("The numbering could not be saved.")
}
