package billing

import (
	"fmt"
	"time"

	"ledgerlink/backend/invoicepdf"
	"ledgerlink/backend/practice"
)

// PDF renders an invoice with package invoicepdf: what the client sees —
// the firm, the client, the lines, the tax per rate (a combined rate's
// parts each on its own row), the totals and the due date.
func PDF(inv *practice.Invoice, client *practice.Contact, s Settings) ([]byte, error) {
	return invoicepdf.Render(PDFView(inv, client, s))
}

// PDFView is the invoice as invoicepdf lays it out.
func PDFView(inv *practice.Invoice, client *practice.Contact, s Settings) invoicepdf.Invoice {
	issue, _ := time.Parse(time.DateOnly, inv.IssueDate)
	due, _ := time.Parse(time.DateOnly, inv.DueDate)
	out := invoicepdf.Invoice{
		Firm:      invoicepdf.Party{Name: s.Firm.Name, Lines: s.Firm.Lines, Email: s.Firm.Email, Phone: s.Firm.Phone},
		Client:    invoicepdf.Party{Name: client.Name, Lines: addressLines(client), Email: client.Email, Phone: client.Phones.Primary},
		Number:    inv.Number,
		IssueDate: issue,
		DueDate:   due,
		Currency:  s.Currency,
		Subtotal:  inv.Subtotal,
		TaxTotal:  inv.TaxTotal(),
		Total:     inv.Total,
		Notes:     inv.Notes,
	}
	if s.TermsDays > 0 {
		out.Terms = fmt.Sprintf("Due in %d days.", s.TermsDays)
	}
	names := map[int64]string{}
	for _, t := range inv.Taxes {
		names[t.TaxRateID] = t.Name
		if len(t.Parts) == 0 {
			out.Taxes = append(out.Taxes, invoicepdf.TaxLine{Name: t.Name, Base: t.Base, Amount: t.Amount})
			continue
		}
		for _, p := range t.Parts {
			out.Taxes = append(out.Taxes, invoicepdf.TaxLine{Name: fmt.Sprintf("%s: %s %s %%", t.Name, p.Name, p.Percent), Base: t.Base, Amount: p.Amount})
		}
	}
	for _, l := range inv.Lines {
		out.Lines = append(out.Lines, invoicepdf.Line{Description: l.Description, Quantity: l.Quantity.String(),
			UnitPrice: l.Rate, Amount: l.Amount, TaxName: names[l.TaxRateID]})
	}
	return out
}

// addressLines is the client's mailing address (else its physical one),
// as lines for the invoice.
func addressLines(c *practice.Contact) []string {
	a := c.MailingAddress
	if a.IsZero() {
		a = c.PhysicalAddress
	}
	lines := append([]string(nil), a.Lines...)
	city := a.City
	for _, p := range []string{a.Region, a.PostalCode} {
		if p != "" {
			city += " " + p
		}
	}
	if city != "" {
		lines = append(lines, city)
	}
	if a.Country != "" {
		lines = append(lines, a.Country)
	}
	return lines
}
