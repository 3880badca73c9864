package practice

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// InvoiceStatus is where an invoice is in its life.
type InvoiceStatus string

// The invoice statuses. Sent is what the accountant sees as "Awaiting
// Payment".
const (
	InvoiceDraft    InvoiceStatus = "draft"
	InvoiceApproved InvoiceStatus = "approved"
	InvoiceSent     InvoiceStatus = "sent"
	InvoicePaid     InvoiceStatus = "paid"
	InvoiceVoid     InvoiceStatus = "void"
)

// InvoiceStatuses lists the statuses in their order of life.
var InvoiceStatuses = []InvoiceStatus{InvoiceDraft, InvoiceApproved, InvoiceSent, InvoicePaid, InvoiceVoid}

// Invoice is a bill to one client. Its number is given at approval, from
// the prefix and sequence of the billing settings, unique and gap-free;
// once sent it is not edited (void it and issue another).
type Invoice struct {
	ID          int64          `json:"id"`
	Number      string         `json:"number"` // "" until approved
	ContactID   int64          `json:"contactId"`
	ContactName string         `json:"contactName"` // read only
	Status      InvoiceStatus  `json:"status"`
	IssueDate   string         `json:"issueDate"` // YYYY-MM-DD
	DueDate     string         `json:"dueDate"`   // YYYY-MM-DD
	Notes       string         `json:"notes"`
	Lines       []InvoiceLine  `json:"lines"`
	Subtotal    int64          `json:"subtotal"` // cents; computed
	Taxes       []InvoiceTax   `json:"taxes"`    // per tax rate; computed
	Total       int64          `json:"total"`    // cents; computed
	RunID       int64          `json:"runId"`    // the billing run that drafted it, 0 if none
	Activity    []InvoiceEvent `json:"activity"` // read only, oldest first
	CreatedAt   time.Time      `json:"createdAt"`
	UpdatedAt   time.Time      `json:"updatedAt"`
}

// InvoiceLine is one line of an invoice: usually a work item drafted onto
// it (WorkItemID), editable while the invoice is a draft.
type InvoiceLine struct {
	ID          int64   `json:"id"`
	WorkItemID  int64   `json:"workItemId"` // 0 for a line typed on the invoice
	WorkTypeID  int64   `json:"workTypeId"`
	WorkType    string  `json:"workType"` // read only
	Description string  `json:"description"`
	Quantity    Decimal `json:"quantity"`
	Rate        int64   `json:"rate"` // cents
	TaxRateID   int64   `json:"taxRateId"`
	Amount      int64   `json:"amount"` // computed: Quantity × Rate, rounded
}

// InvoiceTax is the tax of one rate over an invoice: the lines it applies
// to (Base) and the tax, with a combined rate's parts.
type InvoiceTax struct {
	TaxRateID int64            `json:"taxRateId"`
	Name      string           `json:"name"` // the rate's label, e.g. "GST 5 %"
	Base      int64            `json:"base"`
	Amount    int64            `json:"amount"`
	Parts     []InvoiceTaxPart `json:"parts"` // a combined rate's components; empty for a simple one
}

// InvoiceTaxPart is one component's share of a combined rate's tax.
type InvoiceTaxPart struct {
	Name    string  `json:"name"`
	Percent Decimal `json:"percent"`
	Amount  int64   `json:"amount"`
}

// InvoiceEvent is a line of an invoice's activity log: drafted, edited,
// approved, sent, voided (and, later, payments).
type InvoiceEvent struct {
	At     time.Time `json:"at"`
	Action string    `json:"action"`
	Detail string    `json:"detail"`
}

