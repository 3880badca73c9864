package sandbox

import (
	"fmt"
	"strings"
)

// sendInvoice answers POST /invoice/{id}/send[?sendTo=…]: the invoice is
// e-mailed to sendTo (which becomes its BillEmail) or to its BillEmail,
// and comes back with EmailStatus EmailSent and a DeliveryInfo. Sandbox
// companies may send 40 invoice e-mails a day.
func (w *write) sendInvoice(id, sendTo string) (map[string]any, error) {
	inv := w.c.get("Invoice", id)
	if inv == nil {
		return nil, errNotFound("Invoice", id)
	}
	to := strings.TrimSpace(sendTo)
	if to == "" {
		to = strings.TrimSpace(str(obj(inv["BillEmail"])["Address"]))
	}
	if to == "" {
		return nil, errRequired("BillEmail")
	}
	if err := checkEmails(to); err != nil {
		return nil, err
	}
	today := day(w.now)
	if limit := w.s.limits.limits().EmailsPerDay; limit > 0 && w.c.Emails[today] >= limit {
		return nil, errBusiness(fmt.Sprintf("This sandbox company has sent its %d invoice e-mails for today; try again tomorrow.", limit), "")
	}
	for d := range w.c.Emails {
		if d != today {
			delete(w.c.Emails, d)
		}
	}
	w.c.Emails[today]++
	if sendTo != "" {
		inv["BillEmail"] = map[string]any{"Address": to}
	}
	inv["EmailStatus"] = "EmailSent"
	inv["DeliveryInfo"] = map[string]any{"DeliveryType": "Email", "DeliveryTime": stamp(w.now)}
	w.touch(inv)
	return inv, nil
}