// Compute fills in each line's amount, the subtotal, the tax per rate and
// the total. The rule: each line's amount is quantity × rate rounded to
// the cent (half away from zero); each line's tax is computed per rate (per
// component for a combined rate) on that amount and rounded the same way;
// an invoice's tax for a rate is the sum of its lines' taxes. A line whose
// rate is unknown is an error naming it.
func (inv *Invoice) Compute(rates map[int64]*TaxRate) error {
	inv.Subtotal, inv.Total = 0, 0
	byRate := map[int64]*InvoiceTax{}
	var order []int64
	for i := range inv.Lines {
		l := &inv.Lines[i]
		l.Amount = LineAmount(l.Quantity, l.Rate)
		inv.Subtotal += l.Amount
		if l.TaxRateID == 0 {
			continue
		}
		r := rates[l.TaxRateID]
		if r == nil {
			return fmt.Errorf("line %d: tax rate %d is not known", i+1, l.TaxRateID)
		}
		t := byRate[r.ID]
		if t == nil {
			t = &InvoiceTax{TaxRateID: r.ID, Name: r.Label()}
			for _, c := range r.Components {
				t.Parts = append(t.Parts, InvoiceTaxPart{Name: c.Name, Percent: c.Percent})
			}
			byRate[r.ID] = t
			order = append(order, r.ID)
		}
		t.Base += l.Amount
		if len(r.Components) == 0 {
			t.Amount += TaxOn(l.Amount, r.Percent)
			continue
		}
		for j, c := range r.Components {
			part := TaxOn(l.Amount, c.Percent)
			t.Parts[j].Amount += part
			t.Amount += part
		}
	}
	slices.Sort(order)
	inv.Taxes = make([]InvoiceTax, 0, len(order))
	tax := int64(0)
	for _, id := range order {
		inv.Taxes = append(inv.Taxes, *byRate[id])
		tax += byRate[id].Amount
	}
	inv.Total = inv.Subtotal + tax
	return nil
}

// TaxTotal is the sum of the invoice's taxes.
func (inv *Invoice) TaxTotal() int64 { return inv.Total - inv.Subtotal }

// Editable reports whether the invoice may still be changed: only a draft.
func (inv *Invoice) Editable() bool { return inv.Status == InvoiceDraft }

// Validate checks a draft before it is saved or approved.
func (inv *Invoice) Validate() error {
	v := validator{}
	issue, err := time.Parse(time.DateOnly, inv.IssueDate)
	if err != nil {
		v.add("issueDate", "Enter the invoice date as YYYY-MM-DD.")
	}
	due, err2 := time.Parse(time.DateOnly, inv.DueDate)
	switch {
	case err2 != nil:
		v.add("dueDate", "Enter the due date as YYYY-MM-DD.")
	case err == nil && due.Before(issue):
		v.add("dueDate", "The due date cannot be before the invoice date.")
	}
	if inv.ContactID <= 0 {
		v.add("contactId", "Choose the client.")
	}
	if !ValidText(inv.Notes) {
		v.add("notes", "The notes contain characters that are not valid text.")
	} else if len([]rune(inv.Notes)) > MaxDescription {
		v.add("notes", fmt.Sprintf("The notes are too long: at most %d characters.", MaxDescription))
	}
	if len(inv.Lines) == 0 {
		v.add("lines", "An invoice needs at least one line.")
	}
	for i, l := range inv.Lines {
		f := fmt.Sprintf("lines.%d", i)
		switch {
		case strings.TrimSpace(l.Description) == "" && l.WorkTypeID == 0:
			v.add(f+".description", "Describe the line, or choose a work type.")
		case !ValidText(l.Description) || len([]rune(l.Description)) > MaxDescription:
			v.add(f+".description", fmt.Sprintf("A description is text of at most %d characters.", MaxDescription))
		}
		if l.Quantity.Sign() == 0 {
			v.add(f+".quantity", "Enter a quantity other than 0.")
		}
		if l.Rate < 0 || l.Rate > MaxMoney {
			v.add(f+".rate", "Enter a rate of 0 or more.")
		}
	}
	return v.err("The invoice could not be saved. Check the highlighted fields.")
}

// Billing run statuses.
const (
	BillingRunDrafted  = "drafted"  // invoices drafted, to review
	BillingRunApproved = "approved" // all approved, to send
	BillingRunSending  = "sending"
	BillingRunStopped  = "stopped" // stopped while sending; resume sends the rest
	BillingRunDone     = "done"
)

// BillingRun closes a period: every chosen client's unbilled work through
// a cut-off date drafted at once, reviewed, approved, and sent.
type BillingRun struct {
	ID        int64        `json:"id"`
	Through   string       `json:"through"` // YYYY-MM-DD
	Status    string       `json:"status"`
	Invoices  []RunInvoice `json:"invoices"`
	CreatedAt time.Time    `json:"createdAt"`
}

// RunInvoice is an invoice of a run, with how far its sending got: "",
// "sending" (it may have gone out: it is not sent again by itself), "sent".
type RunInvoice struct {
	Invoice
	SendState string `json:"sendState"`
}
